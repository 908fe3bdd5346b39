import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown.js';

describe('renderMarkdown in Chinese', () => {
  it('joins soft line breaks between CJK characters without a space, also next to emphasis', () => {
    const lines = renderMarkdown('作为一个\n**只读卷**。不需要\n复制文件。\nEnglish\nwords', 80, { color: false, highlight: null });
    // eslint-disable-next-line no-control-regex
    expect(lines[0]?.replace(/\x1b\[[0-9;]*m/g, '')).toBe('作为一个只读卷。不需要复制文件。 English words');
  });

  it('fills lines to the width instead of breaking only at spaces', () => {
    const lines = renderMarkdown('Kubernetes 可以把一个 OCI 镜像或制品的内容直接挂载进 Pod，作为一个只读卷。', 20, { color: false, highlight: null });
    expect(lines.filter((l) => l !== '').slice(0, -1).every((l) => l.length >= 9)).toBe(true);
  });
});
