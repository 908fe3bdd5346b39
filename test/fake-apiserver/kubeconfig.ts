// Kubeconfig files for tests: the tour's context (kind-ivol by default) pointing at one fake
// API server, and the CURRENT context pointing at another ("someone else's cluster") that
// must never receive a request.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp.js';

export interface KubeconfigSpec {
  /** URL of the tour's server (context `tourContext`); omit to leave the context out. */
  readonly tourServer?: string;
  readonly tourContext?: string;
  /** URL of the other cluster; its context is the current one. */
  readonly otherServer: string;
  readonly otherContext?: string;
  /** More contexts on the other cluster (same cluster and user entries). */
  readonly alsoOther?: readonly string[];
  readonly dir?: string;
}

export interface WrittenKubeconfig {
  readonly path: string;
  readonly dir: string;
  readonly text: string;
}

export function writeKubeconfig(spec: KubeconfigSpec): WrittenKubeconfig {
  const dir = spec.dir ?? tempDir('ivol-kubeconfig-');
  const tour = spec.tourContext ?? 'kind-ivol';
  const other = spec.otherContext ?? 'prod-cluster';
  const clusters = [
    `- cluster:\n    insecure-skip-tls-verify: true\n    server: ${spec.otherServer}\n  name: ${other}`,
    ...(spec.tourServer ? [`- cluster:\n    insecure-skip-tls-verify: true\n    server: ${spec.tourServer}\n  name: ${tour}`] : []),
  ];
  const contexts = [
    `- context:\n    cluster: ${other}\n    user: ${other}\n    namespace: production\n  name: ${other}`,
    ...(spec.alsoOther ?? []).map((name) => `- context:\n    cluster: ${other}\n    user: ${other}\n  name: ${name}`),
    ...(spec.tourServer ? [`- context:\n    cluster: ${tour}\n    user: ${tour}\n  name: ${tour}`] : []),
  ];
  const users = [
    `- name: ${other}\n  user:\n    token: other-secret-token`,
    ...(spec.tourServer ? [`- name: ${tour}\n  user:\n    token: tour-token`] : []),
  ];
  const text = `apiVersion: v1\nkind: Config\npreferences: {}\ncurrent-context: ${other}\nclusters:\n${clusters.join('\n')}\ncontexts:\n${contexts.join('\n')}\nusers:\n${users.join('\n')}\n`;
  const path = join(dir, 'config');
  writeFileSync(path, text, { mode: 0o600 });
  return { path, dir, text };
}
