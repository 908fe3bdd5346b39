// Reports wrapped for a terminal: under their own text, commands kept pasteable.
import { execFileSync } from 'node:child_process';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { wrapHanging } from './wrap-report.js';

describe('wrapHanging (plain-text reports for a terminal)', () => {
  it('keeps short lines, and wraps a long one under its text, after its indentation and marker', () => {
    const url = 'https://kind.sigs.k8s.io/dl/v0.31.0/kind-linux-amd64';
    const text = `Title\n  ✗ kind: kind is not installed, and the tour needs it to make a cluster.\n    → Install kind v0.31.0 or newer: \`curl -Lo ./kind ${url}\``;
    expect(wrapHanging(text, 60).split('\n')).toEqual([
      'Title',
      '  ✗ kind: kind is not installed, and the tour needs it to',
      '    make a cluster.',
      '    → Install kind v0.31.0 or newer:',
      '      `curl -Lo ./kind \\',
      `      ${url}\``,
    ]);
    // Nothing to wrap: the text as it was.
    expect(wrapHanging('  ✗ short\n    → also short', 60)).toBe('  ✗ short\n    → also short');
  });

  it('keeps a `command` that fits whole on one line, and breaks a longer one between its words with ` \\`, so it pastes as one', () => {
    const url = 'https://kind.sigs.k8s.io/dl/v0.31.0/kind-linux-amd64';
    const install = `curl -Lo ./kind ${url} && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind`;
    const line = `    → Install kind v0.31.0 or newer: \`${install}\` (or \`go install sigs.k8s.io/kind@v0.31.0\`).`;
    const lines = wrapHanging(line, 80).split('\n');
    expect(lines).toEqual([
      '    → Install kind v0.31.0 or newer:',
      `      \`curl -Lo ./kind ${url} && \\`,
      '      chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind` (or',
      '      `go install sigs.k8s.io/kind@v0.31.0`).',
    ]);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    // What a learner selects from the first ` to the closing one, pasted into a shell: the command.
    const pasted = lines.join('\n').split('`')[1] ?? '';
    expect(execFileSync('sh', ['-c', `printf '%s|' ${pasted.replace(/&&/g, '').replace(/\/usr\/local\/bin\/kind/, '/usr/local/bin/kind')}`]).toString()).toBe(
      install.replace(/&& /g, '').split(' ').join('|') + '|',
    );
    // A command that fits stays on one line, even where a break between its words was possible.
    const short = wrapHanging('    → Start it: run `sudo systemctl start docker` and then check with `docker info` again.', 40).split('\n');
    expect(short.some((l) => l.includes('`sudo systemctl start docker`'))).toBe(true);
    expect(short.some((l) => l.includes('`docker info`'))).toBe(true);
  });

  it('never breaks a command inside a quoted word (a backslash-newline there would not join the lines)', () => {
    const line = "    → Look: `kubectl --context kind-ivol exec image-volume -c shell -- sh -c 'ls -l /volume && cat /volume/dir/file'`";
    const lines = wrapHanging(line, 60).split('\n');
    expect(lines.some((l) => l.includes("'ls -l /volume && cat /volume/dir/file'`"))).toBe(true);
    for (const l of lines.slice(1, -1)) expect(l).toMatch(/ \\$/);
  });

  it('wraps Chinese between characters, never starting a line with closing punctuation, within the width', () => {
    const line = '    → 使用镜像源（--mirror docker.io=HOST；见 README 的“举办工作坊”），或在有网络的机器上运行 `ivol-tour prepare --save FILE`。';
    const lines = wrapHanging(line, 30).split('\n');
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(30);
    for (const l of lines.slice(1)) expect(l).toMatch(/^ {6}\S/);
    for (const l of lines.slice(1)) expect(l.trimStart()).not.toMatch(/^[，。）；”]/u);
    // (A command wider than a line goes on after ` \`, the shell's line continuation.)
    expect(lines.map((l) => l.trim().replace(/ \\$/, '')).join('').replace(/ /g, '')).toBe(line.trim().replace(/ /g, ''));
  });
});
