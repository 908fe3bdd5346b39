import { execFileSync } from 'node:child_process';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { wrapHanging, wrapLine, wrapText } from './wrap.js';

// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('wrapText', () => {
  it('breaks English at spaces, never wider than the width', () => {
    const lines = wrapLine('The quick brown fox jumps over the lazy dog', 12);
    expect(lines).toEqual(['The quick', 'brown fox', 'jumps over', 'the lazy dog']);
  });

  it('fills Chinese lines to the width, breaking between characters', () => {
    const text = 'Kubernetes 可以把一个 OCI 镜像或制品的内容直接挂载进 Pod，作为一个只读卷。不需要 init 容器去复制文件';
    const lines = wrapLine(text, 20);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(20);
    // Every line but the last is (nearly) full: no ragged half-empty lines.
    for (const l of lines.slice(0, -1)) expect(stringWidth(l)).toBeGreaterThanOrEqual(18);
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  });

  it('never starts a line with closing punctuation', () => {
    const lines = wrapLine('一二三四五，六七八', 10);
    for (const l of lines) expect(l.startsWith('，')).toBe(false);
    expect(lines.join('')).toBe('一二三四五，六七八');
  });

  it('never ends a line with an opening bracket: it goes down with what it opens', () => {
    // "（" then a Latin word that does not fit: the bracket moves down with the word.
    expect(wrapLine('请查看集群（kind-ivol）的节点', 14)).toEqual(['请查看集群', '（kind-ivol）', '的节点']);
    // Before a Chinese character too, and in colour.
    const coloured = wrapLine('一二三四\x1b[36m「五六」\x1b[39m七', 10).map(plain);
    expect(coloured).toEqual(['一二三四', '「五六」七']);
    for (const width of [6, 8, 9, 10, 11, 12, 13, 16]) {
      for (const l of wrapLine('运行 kubectl（或 kind）后，再读回 Pod（检查 image 卷是否还在）。', width).map(plain)) {
        expect(l.endsWith('（')).toBe(false);
        expect(stringWidth(l)).toBeLessThanOrEqual(width);
      }
    }
  });

  it('keeps colours across a break: closed at the end, opened again', () => {
    const lines = wrapLine('\x1b[1mbold words that wrap\x1b[22m plain', 10);
    // eslint-disable-next-line no-control-regex
    expect(lines[0]).toMatch(/^\x1b\[1m.*\x1b\[0m$/);
    expect(lines[1]?.startsWith('\x1b[1m')).toBe(true);
    expect(lines.map(plain)).toEqual(['bold words', 'that wrap', 'plain']);
  });

  it('hard-breaks a word longer than the line', () => {
    expect(wrapLine('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('splits on newlines first', () => {
    expect(wrapText('a b\nc', 10)).toEqual(['a b', 'c']);
  });
});

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
