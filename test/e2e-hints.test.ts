// End to end on the BUILT tour in a real pty at 80×24, in English and in Chinese: a failed step
// shows the hints that fit its failure and not the others. The offline drill: create-cluster's
// node-image hint (about registry.offlinePull), not its "already exists" one. The
// artifact-layers drill (containerd's "number of layers and diffIDs don't match" for :v2): the
// diagnosis says the tag answered with other content; neither the ":v1, use :v2" hint (it would
// send the learner in a circle) nor pod-ready's "the Pod runs, but…" (it assumes pod-running,
// which failed), nor the old runtime's. The drill where no step hint fits (artifact-pull-fails)
// is in e2e-flow.test.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageToAction } from './helpers/beats.js';
import { ptyAppPerTest, ROOT, startPtyApp } from './helpers/pty-app.js';
import { flat, resultArea, selectedRow, wholeOverlay } from './helpers/screen-areas.js';
import { tempDir } from './helpers/temp.js';

const built = existsSync(join(ROOT, 'dist', 'cli.js'));

const apps = ptyAppPerTest();

const WORDS = {
  en: {
    failed: 'Failed. Press e for why',
    full: 'what went wrong',
    cause: 'cannot be pulled by containerd: "number of layers and diffIDs don\'t match"',
    next: 'quay.io/crio/artifact:v2 is already the tag made for containerd, so what the node received is other content under that tag',
    notShown: ['got the :v1 artifact', 'The Pod runs but the container is not ready', 'mkdir', 'mount.HostPath is empty', 'Upgrade kind to v0.31+'],
    nodeImage: 'Hint: If creation fails while pulling the node image, check your network',
    exists: 'already exists',
  },
  'zh-CN': {
    failed: '未通过。按 e 查看',
    full: '出了什么问题',
    cause: 'containerd 无法拉取制品 quay.io/crio/artifact:v2："number of layers and diffIDs don\'t match"。',
    next: 'quay.io/crio/artifact:v2 已经是为 containerd 制作的标签，所以节点收到的是这个标签下的其他内容',
    notShown: ['拿到的是 :v1 制品', 'Pod 在运行但容器未就绪', 'mkdir', 'mount.HostPath is empty', '请把 kind 升级到 v0.31+'],
    nodeImage: '提示：如果在拉取节点镜像时失败，请检查网络',
    exists: '集群已存在',
  },
} as const;

describe.skipIf(!built)('a failed step shows the hints that fit its failure, at 80×24 (needs `npm run build`)', () => {
  describe.each(['en', 'zh-CN'] as const)('%s', (lang) => {
    const w = WORDS[lang];

    it('artifact-layers on :v2: the diagnosis says the tag answered with other content; no hint that does not fit', async () => {
      const app = apps.track(startPtyApp(['--simulate', '--lang', lang, '--step', 'watch-pod'], { IVOL_TOUR_STATE_DIR: tempDir('ivol-e2e-hints-'), IVOL_TOUR_SIM_FAULTS: 'artifact-layers' }, 80, 24));
      await app.waitFor((s) => selectedRow(s).includes(' 7 ') && /›○/.test(selectedRow(s)), 60_000);
      await pageToAction(app);
      app.press('\r');
      const failed = await app.waitFor((s) => s.includes(w.failed), 30_000);
      for (const other of w.notShown) expect(resultArea(failed)).not.toContain(other);
      app.press('e');
      await app.waitFor(w.full, 5000);
      const text = flat(await wholeOverlay(app));
      expect(text).toContain(flat(w.cause));
      expect(text).toContain(flat(w.next));
      for (const other of w.notShown) expect(text).not.toContain(flat(other));
    }, 120_000);

    it('offline: create-cluster shows its node-image hint (about the offline pull), not its "already exists" one', async () => {
      const app = apps.track(startPtyApp(['--simulate', '--lang', lang, '--step', 'create-cluster'], { IVOL_TOUR_STATE_DIR: tempDir('ivol-e2e-hints-'), IVOL_TOUR_SIM_FAULTS: 'offline' }, 80, 24));
      await app.waitFor((s) => selectedRow(s).includes(' 4 ') && /›○/.test(selectedRow(s)), 60_000);
      await pageToAction(app);
      app.press('\r');
      await app.waitFor((s) => s.includes(w.failed), 30_000);
      app.press('e');
      await app.waitFor(w.full, 5000);
      const text = flat(await wholeOverlay(app));
      expect(text).toContain(flat(w.nodeImage));
      expect(text).not.toContain(flat(w.exists));
    }, 120_000);
  });
});
