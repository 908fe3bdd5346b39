// doctor for the real modes: which container engine (with its daemon answering), kind and
// kubectl this machine has, the plan for it, and every missing piece with how to get it on
// this platform. Runs the tools through the CommandRunner with short timeouts.

import { readFileSync } from 'node:fs';
import type { Profile } from '../../../engine/model.js';
import { kindTooOld, planFor, type DoctorReport, type Problem, type ToolReport } from '../../../engine/plan.js';
import { TextTail } from '../../../engine/text-tail.js';
import type { CommandRunner } from '../../ports.js';
import { findOnPath } from '../../process/find-on-path.js';
import { ContextMissingError } from '../../kube/kubeconfig.js';
import { KubeApiError } from '../../kube/api-errors.js';
import type { KubeClient } from '../../kube/kube-client.js';
import { errorMessage } from '../../../engine/errors.js';

export type Platform = 'linux' | 'macos' | 'wsl' | 'windows';

export function detectPlatform(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Platform {
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  if (env['WSL_DISTRO_NAME'] || env['WSL_INTEROP']) return 'wsl';
  try {
    if (/microsoft/i.test(readFileSync('/proc/version', 'utf8'))) return 'wsl';
  } catch {
    /* not Linux, or no /proc */
  }
  return 'linux';
}

interface Captured {
  readonly found: boolean;
  readonly ok: boolean;
  /** It did not answer within its timeout (and was ended). */
  readonly timedOut: boolean;
  /** The command as the learner would type it, and its limit in seconds (for messages). */
  readonly command: string;
  readonly seconds: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Tool version probes: a tool that does not print its version in this long is broken. */
export const PROBE_TIMEOUT_MS = 5000;
/** `docker info` / `podman info` ask the daemon (or the podman machine), which may be slower. */
export const ENGINE_TIMEOUT_MS = 8000;
/** What doctor keeps of a tool's stdout and of its stderr: versions and a first error line. */
const CAPTURE_CHARS = 65_536;

async function capture(runner: CommandRunner, argv: string[], timeoutMs: number, shown = argv.slice(0, 2).join(' ')): Promise<Captured> {
  const stdout = new TextTail(CAPTURE_CHARS);
  const stderr = new TextTail(CAPTURE_CHARS);
  const r = await runner.run({ argv, timeoutMs }, (text, stream) => {
    (stream === 'stdout' ? stdout : stderr).append(text);
  });
  const seconds = Math.round(timeoutMs / 1000);
  return {
    found: r.spawnError === undefined,
    ok: r.exitCode === 0 && !r.timedOut,
    timedOut: r.timedOut,
    command: shown,
    seconds,
    stdout: stdout.text().trim(),
    stderr: r.timedOut ? `${shown} did not answer within ${seconds} s` : stderr.text().trim(),
  };
}

export interface DoctorOptions {
  readonly mode: 'real' | 'byoc';
  /** The tour's context (kind-<cluster> or --context). */
  readonly context: string;
  readonly runner: CommandRunner;
  readonly env: NodeJS.ProcessEnv;
  readonly profile?: Profile;
  readonly platform?: Platform;
  /** byoc: the pinned client, asked for /version. */
  readonly kube?: KubeClient;
  /** Limits of the probes (defaults ENGINE_TIMEOUT_MS and PROBE_TIMEOUT_MS). */
  readonly engineTimeoutMs?: number;
  readonly probeTimeoutMs?: number;
}

function firstLine(s: string): string {
  return (s.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim().slice(0, 200);
}

export async function runDoctor(o: DoctorOptions): Promise<DoctorReport> {
  const platform = o.platform ?? detectPlatform(o.env);
  const engineT = o.engineTimeoutMs ?? ENGINE_TIMEOUT_MS;
  const probeT = o.probeTimeoutMs ?? PROBE_TIMEOUT_MS;
  const problems: Problem[] = [];
  const tools: ToolReport[] = [];
  const fix = (what: string, params?: Record<string, string>): Problem['fix'] => ({ key: `doctor.fix.${what}.${platform}`, ...(params ? { params } : {}) });
  // A probe that hangs is a broken tool, not a working one: say which command and how long.
  const timedOut = (tool: Problem['tool'], c: Captured): Problem => ({
    tool,
    message: { key: 'doctor.problem.probeTimedOut', params: { command: c.command, seconds: c.seconds } },
    fix: { key: 'doctor.fix.probeTimedOut', params: { command: c.command, tool: c.command.split(' ')[0] ?? '' } },
  });

  // --context: a kubectl dispatcher (gcloud's) contacts the *current* context's server even
  // for `version --client`; naming the tour's context keeps it away from anyone else's.
  const kubectlP = capture(o.runner, ['kubectl', 'version', '--client', '-o', 'json', '--context', o.context], probeT, 'kubectl version --client');
  let engine: DoctorReport['engine'] = null;
  let kindVersion: string | undefined;

  if (o.mode === 'real') {
    const provider = (o.env['KIND_EXPERIMENTAL_PROVIDER'] ?? '').trim();
    const wanted: ('docker' | 'podman')[] = provider === 'podman' ? ['podman'] : provider === 'docker' ? ['docker'] : ['docker', 'podman'];
    const [docker, podman, kind] = await Promise.all([
      wanted.includes('docker') ? capture(o.runner, ['docker', 'info', '--format', '{{.ServerVersion}}'], engineT) : null,
      wanted.includes('podman') ? capture(o.runner, ['podman', 'info', '--format', '{{.Version.Version}}'], engineT) : null,
      capture(o.runner, ['kind', 'version'], probeT),
    ]);
    const engines: { name: 'docker' | 'podman'; c: Captured | null }[] = [{ name: 'docker', c: docker }, { name: 'podman', c: podman }];
    for (const { name, c } of engines) {
      if (!c) continue;
      tools.push({
        name,
        found: c.found,
        ...(c.ok && c.stdout ? { version: c.stdout } : {}),
        ...(c.found ? { path: findOnPath(name, o.env) ?? name, daemonReachable: c.ok } : {}),
        ...(c.timedOut ? { timedOut: true } : {}),
      });
      if (c.found && c.ok && engine === null) engine = name;
    }
    if (engine === null) {
      // An engine that is installed but does not answer is the problem to fix (start it);
      // the other engine being absent is not, so it is never named as missing.
      const installed = engines.find((e) => e.c?.found);
      if (installed?.c) {
        problems.push({
          tool: 'engine',
          message: { key: 'doctor.problem.daemonDown', params: { engine: installed.name, detail: firstLine(installed.c.stderr) || `${installed.c.command} failed` } },
          fix: { key: `doctor.fix.daemon.${installed.name}.${platform}`, params: { engine: installed.name } },
        });
      } else {
        problems.push({ tool: 'engine', message: { key: 'doctor.problem.noEngine' }, fix: fix('engine') });
      }
    }
    kindVersion = kind.ok ? (/v\d+\.\d+\.\d+\S*/.exec(kind.stdout)?.[0] ?? kind.stdout) : undefined;
    tools.push({
      name: 'kind',
      found: kind.found,
      ...(kindVersion ? { version: kindVersion } : {}),
      ...(kind.found ? { path: findOnPath('kind', o.env) ?? 'kind' } : {}),
      ...(kind.timedOut ? { timedOut: true } : {}),
    });
    if (!kind.found) problems.push({ tool: 'kind', message: { key: 'doctor.problem.noKind' }, fix: fix('kind') });
    else if (kind.timedOut) problems.push(timedOut('kind', kind));
    else if ((o.profile ?? 'containerd') === 'containerd' && kindTooOld(kindVersion)) {
      problems.push({ tool: 'kind', message: { key: 'doctor.problem.kindTooOld', params: { version: kindVersion ?? '?' } }, fix: fix('kindUpgrade') });
    }
  }

  const kubectl = await kubectlP;
  let kubectlVersion: string | undefined;
  if (kubectl.ok) {
    try {
      kubectlVersion = (JSON.parse(kubectl.stdout) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
    } catch {
      kubectlVersion = /v\d+\.\d+\.\d+\S*/.exec(kubectl.stdout)?.[0];
    }
  }
  tools.push({
    name: 'kubectl',
    found: kubectl.found,
    ...(kubectlVersion ? { version: kubectlVersion } : {}),
    ...(kubectl.found ? { path: findOnPath('kubectl', o.env) ?? 'kubectl' } : {}),
    ...(kubectl.timedOut ? { timedOut: true } : {}),
  });
  if (!kubectl.found) problems.push({ tool: 'kubectl', message: { key: 'doctor.problem.noKubectl' }, fix: fix('kubectl') });
  else if (kubectl.timedOut) problems.push(timedOut('kubectl', kubectl));

  if (o.mode === 'byoc' && o.kube) {
    try {
      await o.kube.serverVersion();
    } catch (error) {
      if (error instanceof ContextMissingError) {
        problems.push({ tool: 'kubectl', message: { key: 'doctor.problem.contextMissing', params: { context: o.kube.context } }, fix: { key: 'doctor.fix.context' } });
      } else if (error instanceof KubeApiError) {
        // The server answered: say what it said, not that it does not answer.
        problems.push({
          tool: 'kubectl',
          message: { key: 'doctor.problem.apiError', params: { context: o.kube.context, error: errorMessage(error) } },
          fix: { key: error.status === 401 || error.status === 403 ? 'doctor.fix.forbidden' : 'doctor.fix.apiError', params: { context: o.kube.context } },
        });
      } else {
        problems.push({
          tool: 'kubectl',
          message: { key: 'doctor.problem.unreachable', params: { context: o.kube.context, error: errorMessage(error) } },
          fix: { key: 'doctor.fix.unreachable', params: { context: o.kube.context } },
        });
      }
    }
  }

  return {
    mode: o.mode,
    tools,
    engine,
    ready: problems.length === 0,
    plan: planFor(kindVersion, o.profile),
    problems,
  };
}
