// doctor for the real modes: which container engine (with its daemon answering), kind and
// kubectl this machine has, the plan for it, and every missing piece with how to get it on
// this platform. Runs the tools through the CommandRunner with short timeouts.

import { readFileSync } from 'node:fs';
import type { Profile } from '../../../engine/model.js';
import { kindTooOld, planFor, type DoctorReport, type Problem, type ToolReport } from '../../../engine/plan.js';
import { TextTail } from '../../../engine/text-tail.js';
import type { CommandRunner } from '../../ports.js';
import { findOnPath } from '../../process/find-on-path.js';
import { recordOf } from '../../../engine/shape.js';
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

/** What one part of doctor found: the tools it looked at and what is wrong. */
interface Finding {
  readonly tools: readonly ToolReport[];
  readonly problems: readonly Problem[];
}

interface Probing {
  readonly o: DoctorOptions;
  readonly platform: Platform;
  readonly engineTimeoutMs: number;
  readonly probeTimeoutMs: number;
}

export async function runDoctor(o: DoctorOptions): Promise<DoctorReport> {
  const p: Probing = { o, platform: o.platform ?? detectPlatform(o.env), engineTimeoutMs: o.engineTimeoutMs ?? ENGINE_TIMEOUT_MS, probeTimeoutMs: o.probeTimeoutMs ?? PROBE_TIMEOUT_MS };
  // --context: a kubectl dispatcher (gcloud's) contacts the *current* context's server even
  // for `version --client`; naming the tour's context keeps it away from anyone else's.
  const kubectlP = capture(o.runner, ['kubectl', 'version', '--client', '-o', 'json', '--context', o.context], p.probeTimeoutMs, 'kubectl version --client');
  const machine = o.mode === 'real' ? await probeKindMachine(p) : { tools: [], problems: [], engine: null, kindVersion: undefined };
  const kubectl = kubectlFinding(p, await kubectlP);
  const cluster = o.mode === 'byoc' && o.kube ? await clusterProblems(o.kube) : [];
  const problems = [...machine.problems, ...kubectl.problems, ...cluster];
  return {
    mode: o.mode,
    tools: [...machine.tools, ...kubectl.tools],
    engine: machine.engine,
    ready: problems.length === 0,
    plan: planFor(machine.kindVersion, o.profile),
    problems,
  };
}

/** Real mode: a container engine whose daemon answers, and kind (both probed at once). */
async function probeKindMachine(p: Probing): Promise<Finding & { readonly engine: DoctorReport['engine']; readonly kindVersion: string | undefined }> {
  const { o } = p;
  const provider = (o.env['KIND_EXPERIMENTAL_PROVIDER'] ?? '').trim();
  const wanted: ('docker' | 'podman')[] = provider === 'podman' ? ['podman'] : provider === 'docker' ? ['docker'] : ['docker', 'podman'];
  const [docker, podman, kind] = await Promise.all([
    wanted.includes('docker') ? capture(o.runner, ['docker', 'info', '--format', '{{.ServerVersion}}'], p.engineTimeoutMs) : null,
    wanted.includes('podman') ? capture(o.runner, ['podman', 'info', '--format', '{{.Version.Version}}'], p.engineTimeoutMs) : null,
    capture(o.runner, ['kind', 'version'], p.probeTimeoutMs),
  ]);
  const engines = engineFinding(p, [{ name: 'docker', c: docker }, { name: 'podman', c: podman }]);
  const kindVersion = kind.ok ? (/v\d+\.\d+\.\d+\S*/.exec(kind.stdout)?.[0] ?? kind.stdout) : undefined;
  const kindProblems: Problem[] = [];
  if (!kind.found) kindProblems.push({ tool: 'kind', message: { key: 'doctor.problem.noKind' }, fix: fixFor(p, 'kind') });
  else if (kind.timedOut) kindProblems.push(timedOutProblem('kind', kind));
  else if ((o.profile ?? 'containerd') === 'containerd' && kindTooOld(kindVersion)) {
    kindProblems.push({ tool: 'kind', message: { key: 'doctor.problem.kindTooOld', params: { version: kindVersion ?? '?' } }, fix: fixFor(p, 'kindUpgrade') });
  }
  return {
    tools: [...engines.tools, toolReport('kind', kind, kindVersion, o.env)],
    problems: [...engines.problems, ...kindProblems],
    engine: engines.engine,
    kindVersion,
  };
}

/** The engines probed, and which one kind will use (the first whose daemon answers). */
function engineFinding(p: Probing, engines: readonly { readonly name: 'docker' | 'podman'; readonly c: Captured | null }[]): Finding & { readonly engine: DoctorReport['engine'] } {
  const tools: ToolReport[] = [];
  let engine: DoctorReport['engine'] = null;
  for (const { name, c } of engines) {
    if (!c) continue;
    tools.push(toolReport(name, c, c.ok && c.stdout ? c.stdout : undefined, p.o.env, { daemonReachable: c.ok }));
    if (c.found && c.ok && engine === null) engine = name;
  }
  if (engine !== null) return { tools, problems: [], engine };
  // An engine that is installed but does not answer is the problem to fix (start it);
  // the other engine being absent is not, so it is never named as missing.
  const installed = engines.find((e) => e.c?.found);
  const problem: Problem = installed?.c
    ? {
        tool: 'engine',
        message: { key: 'doctor.problem.daemonDown', params: { engine: installed.name, detail: firstLine(installed.c.stderr) || `${installed.c.command} failed` } },
        fix: { key: `doctor.fix.daemon.${installed.name}.${p.platform}`, params: { engine: installed.name } },
      }
    : { tool: 'engine', message: { key: 'doctor.problem.noEngine' }, fix: fixFor(p, 'engine') };
  return { tools, problems: [problem], engine };
}

function kubectlFinding(p: Probing, kubectl: Captured): Finding {
  const version = kubectl.ok ? kubectlVersion(kubectl.stdout) : undefined;
  const problems: Problem[] = [];
  if (!kubectl.found) problems.push({ tool: 'kubectl', message: { key: 'doctor.problem.noKubectl' }, fix: fixFor(p, 'kubectl') });
  else if (kubectl.timedOut) problems.push(timedOutProblem('kubectl', kubectl));
  return { tools: [toolReport('kubectl', kubectl, version, p.o.env)], problems };
}

/** The client version `kubectl version --client -o json` printed (an older kubectl prints text). */
function kubectlVersion(stdout: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(stdout);
    const gitVersion = recordOf(recordOf(parsed)['clientVersion'])['gitVersion'];
    return typeof gitVersion === 'string' ? gitVersion : undefined;
  } catch {
    return /v\d+\.\d+\.\d+\S*/.exec(stdout)?.[0];
  }
}

/** --context: whether the cluster answers on the pinned context, and if not, why. */
async function clusterProblems(kube: KubeClient): Promise<Problem[]> {
  try {
    await kube.serverVersion();
    return [];
  } catch (error) {
    if (error instanceof ContextMissingError) {
      return [{ tool: 'kubectl', message: { key: 'doctor.problem.contextMissing', params: { context: kube.context } }, fix: { key: 'doctor.fix.context' } }];
    }
    if (error instanceof KubeApiError) {
      // The server answered: say what it said, not that it does not answer.
      return [{
        tool: 'kubectl',
        message: { key: 'doctor.problem.apiError', params: { context: kube.context, error: errorMessage(error) } },
        fix: { key: error.status === 401 || error.status === 403 ? 'doctor.fix.forbidden' : 'doctor.fix.apiError', params: { context: kube.context } },
      }];
    }
    return [{
      tool: 'kubectl',
      message: { key: 'doctor.problem.unreachable', params: { context: kube.context, error: errorMessage(error) } },
      fix: { key: 'doctor.fix.unreachable', params: { context: kube.context } },
    }];
  }
}

/** A tool as doctor reports it: found (and where), its version, whether its probe hung. */
function toolReport(name: ToolReport['name'], c: Captured, version: string | undefined, env: NodeJS.ProcessEnv, found: Partial<Pick<ToolReport, 'daemonReachable'>> = {}): ToolReport {
  return {
    name,
    found: c.found,
    ...(version ? { version } : {}),
    ...(c.found ? { path: findOnPath(name, env) ?? name, ...found } : {}),
    ...(c.timedOut ? { timedOut: true } : {}),
  };
}

function fixFor(p: Probing, what: 'engine' | 'kind' | 'kindUpgrade' | 'kubectl'): Problem['fix'] {
  return { key: `doctor.fix.${what}.${p.platform}` };
}

/** A probe that hangs is a broken tool, not a working one: say which command and how long. */
function timedOutProblem(tool: Problem['tool'], c: Captured): Problem {
  return {
    tool,
    message: { key: 'doctor.problem.probeTimedOut', params: { command: c.command, seconds: c.seconds } },
    fix: { key: 'doctor.fix.probeTimedOut', params: { command: c.command, tool: c.command.split(' ')[0] ?? '' } },
  };
}
