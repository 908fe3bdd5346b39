// Code and commands wrap instead of being cut: code with a ↪ mark, shell at argument
// boundaries with ` \`, and what a learner copies runs as the same command (checked by a real
// shell, sh -c, printing its argv).
import { execFileSync } from 'node:child_process';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { CONTINUATION_MARK, wrapCodeLine, wrapPath, wrapShellCommand, wrapShellLine } from './wrap-code.js';
import { wrapLine } from './wrap.js';

/** The argv a POSIX shell reads from `script` (the lines as copied from the screen). */
function argvOf(script: string): string[] {
  const out = execFileSync('sh', ['-c', `set -- ${script}\nfor a in "$@"; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('wrapCodeLine', () => {
  it('keeps a line that fits as it is', () => {
    expect(wrapCodeLine('kind: Pod', 20)).toEqual(['kind: Pod']);
  });

  it('breaks a wide line between words; every continuation starts with the line\'s indent and ↪; nothing is lost', () => {
    const line = '    reference: quay.io/crio/artifact:v2 # the artifact the guide used, made for containerd';
    const lines = wrapCodeLine(line, 40);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(40);
    for (const l of lines.slice(1)) expect(l.startsWith(`    ${CONTINUATION_MARK} `)).toBe(true);
    const joined = [lines[0], ...lines.slice(1).map((l) => l.slice(6))].join(' ');
    expect(joined.replace(/\s+/g, ' ')).toBe(line.replace(/\s+/g, ' '));
    expect(lines.join('\n')).not.toContain('…');
  });

  it('breaks a word wider than the line by characters, still marked', () => {
    const lines = wrapCodeLine('x'.repeat(50), 20);
    expect(lines[0]).toBe('x'.repeat(18));
    expect(lines.slice(1).every((l) => l.startsWith('↪ '))).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(2))).join('')).toBe('x'.repeat(50));
  });

  it('styles the mark as asked and keeps the colours of the line', () => {
    const lines = wrapCodeLine('\x1b[36mname: image-volume-with-a-rather-long-name and more\x1b[39m', 20, (m) => `<${m}>`);
    expect(lines[1]).toContain('<↪>');
    // eslint-disable-next-line no-control-regex
    for (const l of lines) expect(stringWidth(l.replace(/\x1b\[[0-9;]*m/g, '').replace(/[<>]/g, ''))).toBeLessThanOrEqual(20);
  });
});

describe('wrapPath', () => {
  const unwrap = (lines: string[]): string => lines.map((l, i) => (i === 0 ? l : l.replace(`${CONTINUATION_MARK} `, ''))).join('');

  it('a path that fits stays one line', () => {
    expect(wrapPath('/tmp/w/pod.yaml', 40)).toEqual(['/tmp/w/pod.yaml']);
  });

  it('breaks after a slash, so directory and file names stay whole', () => {
    const path = '/home/learner/.local/state/ivol-tour/work/simulated-ivol/kind-config.containerd.yaml';
    const lines = wrapPath(path, 40);
    expect(lines).toEqual(['/home/learner/.local/state/ivol-tour/', `${CONTINUATION_MARK} work/simulated-ivol/`, `${CONTINUATION_MARK} kind-config.containerd.yaml`]);
    expect(unwrap(lines)).toBe(path);
  });

  it('a name wider than a line is broken by characters, within the width, and nothing is lost', () => {
    const path = `/srv/${'x'.repeat(50)}/文件名称很长很长很长的文件.yaml`;
    const lines = wrapPath(path, 20);
    for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(20);
    expect(unwrap(lines)).toBe(path);
  });
});

describe('wrapShellCommand', () => {
  const argv = ['kubectl', '--context', 'kind-ivol', '-n', 'default', 'exec', 'image-volume', '-c', 'shell', '--', 'ls', '-l', '/volume/dir'];

  it('breaks at argument boundaries, each broken line ending with " \\", never wider than the width', () => {
    const lines = wrapShellCommand(argv, 40, { prompt: '$ ' });
    expect(lines[0]?.startsWith('$ kubectl')).toBe(true);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(40);
    for (const l of lines.slice(0, -1)) expect(l.endsWith(' \\')).toBe(true);
    for (const l of lines.slice(1)) expect(l.startsWith('  ')).toBe(true);
    // The tail that tells `ls -l /volume` from `ls -l /volume/dir` is whole on one line.
    expect(lines.some((l) => l.includes('/volume/dir'))).toBe(true);
  });

  it('copied from the screen (without the prompt), it is the same argv for a shell', () => {
    const lines = wrapShellCommand(argv, 30, { prompt: '$ ' });
    expect(argvOf(lines.join('\n').slice(2))).toEqual(argv);
  });

  it('an argument wider than a line is split so that the shell joins it back, quoted pieces too', () => {
    const long = ['kubectl', 'get', 'nodes', '-o', 'custom-columns=NAME:.metadata.name,RUNTIME:.status.nodeInfo.containerRuntimeVersion,KUBELET:.status.nodeInfo.kubeletVersion'];
    const lines = wrapShellCommand(long, 30, { prompt: '$ ' });
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(30);
    expect(argvOf(lines.join('\n').slice(2))).toEqual(long);
    const spaced = ['echo', `it's ${'a very long argument with spaces '.repeat(3)}`];
    const q = wrapShellCommand(spaced, 24, { prompt: '$ ' });
    for (const l of q) expect(stringWidth(l)).toBeLessThanOrEqual(24);
    expect(argvOf(q.join('\n').slice(2))).toEqual(spaced);
  });

  it('a command that fits stays on one line', () => {
    expect(wrapShellCommand(['kind', 'version'], 40, { prompt: '$ ' })).toEqual(['$ kind version']);
  });
});

describe('wrapShellLine (shell code blocks)', () => {
  it('breaks between words with " \\" and reads back as the same words', () => {
    const line = 'kubectl --context kind-ivol exec image-volume -c shell -- cat "/volume/dir/file name"';
    const lines = wrapShellLine(line, 36);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(36);
    expect(argvOf(lines.join('\n'))).toEqual(argvOf(line));
  });

  it('leaves a line with a comment whole (a backslash in a comment continues nothing)', () => {
    const line = 'ls -l /volume   # lists what the artifact holds, and nothing else at all';
    expect(wrapShellLine(line, 30)).toEqual([line]);
  });
});

describe('CJK punctuation never starts a line', () => {
  const CLOSING = /^[，。、；：！？）」』》〉】〕”’]/u;
  it('after a CJK character, a word or a code span, the character or word before moves down with it', () => {
    const texts = [
      '镜像卷把制品的内容挂载进容器，运行时以只读方式挂载它。',
      '这一步会运行 kubectl，然后读回这个 Pod（检查卷仍然存在）。',
      '先运行 `kubectl get pods`，再查看事件。',
    ];
    for (const text of texts) {
      // From the width where a word and its punctuation fit on one line (9: "kubectl，").
      for (let width = 9; width <= 30; width++) {
        const lines = wrapLine(text, width);
        for (const l of lines.slice(1)) expect(l, `${width}: ${lines.join(' | ')}`).not.toMatch(CLOSING);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }
    }
  });
});
