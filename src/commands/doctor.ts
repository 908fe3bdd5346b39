// `ivol-tour doctor [--json]`: what this machine has and which profile will work.
// Text: an aligned table of the tools, the plan, then every missing piece with how to get it.
// JSON: the DoctorReport (with its plan) plus the messages rendered in the language.

import type { DoctorReport, ToolReport } from '../engine/plan.js';
import { failureMessage, nextAction, registryOk, type RegistryReport } from '../engine/registry-report.js';
import { t, tRef } from '../i18n/index.js';
import type { Lang, MessageRef } from '../i18n/types.js';
import { errorMessage } from '../engine/errors.js';
import { wrapHanging } from '../ui/text/wrap-report.js';
import { textTable } from './report-text.js';

export interface DoctorCommandOptions {
  readonly json: boolean;
  readonly lang: Lang;
  readonly stdout: (text: string) => void;
  readonly stderr?: (text: string) => void;
  /** Aborted when a signal ends the tour: the half-made report is not printed. */
  readonly signal?: AbortSignal;
  /** The terminal's columns, when stdout is one: the text report is wrapped to them. */
  readonly width?: number;
  /** The registry checks, made once doctor knows the kind version (absent: none). */
  readonly registries?: (report: DoctorReport) => Promise<RegistryReport>;
}

export interface HasDoctor {
  doctor(): Promise<DoctorReport>;
}

/** Exit code: 0 ready, 1 something is missing or an image cannot be pulled (or doctor itself failed). */
export async function doctorCommand(source: HasDoctor, o: DoctorCommandOptions): Promise<number> {
  let report: DoctorReport;
  let registries: RegistryReport | undefined;
  try {
    report = await source.doctor();
    if (o.registries && !o.signal?.aborted) registries = await o.registries(report);
  } catch (error) {
    (o.stderr ?? o.stdout)(`${errorMessage(error)}\n`);
    return 1;
  }
  // The tools were stopped half-way: what they answered says nothing about the machine.
  if (o.signal?.aborted) return 1;
  if (o.json) {
    o.stdout(`${JSON.stringify(doctorJson(report, o.lang, registries), null, 2)}\n`);
  } else {
    const text = formatDoctor(report, o.lang, registries);
    o.stdout(wrapHanging(text, o.width));
  }
  return report.ready && (registries?.ok ?? true) ? 0 : 1;
}

export function doctorJson(report: DoctorReport, lang: Lang, registries?: RegistryReport): unknown {
  const render = (m: MessageRef): string => tRef(lang, m);
  return {
    ...report,
    ...(registries ? { registries } : {}),
    text: {
      notes: report.plan.notes.map(render),
      problems: report.problems.map((p) => ({ tool: p.tool, message: render(p.message), fix: render(p.fix) })),
      ...(registries
        ? {
            registries: {
              notes: registries.notes.map(render),
              failures: registries.registries.flatMap((r) => {
                if (registryOk(r)) return [];
                const failure = r.failure ?? r.references.find((x) => !x.ok)?.failure;
                return [{ registry: r.registry, cause: failure ? render(failureMessage(failure)) : '', next: render(nextAction(r, report.mode)) }];
              }),
            },
          }
        : {}),
    },
  };
}

/** A digest cut to its first 12 hex digits: the reference stays readable on one line. */
function shortRef(reference: string): string {
  return reference.replace(/@(sha256:[0-9a-f]{12})[0-9a-f]+/, '@$1…');
}

/** The registry section: each registry (or its mirror) with its latency, each reference, and what to do about a failure. */
export function formatRegistries(r: RegistryReport, mode: DoctorReport['mode'], lang: Lang): string {
  let s = `\n${t(lang, 'doctor.registries')}\n`;
  for (const reg of r.registries) {
    const via = reg.mirror !== undefined ? `  ${t(lang, 'doctor.registries.via', { mirror: reg.endpoint })}` : '';
    if (!reg.reachable) {
      s += `  ✗ ${reg.registry}${via}  ${t(lang, 'doctor.statusBecause', { status: t(lang, 'doctor.registries.unreachable'), why: reg.failure ? tRef(lang, failureMessage(reg.failure)) : '' })}\n`;
      s += `    → ${tRef(lang, nextAction(reg, mode))}\n`;
      continue;
    }
    s += `  ${registryOk(reg) ? '✓' : '✗'} ${reg.registry}${via}  ${t(lang, 'doctor.registries.reachable', { ms: reg.latencyMs ?? 0 })}\n`;
    for (const x of reg.references) {
      s += x.ok
        ? `      ✓ ${shortRef(x.reference)}  ${t(lang, 'doctor.registries.resolved', { ms: x.latencyMs ?? 0 })}\n`
        : `      ✗ ${shortRef(x.reference)}  ${t(lang, 'doctor.statusBecause', { status: t(lang, 'doctor.registries.notResolved'), why: x.failure ? tRef(lang, failureMessage(x.failure)) : '' })}\n`;
    }
    if (!registryOk(reg)) s += `    → ${tRef(lang, nextAction(reg, mode))}\n`;
  }
  for (const p of r.prepared) s += `  ✓ ${shortRef(p)}  ${t(lang, 'doctor.registries.prepared')}\n`;
  for (const n of r.notes) s += `  · ${tRef(lang, n)}\n`;
  if (r.checked === 'yes') {
    const ms = r.elapsedMs ?? 0;
    const duration = ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
    s += `${t(lang, r.ok ? 'doctor.registries.ok' : 'doctor.registries.notOk', { duration })}\n`;
  }
  return s;
}

function status(tool: ToolReport, lang: Lang): string {
  if (!tool.found) return t(lang, 'doctor.status.missing');
  if (tool.timedOut) return t(lang, 'doctor.status.timedOut');
  if (tool.daemonReachable === false) return t(lang, 'doctor.status.daemonDown');
  return t(lang, 'doctor.status.ok');
}

export function formatDoctor(report: DoctorReport, lang: Lang, registries?: RegistryReport): string {
  const yes = t(lang, 'doctor.yes');
  const no = t(lang, 'doctor.no');
  let s = `${t(lang, 'doctor.title', { mode: report.mode })}\n\n`;
  // One container engine is enough: with docker installed (running or not), podman is not
  // missing, and the other way round.
  const isEngine = (tool: ToolReport): boolean => tool.name === 'docker' || tool.name === 'podman';
  const anEngineInstalled = report.tools.some((tool) => isEngine(tool) && tool.found);
  s += textTable([
    [t(lang, 'doctor.col.tool'), t(lang, 'doctor.col.status'), t(lang, 'doctor.col.version')],
    ...report.tools.map((tool) => {
      const optional = !tool.found && isEngine(tool) && anEngineInstalled;
      return [tool.name, optional ? t(lang, 'doctor.status.optional') : status(tool, lang), tool.version ?? '-'];
    }),
  ]);
  const p = report.plan;
  s += `\n${t(lang, 'doctor.plan')}\n`;
  s += textTable([
    [`  ${t(lang, 'doctor.plan.profile')}`, p.profile],
    [`  ${t(lang, 'doctor.plan.nodeImage')}`, p.nodeImage || t(lang, 'doctor.plan.nodeImageDefault')],
    [`  ${t(lang, 'doctor.plan.featureGate')}`, p.featureGate ? yes : no],
    [`  ${t(lang, 'doctor.plan.artifact')}`, p.artifact],
    [`  ${t(lang, 'doctor.plan.subPath')}`, p.subPath === 'yes' ? yes : p.subPath === 'no' ? no : t(lang, 'doctor.subPath.ignored')],
  ]);
  for (const n of p.notes) s += `  · ${tRef(lang, n)}\n`;
  if (report.problems.length > 0) {
    s += `\n${t(lang, 'doctor.problems')}\n`;
    for (const pr of report.problems) {
      s += `  ✗ ${pr.tool}: ${tRef(lang, pr.message)}\n    → ${tRef(lang, pr.fix)}\n`;
    }
  }
  if (registries) s += formatRegistries(registries, report.mode, lang);
  s += `\n${report.ready ? t(lang, 'doctor.ready') : t(lang, 'doctor.notReady')}\n`;
  return s;
}
