// The images a session pulls, read from the plan and the tutorial, never listed twice: the
// node image kind pulls on this machine, and the images the node pulls for the tour's Pods
// (containers and image volumes of the Pod manifests the session applies, and a node image a
// kind config names). Optional steps are left out (the CRI-O image build is an extra). Pure.

import { parse } from 'yaml';
import { parseImageRef } from './image-ref.js';
import { matches, type SessionFacts, type TutorialSpec } from './model.js';
import { isKindClusterConfig, isPodManifest } from './runtime-mirrors.js';

export interface RequiredImage {
  /** As written (debian:bookworm-slim, quay.io/crio/artifact:v2). */
  readonly reference: string;
  /** node: pulled by the container engine on this machine (kind); pod: pulled by the node's runtime. */
  readonly role: 'node' | 'pod';
  /** The registry it comes from, normalised (docker.io). */
  readonly registry: string;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The image references a Pod manifest names: containers, init containers, image volumes. */
export function podImages(text: string): string[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return [];
  }
  const spec = record(record(doc)?.['spec']);
  if (!spec) return [];
  const out: string[] = [];
  for (const key of ['initContainers', 'containers']) {
    for (const c of list(spec[key])) {
      const image = record(c)?.['image'];
      if (typeof image === 'string') out.push(image);
    }
  }
  for (const v of list(spec['volumes'])) {
    const ref = record(record(v)?.['image'])?.['reference'];
    if (typeof ref === 'string') out.push(ref);
  }
  return out;
}

/** The node images a kind config names (nodes[].image). */
export function kindConfigImages(text: string): string[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return [];
  }
  return list(record(doc)?.['nodes']).flatMap((n) => {
    const image = record(n)?.['image'];
    return typeof image === 'string' ? [image] : [];
  });
}

/**
 * Every image the session needs, node image first. `nodeImage`: what kind pulls ('' when the
 * tour cannot name it: kind's default for a release it does not know).
 */
export function requiredImages(tutorial: TutorialSpec, facts: Pick<SessionFacts, 'profile' | 'featureGate' | 'mode' | 'prepared'>, nodeImage: string): RequiredImage[] {
  const out: RequiredImage[] = [];
  const add = (reference: string, role: RequiredImage['role']): void => {
    const ref = parseImageRef(reference);
    if (!ref || out.some((x) => x.reference === reference)) return;
    out.push({ reference, role, registry: ref.registry });
  };
  if (nodeImage !== '') add(nodeImage, 'node');
  for (const step of tutorial.steps) {
    if (step.optional || !matches(step.when, facts)) continue;
    for (const f of step.files) {
      if (!matches(f.when, facts)) continue;
      if (isPodManifest(f.content)) for (const image of podImages(f.content)) add(image, 'pod');
      else if (isKindClusterConfig(f.content)) for (const image of kindConfigImages(f.content)) add(image, 'node');
    }
  }
  return out;
}
