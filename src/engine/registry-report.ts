// What the registry checks found (doctor, the preflight step): for each registry the session
// pulls from (or its mirror), whether its API answers and how fast, and whether each exact
// reference resolves; for what fails, the cause in one line and the next action. The probes
// are in src/adapters/registry; this file is pure.

import type { MessageRef } from '../i18n/types.js';
import type { Mode } from './model.js';

/** Why a registry request failed. */
export type RegistryFailureCause = 'dns' | 'refused' | 'timeout' | 'tls' | 'network' | 'reset' | 'proxy' | 'http' | 'notFound' | 'auth' | 'other';

export interface RegistryFailure {
  readonly cause: RegistryFailureCause;
  /** What the client said (an error code, an HTTP status line), one line. */
  readonly detail: string;
  readonly status?: number;
}

export interface ReferenceCheck {
  /** As the tutorial or the plan writes it (debian:bookworm-slim, kindest/node:v1.35.0@sha256:…). */
  readonly reference: string;
  /** What is asked for: the repository and tag/digest on the registry or the mirror (HOST/PATH:TAG). */
  readonly asked: string;
  readonly ok: boolean;
  /** The digest the registry answered with (Docker-Content-Digest). */
  readonly digest?: string;
  readonly latencyMs?: number;
  readonly failure?: RegistryFailure;
}

export interface RegistryCheck {
  /** The registry the images come from (docker.io, quay.io, ghcr.io). */
  readonly registry: string;
  /** The base URL asked: the registry's API host, or the mirror. */
  readonly endpoint: string;
  /** `REGISTRY=URL` when a mirror stands in for the registry. */
  readonly mirror?: string;
  /** GET /v2/ answered 200 or 401 (an OCI distribution API). */
  readonly reachable: boolean;
  readonly latencyMs?: number;
  /** The status GET /v2/ answered with. */
  readonly status?: number;
  readonly failure?: RegistryFailure;
  readonly references: readonly ReferenceCheck[];
}

export interface RegistryReport {
  /**
   * yes: checked now. offline: not checked (doctor --offline, IVOL_TOUR_OFFLINE=1). byoc: your
   * cluster's nodes pull the images, not this machine. simulated: nothing is pulled.
   */
  readonly checked: 'yes' | 'offline' | 'byoc' | 'simulated';
  /** Every registry answered and every reference resolved (true when not checked). */
  readonly ok: boolean;
  readonly registries: readonly RegistryCheck[];
  /** Images prepared in the local engine: needed from no registry. */
  readonly prepared: readonly string[];
  /** Things to know (a loopback mirror, a node image the tour cannot name). */
  readonly notes: readonly MessageRef[];
  /** How long the checks took in all. */
  readonly elapsedMs?: number;
}

export function registryOk(r: RegistryCheck): boolean {
  return r.reachable && r.references.every((x) => x.ok);
}

export function reportOk(registries: readonly RegistryCheck[]): boolean {
  return registries.every(registryOk);
}

/** The cause of a failure, as one translated line's message. */
export function failureMessage(f: RegistryFailure): MessageRef {
  return { key: `registry.cause.${f.cause}`, params: { detail: f.detail, status: f.status ?? 0 } };
}

/**
 * What to do about a registry that failed: name the mirror option for it (or check the mirror
 * given), prepare the images on a machine with network, or follow along simulated.
 */
export function nextAction(r: RegistryCheck, mode: Mode): MessageRef {
  const failure = r.failure ?? r.references.find((x) => !x.ok)?.failure;
  if (r.mirror !== undefined) {
    if (failure?.cause === 'notFound') return { key: 'registry.next.mirrorMissing', params: { registry: r.registry, mirror: r.mirror } };
    return { key: 'registry.next.mirrorDown', params: { registry: r.registry, mirror: r.mirror } };
  }
  if (failure?.cause === 'notFound') return { key: 'registry.next.notFound', params: { registry: r.registry } };
  if (failure?.cause === 'auth') return { key: 'registry.next.auth', params: { registry: r.registry } };
  return { key: mode === 'simulated' ? 'registry.next.unreachableSim' : 'registry.next.unreachable', params: { registry: r.registry } };
}

/** One line per failing registry or reference, in English: the check's message (checks.ts). */
/**
 * The check's message, in the learner's language: what failed (each registry or image with its
 * cause), else what answered. registrySummary gives the same in a fixed form for the diagnosis.
 */
export function registryMessage(report: RegistryReport): MessageRef {
  if (report.checked !== 'yes') return { key: 'check.registries.notChecked', params: { why: report.checked } };
  const bad: MessageRef[] = [];
  for (const r of report.registries) {
    const where = r.mirror !== undefined ? `${r.registry} (${r.endpoint})` : r.registry;
    if (!r.reachable) {
      bad.push({ key: 'check.registries.failed', params: { what: where, cause: r.failure ? failureMessage(r.failure) : { key: 'check.registries.unreachable' } } });
      continue;
    }
    for (const x of r.references) if (!x.ok) bad.push({ key: 'check.registries.failed', params: { what: x.reference, cause: x.failure ? failureMessage(x.failure) : { key: 'check.registries.unreachable' } } });
  }
  if (bad.length > 0) return bad.reduce((acc, next) => ({ key: 'check.join', params: { first: acc, rest: next } }));
  const good = report.registries.map((r) => `${r.registry}${r.mirror !== undefined ? ` (${r.endpoint})` : ''} ${r.latencyMs ?? '?'} ms`).join(', ');
  if (report.prepared.length > 0) {
    const prepared = report.prepared.join(', ');
    return good !== '' ? { key: 'check.registries.okPrepared', params: { registries: good, prepared } } : { key: 'check.registries.nothingPrepared', params: { prepared } };
  }
  return good !== '' ? { key: 'check.registries.ok', params: { registries: good } } : { key: 'check.registries.nothing' };
}

/**
 * The same facts in a fixed English form, one `REGISTRY[ (mirror URL)]: CAUSE (DETAIL)` per
 * failure: the check's output, which the diagnosis rules read (registry.unreachable, .mirror).
 */
export function registrySummary(report: RegistryReport): string {
  if (report.checked !== 'yes') return `not checked (${report.checked})`;
  const bad: string[] = [];
  for (const r of report.registries) {
    if (!r.reachable) {
      bad.push(`${r.registry}${r.mirror !== undefined ? ` (mirror ${r.endpoint})` : ''}: ${r.failure?.cause ?? 'unreachable'}${r.failure ? ` (${r.failure.detail})` : ''}`);
      continue;
    }
    for (const x of r.references) if (!x.ok) bad.push(`${x.reference}: ${x.failure?.cause ?? 'failed'}${x.failure ? ` (${x.failure.detail})` : ''}`);
  }
  if (bad.length > 0) return bad.join('; ');
  const good = report.registries.map((r) => `${r.registry}${r.mirror !== undefined ? ` via ${r.endpoint}` : ''} ${r.latencyMs ?? '?'} ms`);
  const prepared = report.prepared.length > 0 ? `; prepared: ${report.prepared.join(', ')}` : '';
  return (good.length > 0 ? `reachable: ${good.join(', ')}` : 'nothing to pull') + prepared;
}
