// A kubectl read that the API server refused with 403 Forbidden, with your own cluster: the
// credentials (a room seat's, say) may not see it. Such a command does not fail its step
// (engine/tour.ts commandFailed); its output says what was not visible. Only a command that
// reads, and only when every error it printed is such a refusal: anything else fails as before.

import { kubectlWords } from '../../../engine/ownership.js';

/** kubectl sub-commands that only read from the API server. */
const READS = new Set(['get', 'describe', 'events', 'logs', 'top', 'wait', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info']);

/** Whether `kubectl <args>` only reads. */
export function kubectlOnlyReads(args: readonly string[]): boolean {
  const sub = kubectlWords(args).positional[0];
  return sub !== undefined && READS.has(sub);
}

/**
 * What the refusals in kubectl's output were (`list pods in kube-system`), or null when the
 * output holds another error too (or none).
 */
export function forbiddenReads(output: string): string[] | null {
  const errors = output.split(/\r?\n/).filter((l) => /^(Error from server|error:|Error:)/.test(l.trim()));
  if (errors.length === 0) return null;
  const what: string[] = [];
  for (const line of errors) {
    const m = /^Error from server \(Forbidden\):.*? cannot (\w+) resource "([^"]+)" in API group "([^"]*)"(?: in the namespace "([^"]+)"| at the cluster scope)?/.exec(line.trim());
    if (!m) return null;
    const [, verb = '', resource = '', group = '', namespace] = m;
    const text = `${verb} ${resource}${group ? `.${group}` : ''}${namespace ? ` in ${namespace}` : ''}`;
    if (!what.includes(text)) what.push(text);
  }
  return what;
}
