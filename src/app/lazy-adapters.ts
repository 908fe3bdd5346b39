// Adapters whose modules load in the background: the simulated cluster and the real one are
// large, and the first frame needs neither. Every port method waits for the loaded adapters
// and then forwards; nothing is lost or reordered. Loading starts at the first use or at
// `preload()` (the TUI calls it once the first frame is on screen).
//
// The clock is real time until the adapters are loaded (the simulated clock of the TUI and the
// real one both start at Date.now() and run at real speed, so time stays continuous); a sleep
// that began before the load waits only for what is left of it.

import type { DoctorReport } from '../engine/plan.js';
import type { Mode } from '../engine/model.js';
import type { Adapters, Clock, ClusterProbe, CommandRunner, FileStore, RegistryRequest, ShellLauncher } from '../adapters/ports.js';
import { errorMessage } from '../engine/errors.js';
import type { RegistryReport } from '../engine/registry-report.js';

export interface LazyAdapters extends Adapters {
  /** Starts loading (once); resolves with the loaded adapters. */
  preload(): Promise<Adapters>;
  /** The loaded adapters, or null while they load (or when loading failed). */
  loaded(): Adapters | null;
}

function abortError(): Error {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

export function createLazyAdapters(mode: Mode, load: () => Promise<Adapters>): LazyAdapters {
  let ready: Adapters | null = null;
  let loading: Promise<Adapters> | null = null;
  let pace: 'fast' | 'normal' | null = null;
  let disposed = false;

  const preload = (): Promise<Adapters> => {
    loading ??= Promise.resolve()
      .then(load)
      .then((a) => {
        ready = a;
        if (pace !== null) a.setPace?.(pace);
        return a;
      });
    return loading;
  };
  const get = (): Promise<Adapters> => (ready ? Promise.resolve(ready) : preload());

  const commands: CommandRunner = {
    run: async (request, onOutput) => (await get()).commands.run(request, onOutput),
  };

  const cluster: ClusterProbe = {
    clusterExists: async () => (await get()).cluster.clusterExists(),
    snapshot: async () => (await get()).cluster.snapshot(),
    getPod: async (name) => (await get()).cluster.getPod(name),
    tourPods: async () => (await get()).cluster.tourPods(),
    exec: async (pod, container, argv, timeoutMs) => (await get()).cluster.exec(pod, container, argv, timeoutMs),
    watch(onChange, onError) {
      if (ready) return ready.cluster.watch(onChange, onError);
      let stop: (() => void) | null = null;
      let stopped = false;
      get().then(
        (a) => {
          if (!stopped) stop = a.cluster.watch(onChange, onError);
        },
        (error: unknown) => {
          if (!stopped) onError?.(errorMessage(error));
        },
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };

  const shells: ShellLauncher = {
    open: async (request) => (await get()).shells.open(request),
    async fullScreenCommand(request) {
      const launcher = (await get()).shells;
      if (!launcher.fullScreenCommand) throw new Error('This mode has no full-screen shell.');
      return launcher.fullScreenCommand(request);
    },
    async runFullScreen(request) {
      const launcher = (await get()).shells;
      if (!launcher.runFullScreen) throw new Error('This mode has no full-screen shell.');
      return launcher.runFullScreen(request);
    },
  };

  const files: FileStore = {
    write: async (path, content) => (await get()).files.write(path, content),
    read: async (path) => (await get()).files.read(path),
  };

  const clock: Clock = {
    now: () => (ready ? ready.clock.now() : Date.now()),
    async sleep(ms, signal) {
      if (ready) return ready.clock.sleep(ms, signal);
      const started = Date.now();
      const a = await get();
      if (signal?.aborted) throw abortError();
      return a.clock.sleep(Math.max(0, ms - (Date.now() - started)), signal);
    },
  };

  return {
    mode,
    commands,
    cluster,
    shells,
    files,
    clock,
    doctor: async (): Promise<DoctorReport> => (await get()).doctor(),
    // Only the real modes check registries; the simulated adapters have no such port.
    ...(mode === 'simulated'
      ? {}
      : {
          async registries(request: RegistryRequest): Promise<RegistryReport> {
            const a = await get();
            if (!a.registries) return { checked: 'offline', ok: true, registries: [], prepared: [], notes: [] };
            return a.registries(request);
          },
        }),
    setPace(next) {
      pace = next;
      ready?.setPace?.(next);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      if (!loading) return;
      const a = await loading.catch(() => null);
      await a?.dispose();
    },
    preload,
    loaded: () => ready,
  };
}
