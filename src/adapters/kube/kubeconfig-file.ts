// `--kubeconfig FILE`: what a kubeconfig file names as its current context and that context's
// namespace. A room seat's file (room create writes it) holds one context, current, with the
// seat's namespace: `ivol-tour --kubeconfig seat-07.kubeconfig` is then bring-your-own-cluster
// mode on that context and namespace, without the attendee typing either. Only a file with one
// context is taken that way: in any other the context must be named (--context), as always.

import { parse } from 'yaml';
import { decodeUtf8, readRegularFile } from '../safe-file.js';
import { isRecord, recordOf } from '../../engine/shape.js';

/** A kubeconfig is small; anything larger is not one. */
const MAX_KUBECONFIG_BYTES = 4 << 20;

export type KubeconfigDefaults =
  | {
      readonly ok: true;
      /** The current context, if the file names one. */
      readonly context?: string;
      readonly namespace?: string;
      /** How many contexts the file holds (a seat's file: one). */
      readonly contexts: number;
    }
  | { readonly ok: false; readonly error: string };

export function kubeconfigDefaults(path: string): KubeconfigDefaults {
  const read = readRegularFile(path, { maxBytes: MAX_KUBECONFIG_BYTES });
  if (!read.ok) {
    const why = read.problem === 'missing' ? 'no such file' : read.problem === 'notFile' ? `not a file (${read.what})` : read.problem === 'tooBig' ? `larger than ${read.max} bytes` : read.problem === 'unreadable' ? read.error : read.problem;
    return { ok: false, error: why };
  }
  const text = decodeUtf8(read.bytes);
  if (text === null) return { ok: false, error: 'not UTF-8 text' };
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    return { ok: false, error: `not YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  if (!isRecord(doc)) return { ok: false, error: 'not a kubeconfig (no mapping at the top)' };
  const contexts = Array.isArray(doc['contexts']) ? doc['contexts'] : [];
  const current = doc['current-context'];
  const context = typeof current === 'string' && current !== '' ? current : undefined;
  if (context === undefined) return { ok: true, contexts: contexts.length };
  const entry = contexts.map(recordOf).find((c) => c['name'] === context);
  const ns = recordOf(entry?.['context'])['namespace'];
  return { ok: true, context, ...(typeof ns === 'string' && ns !== '' ? { namespace: ns } : {}), contexts: contexts.length };
}
