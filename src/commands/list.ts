// `ivol-tour list`: the tutorials that ship with the tour.
import { relative } from 'node:path';
import { listTutorials } from '../adapters/tutorial-files.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/types.js';

export function listCommand(lang: Lang, out: { stdout: (s: string) => void; stderr: (s: string) => void }, root?: string): number {
  const listings = root === undefined ? listTutorials() : listTutorials(root);
  out.stdout(t(lang, 'list.header') + '\n');
  const width = Math.max(0, ...listings.map((l) => l.id.length));
  for (const l of listings) {
    const what = l.title ? `${l.title[lang]} (${t(lang, 'list.steps', { count: l.steps })})` : t(lang, 'list.broken', { count: l.problems, dir: relative(process.cwd(), l.dir) || '.' });
    out.stdout(`  ${l.id.padEnd(width)}  ${what}\n`);
  }
  return 0;
}
