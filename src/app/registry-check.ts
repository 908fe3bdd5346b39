// The registry checks of a session (doctor, the preflight step's registriesReachable check):
// which images it pulls (the plan's node image for the installed kind, the tutorial's Pods),
// which of them `prepare` already put in the local engine, and what the registries or their
// mirrors answer for the rest. Loaded lazily: it reads YAML and, through the adapters, the network.

import type { Adapters } from '../adapters/ports.js';
import type { SessionFacts, TutorialSpec } from '../engine/model.js';
import { isLoopbackHost, describeMirror } from '../engine/mirrors.js';
import { pulledNodeImage, type DoctorReport } from '../engine/plan.js';
import type { RegistryReport } from '../engine/registry-report.js';
import { requiredImages } from '../engine/required-images.js';
import type { MessageRef } from '../i18n/types.js';

export interface RegistryCheckOptions {
  /** doctor --offline: nothing is asked. */
  readonly offline?: boolean;
  /** A doctor report already made (its kind version names the node image). */
  readonly doctor?: DoctorReport;
}

function notChecked(checked: RegistryReport['checked'], note: MessageRef): RegistryReport {
  return { checked, ok: true, registries: [], prepared: [], notes: [note] };
}

export async function sessionRegistries(adapters: Adapters, tutorial: TutorialSpec, facts: SessionFacts, o: RegistryCheckOptions = {}): Promise<RegistryReport> {
  if (facts.mode === 'simulated') return notChecked('simulated', { key: 'registry.note.simulated' });
  // The nodes of the learner's own cluster pull the images, with their own network and
  // credentials: what this machine reaches says nothing about them.
  if (facts.mode === 'byoc') return notChecked('byoc', { key: 'registry.note.byoc' });
  if (o.offline || !adapters.registries) return notChecked('offline', { key: 'registry.note.offline' });
  const doctor = o.doctor ?? (await adapters.doctor());
  const kindVersion = doctor.tools.find((t) => t.name === 'kind')?.version;
  const node = pulledNodeImage(doctor.plan, kindVersion);
  const notes: MessageRef[] = [];
  if (node === '') notes.push({ key: 'registry.note.nodeImageUnknown', params: { version: kindVersion ?? '?' } });
  for (const m of facts.mirrors ?? []) if (isLoopbackHost(m.host)) notes.push({ key: 'registry.note.loopbackMirror', params: { mirror: describeMirror(m) } });
  const images = requiredImages(tutorial, facts, node);
  // The node image is local when prepare left it (kind then pulls nothing); Pod images are
  // local when they are loaded into the node after it is created.
  const local = images.filter((i) => (i.role === 'node' ? facts.localImages?.[i.reference] !== undefined : (facts.prepared ?? []).includes(i.reference)));
  const rest = images.filter((i) => !local.includes(i));
  const report = await adapters.registries({ images: rest, mirrors: facts.mirrors ?? [] });
  return { ...report, prepared: local.map((i) => i.reference), notes: [...notes, ...report.notes] };
}
