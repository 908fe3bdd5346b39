// End to end on the BUILT tour in a real pty at 80×24, in English and in Chinese: a failed step
// shows the hint whose error text the failure showed (the artifact-layers drill: containerd's
// "number of layers and diffIDs don't match"), and not the hints about other failures (the old
// runtime's mkdir ""). The drill where no hint fits (artifact-pull-fails) is in e2e-flow.test.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pageToAction } from './helpers/beats.js';
import { ROOT, startPtyApp, type PtyApp } from './helpers/pty-app.js';
import { flat, resultArea, wholeOverlay } from './helpers/screen-areas.js';
import { tempDir } from './helpers/temp.js';

const built = existsSync(join(ROOT, 'dist', 'cli.js'));

let app: PtyApp | undefined;
afterEach(async () => {
  if (app) {
    app.kill();
    await app.exited;
  }
  app = undefined;
});

const selectedRow = (screen: string): string => screen.split('\n').find((l) => l.includes('›')) ?? '';

const WORDS = {
  en: {
    failed: 'Failed. Press e for why',
    full: 'what went wrong',
    cause: 'cannot be pulled by containerd: "number of layers and diffIDs don\'t match"',
    hint: 'Hint: ErrImagePull / ImagePullBackOff with "number of layers and diffIDs don\'t match" means containerd got the :v1 artifact: use quay.io/crio/artifact:v2.',
    other: ['mkdir', 'mount.HostPath is empty', 'Upgrade kind to v0.31+'],
  },
  'zh-CN': {
    failed: '未通过。按 e 查看',
    full: '出了什么问题',
    cause: 'containerd 无法拉取制品 quay.io/crio/artifact:v2："number of layers and diffIDs don\'t match"。',
    hint: '提示：如果看到 ErrImagePull / ImagePullBackOff，并且信息是 "number of layers and diffIDs don\'t match"，说明 containerd 拿到的是 :v1 制品：请改用 quay.io/crio/artifact:v2。',
    other: ['mkdir', 'mount.HostPath is empty', '请把 kind 升级到 v0.31+'],
  },
} as const;

describe.skipIf(!built)('a failed step shows the hints that fit its failure, at 80×24 (needs `npm run build`)', () => {
  describe.each(['en', 'zh-CN'] as const)('%s', (lang) => {
    const w = WORDS[lang];

    it('artifact-layers: the diffIDs hint (its text is in the kubelet\'s error), not the old runtime\'s', async () => {
      app = startPtyApp(['--simulate', '--lang', lang, '--step', 'watch-pod'], { IVOL_TOUR_STATE_DIR: tempDir('ivol-e2e-hints-'), IVOL_TOUR_SIM_FAULTS: 'artifact-layers' }, 80, 24);
      await app.waitFor((s) => selectedRow(s).includes(' 7 ') && /›○/.test(selectedRow(s)), 60_000);
      await pageToAction(app);
      app.press('\r');
      const failed = await app.waitFor((s) => s.includes(w.failed), 30_000);
      for (const other of w.other) expect(resultArea(failed)).not.toContain(other);
      app.press('e');
      await app.waitFor(w.full, 5000);
      const text = flat(await wholeOverlay(app));
      expect(text).toContain(flat(w.cause));
      expect(text).toContain(flat(w.hint));
      for (const other of w.other) expect(text).not.toContain(flat(other));
    }, 120_000);
  });
});
