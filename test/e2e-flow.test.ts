// End to end, the flow of issue 10 on the BUILT tour in a real pty at 80×24, in English and in
// Chinese: a passed step stays until Enter; the artifact-pull-fails drill shows its diagnosis in
// full within 30 s, and only the hints that fit it; the recap at the end; one line on the normal
// screen after quitting.
import { existsSync } from 'node:fs';
import { tempDir } from './helpers/temp.js';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { pageToAction, readOnWithEnter } from './helpers/beats.js';
import { ptyAppPerTest, ROOT, startPtyApp, type PtyApp } from './helpers/pty-app.js';
import { flat, resultArea, selectedRow, wholeOverlay } from './helpers/screen-areas.js';

const built = existsSync(join(ROOT, 'dist', 'cli.js'));

const apps = ptyAppPerTest();
const stateDir = (): string => tempDir('ivol-e2e-flow-');

/** Polls the screen for `ms` and fails as soon as `holds` does not: what must stay on screen. */
async function stays(a: PtyApp, holds: (s: string) => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    expect(holds(a.screen()), a.screen()).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const WORDS = {
  en: { next: 'Enter: next step.', failed: 'Failed. Press e for why', full: 'what went wrong', why: 'Why:', nextAction: 'Next:', unreachable: 'quay.io cannot be reached, so quay.io/crio/artifact:v2 could not be pulled', otherHints: ['containerd got the :v1 artifact', 'Upgrade kind to v0.31+'], recap: 'You finished the tour', saw: 'What you saw', saved: 'progress saved in', readOn: 'Enter read on', resume: 'Resume with: ivol-tour --simulate', finished: 'the tour is complete' },
  'zh-CN': { next: 'Enter：下一步。', failed: '未通过。按 e 查看', full: '出了什么问题', why: '原因：', nextAction: '下一步：', unreachable: '无法访问 quay.io，因此无法拉取 quay.io/crio/artifact:v2', otherHints: ['containerd 拿到的是 :v1 制品', '请把 kind 升级到 v0.31+'], recap: '你已完成本教程', saw: '你看到了什么', saved: '进度已保存在', readOn: 'Enter 继续阅读', resume: '继续学习：ivol-tour --simulate --lang zh-CN', finished: '教程已完成' },
} as const;

describe.skipIf(!built)('the flow at 80×24 in a real terminal (needs `npm run build`)', () => {
  describe.each(['en', 'zh-CN'] as const)('%s', (lang) => {
    const w = WORDS[lang];

    it('a passed step stays on screen until Enter; then the next one is selected; q leaves where progress is and the command that resumes it', async () => {
      const app = apps.track(startPtyApp(['--simulate', '--lang', lang], { IVOL_TOUR_STATE_DIR: stateDir() }, 80, 24));
      const first = await app.waitFor((s) => selectedRow(s).includes(' 1 ') && /›○/.test(selectedRow(s)), 10_000);
      // The bar says what Enter does on the first page: it reads on.
      expect(first.split('\n').at(-1)).toContain(w.readOn);
      // Enter before the action page turns the page: read on to it, then Enter runs the step.
      await pageToAction(app);
      app.press('\r');
      await app.waitFor((s) => /›✓\s+1 /.test(s), 10_000);
      // The old auto-advance moved on after 0.9 s: the step must still be there well after that.
      await stays(app, (s) => /›✓\s+1 /.test(selectedRow(s)), 2000);
      // Enter reads the step's later pages, if any; on its last, the status row says Enter moves on.
      await readOnWithEnter(app, (s) => s.includes(w.next));
      await stays(app, (s) => /›✓\s+1 /.test(selectedRow(s)) && s.includes(w.next), 1000);
      app.press('\r');
      await app.waitFor((s) => selectedRow(s).includes(' 2 '), 5000);
      app.press('q');
      const { exitCode } = await app.exited;
      expect(exitCode).toBe(0);
      const after = app.output().split('\x1b[?1049l').at(-1) ?? '';
      // On the normal screen: where progress is, then the command on a line of its own (to copy
      // whole), each line within the terminal's 80 columns.
      // eslint-disable-next-line no-control-regex
      const lines = after.replace(/\x1b\[[?0-9;]*[a-zA-Z]/g, '').split(/\r?\n/).filter((l) => l.trim() !== '');
      const saved = lines.findIndex((l) => l.includes(w.saved));
      expect(saved).toBeGreaterThanOrEqual(0);
      expect(lines.slice(saved + 1).map((l) => l.trim())).toContain(w.resume);
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    }, 60_000);

    it('the artifact-pull-fails drill shows its full diagnosis within 30 s, nothing cut with "…", and no hint about another failure', async () => {
      const app = apps.track(startPtyApp(['--simulate', '--lang', lang, '--step', 'watch-pod'], { IVOL_TOUR_STATE_DIR: stateDir(), IVOL_TOUR_SIM_FAULTS: 'artifact-pull-fails' }, 80, 24));
      await app.waitFor((s) => selectedRow(s).includes(' 7 ') && /›○/.test(selectedRow(s)), 60_000);
      await pageToAction(app);
      const started = Date.now();
      app.press('\r');
      const failed = await app.waitFor((s) => s.includes(w.failed), 30_000);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(resultArea(failed)).not.toContain('…');
      // The registry could not be reached: the :v1 artifact's diffIDs and the old runtime's
      // mkdir "" are other failures, and their hints would send the learner the wrong way.
      for (const other of ['diffIDs', 'mkdir']) expect(resultArea(failed)).not.toContain(other);
      app.press('e');
      await app.waitFor(w.full, 5000);
      const text = await wholeOverlay(app);
      expect(flat(text)).toContain(flat(w.unreachable));
      for (const other of ['diffIDs', 'mkdir', ...w.otherHints]) expect(flat(text)).not.toContain(flat(other));
      expect(text).toContain(w.why);
      expect(text).toContain(w.nextAction);
      expect(text).toContain('quay.io/crio/artifact:v2');
      expect(text).not.toContain('…');
      expect(text).not.toContain('`');
      // The evidence ran after the wait stopped: the Pod and its events are in the output.
      app.press('\x1b');
      await app.waitFor((s) => !s.includes(w.full) && /Warning\s+Failed\s+Pod\/image-volume/.test(s), 5000);
    }, 120_000);

    it('finishing the tour shows the recap with what the checks read; after q the line says it is complete', async () => {
      const app = apps.track(startPtyApp(['--simulate', '--lang', lang, '--step', 'cleanup'], { IVOL_TOUR_STATE_DIR: stateDir() }, 80, 24));
      await app.waitFor((s) => selectedRow(s).includes(' 12 ') && /›○/.test(selectedRow(s)), 90_000);
      await pageToAction(app);
      app.press('\r');
      const recap = await app.waitFor(w.recap, 30_000);
      expect(recap).toContain(w.saw);
      expect(recap).toMatch(/containerd:\/\/2\.\d/);
      // Further down: the links.
      app.press('\x1b[6~');
      app.press('\x1b[6~');
      await app.waitFor('https://kubernetes.io/docs/tasks/configure-pod-container/image-volumes/', 5000);
      app.press('q');
      const { exitCode } = await app.exited;
      expect(exitCode).toBe(0);
      const after = app.output().split('\x1b[?1049l').at(-1) ?? '';
      expect(after).toContain(w.finished);
    }, 180_000);
  });
});
