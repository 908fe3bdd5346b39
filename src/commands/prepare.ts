// `ivol-tour prepare [--save FILE | --load FILE]`: before a workshop, every image the chosen
// profile needs goes into this machine's container engine (docker or podman), through the
// mirrors when given; each is verified (image inspect) and remembered (prepared.json), so that
// the tour passes the node image to kind by its local name and, on the containerd profile,
// loads the Pod's images into the node after creating it (kind load docker-image) with
// IfNotPresent: nothing is pulled on the day. --save writes one archive of them (docker save);
// --load restores one on a machine with no network (docker load).
//
// Progress: a live bar on a terminal (stderr), plain lines otherwise. What is measured is
// shown: layers as the engine reports them, byte counts only when it prints them, the size of
// each image as the engine reports it after the pull, the archive's size on disk.

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Session } from '../app/session.js';
import { stateDir } from '../app/session.js';
import { createProcessRunner, type ProcessRunner } from '../adapters/process/command-runner.js';
import { writePrepared, type PreparedImage } from '../adapters/store/prepared-record.js';
import { parseImageRef } from '../engine/image-ref.js';
import { mirrorFor, mirroredName } from '../engine/mirrors.js';
import { pulledNodeImage } from '../engine/plan.js';
import { applyPullLine, EMPTY_PULL, formatBytes, isArtifactRefusal, progressBar, pullSummary, type PullProgress } from '../engine/pull-progress.js';
import { requiredImages, type RequiredImage } from '../engine/required-images.js';
import { TextTail } from '../engine/text-tail.js';
import { t, tRef } from '../i18n/index.js';
import { wrapHanging } from '../ui/text/wrap-report.js';
import type { Lang } from '../i18n/types.js';

export interface PrepareOptions {
  readonly lang: Lang;
  readonly env: NodeJS.ProcessEnv;
  readonly save?: string;
  readonly load?: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** stderr is a terminal: one live bar instead of progress lines. */
  readonly tty: boolean;
  /** The terminal's columns, when stderr is one: the lines are wrapped to them. */
  readonly width?: number;
  /** The terminal's columns, when stdout is one: the summary is wrapped to them. */
  readonly stdoutWidth?: number;
  readonly signal?: AbortSignal;
}

/** A pull may take long on a slow network; it still ends. */
const PULL_TIMEOUT_MS = 30 * 60_000;
const ARCHIVE_TIMEOUT_MS = 30 * 60_000;
const INSPECT_TIMEOUT_MS = 30_000;

/** The name an image keeps in the engine: a digest-pinned reference gets its tag (an archive keeps tags, not digests). */
export function localNameOf(reference: string): string {
  const ref = parseImageRef(reference);
  if (!ref?.digest) return reference;
  const name = reference.slice(0, reference.indexOf('@'));
  return ref.tag !== undefined ? name : `${name}:latest`;
}

interface Outcome {
  readonly code: number | null;
  readonly output: string;
}

interface Reporter {
  line(text: string): void;
  bar(text: string): void;
  clear(): void;
}

function reporter(o: PrepareOptions): Reporter {
  let shown = false;
  const clear = (): void => {
    if (shown) o.stderr('\r\x1b[K');
    shown = false;
  };
  return {
    line(text) {
      clear();
      o.stderr(`${wrapHanging(text, o.width)}\n`);
    },
    bar(text) {
      if (!o.tty) return;
      const width = process.stderr.columns ?? 80;
      o.stderr(`\r\x1b[K${text.length >= width ? `${text.slice(0, Math.max(0, width - 2))}…` : text}`);
      shown = true;
    },
    clear,
  };
}

async function run(runner: ProcessRunner, argv: string[], timeoutMs: number, o: PrepareOptions, onLine?: (line: string) => void): Promise<Outcome> {
  const tail = new TextTail(16_384);
  let partial = '';
  const r = await runner.run({ argv, timeoutMs, ...(o.signal ? { signal: o.signal } : {}) }, (text) => {
    tail.append(text);
    if (!onLine) return;
    const lines = (partial + text).split(/\r?\n|\r/);
    partial = lines.pop() ?? '';
    for (const l of lines) if (l.trim() !== '') onLine(l);
  });
  if (onLine && partial.trim() !== '') onLine(partial);
  const output = r.spawnError ?? (r.timedOut ? `${argv.slice(0, 2).join(' ')}: no answer in ${Math.round(timeoutMs / 1000)} s` : tail.text());
  return { code: r.timedOut || r.cancelled ? null : r.exitCode, output };
}

function lastLine(output: string): string {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return (lines.find((l) => /^Error|error/.test(l)) ?? lines.at(-1) ?? '').slice(0, 300);
}

async function inspect(runner: ProcessRunner, engine: string, name: string, o: PrepareOptions): Promise<{ id: string; size: number } | { error: string }> {
  const r = await run(runner, [engine, 'image', 'inspect', '--format', '{{.Id}} {{.Size}}', name], INSPECT_TIMEOUT_MS, o);
  const m = /^(\S+)\s+(\d+)\s*$/m.exec(r.output);
  if (r.code !== 0 || !m) return { error: lastLine(r.output) || `exit ${r.code ?? '?'}` };
  return { id: m[1] ?? '', size: Number(m[2]) };
}

export async function prepareCommand(session: Session, o: PrepareOptions): Promise<number> {
  const lang = o.lang;
  const out = reporter(o);
  const report = await session.adapters.doctor();
  if (o.signal?.aborted) return 1;
  const engine = report.engine;
  if (engine === null) {
    const problem = report.problems.find((p) => p.tool === 'engine');
    out.line(t(lang, 'prepare.noEngine', { detail: problem ? tRef(lang, problem.message) : 'docker, podman' }));
    out.line(t(lang, 'prepare.noEngineNext'));
    return 1;
  }
  const state = session.controller.getState();
  const facts = { ...state.facts, featureGate: report.plan.featureGate };
  const kindVersion = report.tools.find((x) => x.name === 'kind')?.version;
  const node = pulledNodeImage(report.plan, kindVersion);
  const images = requiredImages(state.tutorial, facts, node);
  if (node === '') out.line(t(lang, 'prepare.nodeImageUnknown', { version: kindVersion ?? '?' }));

  const runner = createProcessRunner({ env: o.env });
  try {
    const ready = o.load !== undefined ? await loadArchive(runner, engine, images, o.load, o, out) : await pullAll(runner, engine, facts.profile, images, facts.mirrors ?? [], o, out);
    if (ready === null) return 2;
    if (o.signal?.aborted) return 1;
    let ok = ready.length === images.length;
    if (o.save !== undefined && ready.length > 0) ok = (await saveArchive(runner, engine, ready, o.save, o, out)) && ok;
    if (o.signal?.aborted) return 1;
    try {
      writePrepared(stateDir(o.env), facts.profile, { engine, source: o.load !== undefined ? 'load' : 'pull', at: new Date().toISOString(), images: ready });
    } catch (error) {
      out.line(t(lang, 'prepare.recordFailed', { error: error instanceof Error ? error.message : String(error) }));
    }
    summarise(ready, images, engine, facts.profile, session.facts.cluster, o, out);
    return ok ? 0 : 1;
  } finally {
    out.clear();
    await runner.killAll();
  }
}

async function pullAll(runner: ProcessRunner, engine: 'docker' | 'podman', profile: string, images: readonly RequiredImage[], mirrors: NonNullable<Session['facts']['mirrors']>, o: PrepareOptions, out: Reporter): Promise<PreparedImage[]> {
  const lang = o.lang;
  out.line(t(lang, 'prepare.title', { profile, engine }));
  const ready: PreparedImage[] = [];
  for (const [index, image] of images.entries()) {
    if (o.signal?.aborted) break;
    const ref = parseImageRef(image.reference);
    const m = ref ? mirrorFor(ref.registry, mirrors) : undefined;
    const pullName = ref && m ? mirroredName(ref, m) : image.reference;
    const localName = localNameOf(image.reference);
    out.line(m ? t(lang, 'prepare.pullingVia', { image: image.reference, name: pullName }) : t(lang, 'prepare.pulling', { image: image.reference }));
    let progress: PullProgress = EMPTY_PULL;
    let lastDone = -1;
    const draw = (): void => {
      const s = pullSummary(progress);
      const fraction = (index + (s.layers > 0 ? s.done / s.layers : 0)) / images.length;
      const layers =
        s.layers === 0
          ? ''
          : ` · ${s.bytes !== undefined && s.totalBytes !== undefined
            ? t(lang, 'prepare.layersBytes', { image: image.reference, done: s.done, total: s.layers, bytes: formatBytes(s.bytes), totalBytes: formatBytes(s.totalBytes) })
            : t(lang, 'prepare.layers', { image: image.reference, done: s.done, total: s.layers })}`;
      out.bar(t(lang, 'prepare.bar', { bar: progressBar(fraction), done: index, total: images.length, current: layers }));
      // Without a terminal, a line each time a layer is done: never silent, never a flood.
      if (!o.tty && s.layers > 0 && s.done !== lastDone && s.done > 0) {
        lastDone = s.done;
        out.line(`  ${t(lang, 'prepare.layers', { image: image.reference, done: s.done, total: s.layers })}`);
      }
    };
    draw();
    const r = await run(runner, [engine, 'pull', pullName], PULL_TIMEOUT_MS, o, (line) => {
      progress = applyPullLine(progress, line);
      draw();
    });
    if (r.code !== 0) {
      const error = lastLine(r.output) || `exit ${r.code ?? '?'}`;
      if (image.role === 'pod' && isArtifactRefusal(r.output)) {
        out.line(t(lang, 'prepare.failed', { image: image.reference, error }));
        out.line(`  ${t(lang, 'prepare.artifactRefused', { engine, image: image.reference, error, registry: ref?.registry ?? '' })}`);
      } else {
        out.line(t(lang, 'prepare.failed', { image: image.reference, error }));
      }
      continue;
    }
    if (pullName !== localName) {
      const tagged = await run(runner, [engine, 'tag', pullName, localName], INSPECT_TIMEOUT_MS, o);
      if (tagged.code !== 0) {
        out.line(t(lang, 'prepare.failed', { image: image.reference, error: lastLine(tagged.output) }));
        continue;
      }
      out.line(t(lang, 'prepare.tagged', { from: pullName, to: localName }));
    }
    const seen = await inspect(runner, engine, localName, o);
    if ('error' in seen) {
      out.line(t(lang, 'prepare.verifyFailed', { image: image.reference, engine, error: seen.error }));
      continue;
    }
    out.line(t(lang, 'prepare.pulled', { image: image.reference, size: formatBytes(seen.size) }));
    ready.push({ reference: image.reference, role: image.role, localName, id: seen.id, sizeBytes: seen.size });
  }
  out.bar(t(lang, 'prepare.bar', { bar: progressBar(ready.length / Math.max(1, images.length)), done: ready.length, total: images.length, current: '' }));
  out.clear();
  return ready;
}

/** docker load, then each image verified by its local name. Null: the file is not there (bad input). */
async function loadArchive(runner: ProcessRunner, engine: 'docker' | 'podman', images: readonly RequiredImage[], file: string, o: PrepareOptions, out: Reporter): Promise<PreparedImage[] | null> {
  const lang = o.lang;
  const path = resolve(file);
  const st = await stat(path).catch(() => null);
  if (!st?.isFile()) {
    out.line(t(lang, 'prepare.loadMissingFile', { file }));
    return null;
  }
  out.line(t(lang, 'prepare.loadTitle', { file, engine }));
  out.bar(t(lang, 'prepare.bar', { bar: progressBar(0), done: 0, total: images.length, current: ` · ${formatBytes(st.size)}` }));
  const r = await run(runner, [engine, 'load', '-i', path], ARCHIVE_TIMEOUT_MS, o);
  out.clear();
  if (r.code !== 0) {
    out.line(t(lang, 'prepare.loadFailed', { file, error: lastLine(r.output) || `exit ${r.code ?? '?'}` }));
    return [];
  }
  out.line(t(lang, 'prepare.loaded', { file }));
  const ready: PreparedImage[] = [];
  for (const image of images) {
    const localName = localNameOf(image.reference);
    const seen = await inspect(runner, engine, localName, o);
    if ('error' in seen) {
      out.line(t(lang, 'prepare.notInArchive', { image: image.reference }));
      continue;
    }
    out.line(t(lang, 'prepare.pulled', { image: image.reference, size: formatBytes(seen.size) }));
    ready.push({ reference: image.reference, role: image.role, localName, id: seen.id, sizeBytes: seen.size });
  }
  return ready;
}

async function saveArchive(runner: ProcessRunner, engine: 'docker' | 'podman', ready: readonly PreparedImage[], file: string, o: PrepareOptions, out: Reporter): Promise<boolean> {
  const lang = o.lang;
  const path = resolve(file);
  out.line(t(lang, 'prepare.saving', { count: ready.length, file }));
  out.bar(t(lang, 'prepare.bar', { bar: progressBar(0), done: 0, total: ready.length, current: '' }));
  const r = await run(runner, [engine, 'save', '-o', path, ...ready.map((i) => i.localName)], ARCHIVE_TIMEOUT_MS, o);
  out.clear();
  const st = r.code === 0 ? await stat(path).catch(() => null) : null;
  if (!st) {
    out.line(t(lang, 'prepare.saveFailed', { file, error: lastLine(r.output) || `exit ${r.code ?? '?'}` }));
    return false;
  }
  out.line(t(lang, 'prepare.saved', { file, size: formatBytes(st.size) }));
  return true;
}

function summarise(ready: readonly PreparedImage[], images: readonly RequiredImage[], engine: 'docker' | 'podman', profile: string, cluster: string, options: PrepareOptions, out: Reporter): void {
  const lang = options.lang;
  const o = { stdout: (text: string): void => options.stdout(wrapHanging(text, options.stdoutWidth)) };
  const size = formatBytes(ready.reduce((n, i) => n + i.sizeBytes, 0));
  o.stdout(`${t(lang, 'prepare.ready', { count: ready.length, total: images.length, engine, size })}\n`);
  const pods = ready.filter((i) => i.role === 'pod').map((i) => i.reference);
  if (pods.length > 0) {
    if (profile === 'crio') o.stdout(`${t(lang, 'prepare.crioNoLoad', { images: pods.join(' ') })}\n`);
    else if (engine === 'podman') o.stdout(`${t(lang, 'prepare.podmanNoLoad', { images: pods.join(' '), cluster })}\n`);
    else o.stdout(`${t(lang, 'prepare.willLoad', { images: pods.join(' ') })}\n`);
  }
  const missing = images.filter((i) => !ready.some((r) => r.reference === i.reference)).map((i) => i.reference);
  o.stdout(`${missing.length === 0 ? t(lang, 'prepare.allReady') : t(lang, 'prepare.notReady', { missing: missing.join(', ') })}\n`);
  out.clear();
}
