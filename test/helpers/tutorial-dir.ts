// Small tutorials written to a temporary folder, for tests that load, lint, trust or run a
// tutorial from elsewhere. Every folder made is removed by cleanup() (call it in afterEach).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export class TempDirs {
  private readonly made: string[] = [];

  make(prefix = 'ivol-test-'): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.made.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.made.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** tutorial.yaml with the required head and `steps` (YAML text of the list, indented 2). */
export function tutorialYaml(steps: string, head = ''): string {
  return `id: t\ntitle: { en: "T", zh-CN: "T" }\ndescription: { en: "D", zh-CN: "D" }\n${head}steps:\n${steps}`;
}

/** Both Markdown files of each step id. */
export function stepTexts(...ids: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of ids) {
    out[`steps/${id}.en.md`] = `# ${id}\n`;
    out[`steps/${id}.zh-CN.md`] = `# ${id}（中文）\n`;
  }
  return out;
}

/** Writes the files (by '/'-separated path) under `dir`; returns `dir`. */
export function writeFiles(dir: string, files: Readonly<Record<string, string | Buffer>>): string {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, ...rel.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}
