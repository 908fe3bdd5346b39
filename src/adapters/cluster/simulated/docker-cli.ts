// The simulated `docker`: version, info, images, ps, pull, build (BuildKit's plain progress on stderr).
import { parseImageRef } from '../../../engine/image-ref.js';
import { DOCKER_VERSION, imageDigest } from './facts.js';
import { dockerPullError } from './registry-hosts.js';
import { DOCKER_TREE, flagSet, flagValue, parseTool, pflagMessage, type ParsedArgs } from './tool-args.js';
import { resolveArg, stderr, stdout, type ToolContext } from './tool-context.js';

const DAEMON_DOWN = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';

function down(ctx: ToolContext): boolean {
  return ctx.world.profile.faults.has('no-engine');
}

export async function docker(args: readonly string[], ctx: ToolContext): Promise<number> {
  const outcome = parseTool(DOCKER_TREE, args);
  if (!outcome.ok) {
    stderr(ctx, `${pflagMessage(outcome.error)}\nSee 'docker ${outcome.found.path.join(' ')}${outcome.found.path.length > 0 ? ' ' : ''}--help'.\n`);
    return 125;
  }
  const p = outcome.parsed;
  const cmd = p.path.join(' ');
  if (p.unknown !== undefined || (cmd === '' && p.args.length > 0)) {
    stderr(ctx, `docker: unknown command: docker ${p.unknown ?? p.args[0] ?? ''}\n\nRun 'docker --help' for more information\n`);
    return 1;
  }
  switch (cmd) {
    case 'version':
      return version(p, ctx);
    case 'info':
      return info(p, ctx);
    case 'build':
    case 'buildx build':
      return await build(p, ctx);
    case 'images':
      if (down(ctx)) return daemonError(ctx);
      stdout(ctx, 'REPOSITORY   TAG   IMAGE ID   CREATED   SIZE\n');
      return 0;
    case 'pull':
      return pull(p, ctx);
    case 'ps':
      if (down(ctx)) return daemonError(ctx);
      if (flagValue(p, 'format') === undefined) stdout(ctx, 'CONTAINER ID   IMAGE   COMMAND   CREATED   STATUS   PORTS   NAMES\n');
      return 0;
    default:
      if (flagSet(p, 'version')) stdout(ctx, `Docker version ${DOCKER_VERSION}, build 9a84135\n`);
      else stdout(ctx, '\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n');
      return 0;
  }
}

/**
 * docker pull: the image comes into the local engine, unless its registry does not answer (the
 * offline and mirror-down faults: registry-hosts.ts). Takes no time of its own: kind, which runs
 * it, spends the time of the pull.
 */
function pull(p: ParsedArgs, ctx: ToolContext): number {
  if (down(ctx)) return daemonError(ctx);
  const [image] = p.args;
  if (image === undefined || p.args.length > 1) {
    stderr(ctx, `docker: 'docker pull' requires 1 argument\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nRun 'docker pull --help' for more information\n`);
    return 1;
  }
  const error = dockerPullError(image, ctx.world.profile.faults);
  if (error !== null) {
    stderr(ctx, `${error}\n`);
    return 1;
  }
  const ref = parseImageRef(image);
  const name = image.split('@')[0] ?? image;
  const tag = ref?.digest !== undefined && ref.tag === undefined ? '' : (ref?.tag ?? 'latest');
  if (!flagSet(p, 'quiet')) {
    stdout(ctx, `${ref?.digest ?? tag}: Pulling from ${ref?.repository ?? name}\n${imageDigest(image).slice(0, 12)}: Pull complete\nDigest: sha256:${imageDigest(`${image}#manifest`)}\nStatus: Downloaded newer image for ${image}\n`);
  }
  stdout(ctx, `${ref && ref.registry !== 'docker.io' ? image : `docker.io/${ref?.repository ?? name}${ref?.tag !== undefined ? `:${ref.tag}` : ''}${ref?.digest !== undefined ? `@${ref.digest}` : ''}`}\n`);
  ctx.world.dockerImages.add(name);
  return 0;
}

function daemonError(ctx: ToolContext): number {
  stderr(ctx, `${DAEMON_DOWN}\n`);
  return 1;
}

function version(p: ParsedArgs, ctx: ToolContext): number {
  const format = flagValue(p, 'format');
  if (format) {
    if (format.includes('.Server') && down(ctx)) return daemonError(ctx);
    stdout(ctx, `${format.replace(/\{\{\s*\.(Server|Client)\.Version\s*\}\}/g, DOCKER_VERSION).replace(/\{\{[^}]*\}\}/g, '')}\n`);
    return 0;
  }
  stdout(ctx, `Client: Docker Engine - Community\n Version:           ${DOCKER_VERSION}\n API version:       1.52\n Go version:        go1.25.4\n Git commit:        9a84135\n Built:             Mon Nov 17 12:33:41 2025\n OS/Arch:           linux/amd64\n Context:           default\n`);
  if (down(ctx)) return daemonError(ctx);
  stdout(ctx, `\nServer: Docker Engine - Community\n Engine:\n  Version:          ${DOCKER_VERSION}\n  API version:      1.52 (minimum version 1.44)\n  Go version:       go1.25.4\n  Git commit:       198b5e3\n  Built:            Mon Nov 17 12:33:41 2025\n  OS/Arch:          linux/amd64\n  Experimental:     false\n containerd:\n  Version:          v2.2.0\n runc:\n  Version:          1.3.3\n`);
  return 0;
}

function info(p: ParsedArgs, ctx: ToolContext): number {
  const format = flagValue(p, 'format');
  if (down(ctx)) {
    if (format) return daemonError(ctx);
    stdout(ctx, `Client: Docker Engine - Community\n Version:    ${DOCKER_VERSION}\n Context:    default\n\nServer:\n`);
    stderr(ctx, `ERROR: ${DAEMON_DOWN}\nerrors pretty printing info\n`);
    return 1;
  }
  if (format) {
    stdout(ctx, `${JSON.stringify({ ServerVersion: DOCKER_VERSION, CgroupDriver: 'systemd', CgroupVersion: '2', MemoryLimit: true, PidsLimit: true, CPUShares: true, SecurityOptions: ['name=seccomp,profile=builtin', 'name=cgroupns'] })}\n`);
    return 0;
  }
  stdout(ctx, `Client: Docker Engine - Community\n Version:    ${DOCKER_VERSION}\n Context:    default\n\nServer:\n Containers: ${ctx.world.clusterNames().length}\n Server Version: ${DOCKER_VERSION}\n Storage Driver: overlayfs\n Cgroup Driver: systemd\n Cgroup Version: 2\n Kernel Version: 6.8.0-90-generic\n Operating System: Ubuntu 24.04.3 LTS\n OSType: linux\n Architecture: x86_64\n`);
  return 0;
}

/** BuildKit's plain progress (what `docker build` prints when stderr is not a terminal). */
async function build(p: ParsedArgs, ctx: ToolContext): Promise<number> {
  const [context] = p.args;
  if (context === undefined || p.args.length > 1) {
    stderr(ctx, `ERROR: docker buildx build requires 1 argument\nSee 'docker buildx build --help'.\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nStart a build\n`);
    return 1;
  }
  if (down(ctx)) {
    stderr(ctx, `ERROR: ${DAEMON_DOWN}\n`);
    return 1;
  }
  const dockerfilePath = flagValue(p, 'file') ?? `${context.replace(/\/$/, '')}/Dockerfile`;
  const dockerfile = await ctx.files.read(resolveArg(ctx, dockerfilePath));
  if (dockerfile === null) {
    stderr(ctx, `ERROR: failed to build: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory\n`);
    return 1;
  }
  const lines = dockerfile.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const from = lines.find((l) => /^FROM\s/i.test(l))?.split(/\s+/)[1] ?? 'scratch';
  const steps = lines.filter((l) => /^(RUN|COPY|ADD|ENV|WORKDIR)\s/i.test(l));
  const tag = flagValue(p, 'tag');
  const fromRef = from.includes('/') ? from : `library/${from}`;
  const fullFrom = `docker.io/${fromRef}${from.includes(':') ? '' : ':latest'}`;
  const log = (t: string) => stderr(ctx, `${t}\n`);
  let n = 0;
  const step = async (title: string, body: string[], ms: number) => {
    n++;
    log(`#${n} ${title}`);
    for (const b of body) log(`#${n} ${b}`);
    await ctx.sleep(ms);
    log(`#${n} DONE ${(ms / 1000).toFixed(1)}s`);
    log('');
  };
  log('#0 building with "default" instance using docker driver');
  log('');
  await step('[internal] load build definition from Dockerfile', [`transferring dockerfile: ${(dockerfile.length / 1000).toFixed(2)}kB done`], 50);
  await step(`[internal] load metadata for ${fullFrom}`, [], 1200);
  await step('[internal] load .dockerignore', ['transferring context: 2B done'], 40);
  const digest = imageDigest(from);
  await step(`[1/${steps.length + 1}] FROM ${fullFrom}@sha256:${digest}`, [`resolve ${fullFrom}@sha256:${digest} done`, `sha256:${digest} 0B / 0B done`], 2500);
  for (const [i, s] of steps.entries()) {
    const shown = s.length > 90 ? `${s.slice(0, 87)}...` : s;
    const echoes = [...s.matchAll(/echo "([^"]*)"/g)].map((m, j) => `${(0.1 + j * 1.7).toFixed(3)} ${m[1]}`);
    await step(`[${i + 2}/${steps.length + 1}] ${shown}`, echoes, 3000);
  }
  const id = imageDigest(`${tag ?? ''}/${dockerfile}`);
  await step('exporting to image', ['exporting layers 2.8s done', `writing image sha256:${id} done`, ...(tag ? [`naming to ${tag.includes('/') ? tag : `docker.io/library/${tag}`} done`] : [])], 2900);
  if (tag) ctx.world.dockerImages.add(tag);
  if (flagSet(p, 'push')) log(`ERROR: failed to push ${tag ?? ''}: denied: requested access to the resource is denied`);
  return flagSet(p, 'push') ? 1 : 0;
}
