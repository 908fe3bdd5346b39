// Running a command in a container of a Pod (checks, `kubectl exec`-like probes) through
// client-node's Exec websocket: stdout and stderr kept up to a cap (their ends), the exit code
// read from the Status the server sends, a timeout, and every socket ended on dispose().

import { Writable } from 'node:stream';
import { TextTail } from '../../engine/text-tail.js';
import type { ExecResult } from '../ports.js';
import { loadClientNode } from './kubeconfig.js';
import type { KubeTransport } from './transport.js';

/** What the tour uses of the exec's websocket (its type comes from `ws`, whose types are not installed). */
export interface ExecSocket {
  readonly readyState: number;
  readonly CLOSED: number;
  close(): void;
  terminate(): void;
  on(event: 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

/** The Status the API server sends when the command ends. */
interface ExecStatus {
  readonly status?: string;
  readonly details?: { readonly causes?: readonly { readonly reason?: string; readonly message?: string }[] };
}

export interface ExecRequest {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly argv: readonly string[];
  readonly timeoutMs: number;
}

/** What an exec keeps of its stdout and of its stderr (the end). */
const EXEC_OUTPUT_CHARS = 1 << 20;

/** Runs the command; `sockets` holds its socket while it runs (dispose() terminates them). */
export async function execInPod(transport: KubeTransport, sockets: Set<ExecSocket>, r: ExecRequest): Promise<ExecResult> {
  if (transport.disposed) throw transport.endingError();
  const pinned = await transport.pinned();
  const k8s = await loadClientNode();
  const stdout = new TextTail(EXEC_OUTPUT_CHARS);
  const stderr = new TextTail(EXEC_OUTPUT_CHARS);
  let status: ExecStatus | null = null;
  const socket: unknown = await new k8s.Exec(pinned.kc).exec(r.namespace, r.pod, r.container, [...r.argv], sink(stdout), sink(stderr), null, false, (s) => {
    status = s;
  });
  if (!isExecSocket(socket)) throw new Error(`exec in ${r.pod}/${r.container}: client-node returned no websocket`);
  if (transport.disposed) socket.terminate();
  sockets.add(socket);
  await untilClosed(socket, r).finally(() => sockets.delete(socket));
  if (transport.disposed) throw transport.endingError();
  return { exitCode: exitCodeOf(status), stdout: stdout.text(), stderr: stderr.text() };
}

/** A stream that decodes what it is written (UTF-8, split anywhere) into a tail. */
function sink(tail: TextTail): Writable {
  const dec = new TextDecoder();
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      tail.append(dec.decode(chunk, { stream: true }));
      cb();
    },
  });
}

/** Resolves when the socket closes; rejects on its error or after the request's timeout (the socket is then closed). */
function untilClosed(socket: ExecSocket, r: ExecRequest): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`exec in ${r.pod}/${r.container} did not finish within ${Math.round(r.timeoutMs / 1000)} s`));
    }, r.timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    if (socket.readyState === socket.CLOSED) done();
    socket.on('close', done);
    socket.on('error', (e: Error) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

function isExecSocket(x: unknown): x is ExecSocket {
  if (typeof x !== 'object' || x === null) return false;
  return 'readyState' in x && typeof x.readyState === 'number' && 'terminate' in x && typeof x.terminate === 'function' && 'on' in x && typeof x.on === 'function';
}

/** Success, or the exit code among the Status's causes; any other failure is 1. */
function exitCodeOf(status: ExecStatus | null): number {
  if (!status || status.status === 'Success') return 0;
  const code = status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
  return code !== undefined && /^\d+$/.test(code) ? Number(code) : 1;
}
