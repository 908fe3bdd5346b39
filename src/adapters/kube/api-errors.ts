// How the API server's error answers and the network's failures become errors a person can
// read: the HTTP status, its name and the server's own words ("500 Internal Server Error:
// etcdserver: request timed out"), or what kept the request from reaching the server. Used by
// the requests (transport.ts) and the watch streams (watch-stream.ts) alike.

import { STATUS_CODES } from 'node:http';
import { errorCode } from '../../engine/errors.js';

/**
 * The API server answered with an HTTP error. Its message is what it was, as a person would
 * want to read it: the status, its name and the server's own words.
 */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    /** The Status object's message (or what the body said), without the status line. */
    readonly serverMessage: string,
    readonly reason?: string,
  ) {
    super(httpErrorText(status, serverMessage));
    this.name = 'KubeApiError';
  }
}

/** The server could not be reached at all (refused, reset, timed out, DNS). */
export class UnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreachableError';
  }
}

/** "500 Internal Server Error: etcdserver: request timed out". */
export function httpErrorText(status: number, serverMessage: string): string {
  const line = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return serverMessage.trim() === '' ? line : `${line}: ${serverMessage.trim()}`;
}

/**
 * The error an HTTP error answer stands for: the message and reason of its Status object, or,
 * for a body that is not one (a proxy's error page), its first line; `fallback` when neither
 * says anything.
 */
export function apiErrorOf(status: number, body: string, fallback = ''): KubeApiError {
  const fields = statusFields(body);
  const message = fields ? (fields.message ?? '') : bodyLine(body);
  return new KubeApiError(status, message || fallback, fields?.reason);
}

/** Whether `error` is the API server's answer with one of these statuses. */
export function hasStatus(error: unknown, ...statuses: number[]): error is KubeApiError {
  return error instanceof KubeApiError && statuses.includes(error.status);
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

/** Whether the error says nothing answered (as opposed to an answer that was an error). */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof UnreachableError) return true;
  const cause = error instanceof Error ? error.cause : undefined;
  return UNREACHABLE_CODES.has(errorCode(error) ?? '') || UNREACHABLE_CODES.has(errorCode(cause) ?? '') || (error instanceof Error && error.name === 'TimeoutError');
}

/** The `message` and `reason` of a Status object; null when the body is not JSON. */
function statusFields(body: string): { readonly message?: string; readonly reason?: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const message = 'message' in parsed && typeof parsed.message === 'string' ? parsed.message : undefined;
  const reason = 'reason' in parsed && typeof parsed.reason === 'string' ? parsed.reason : undefined;
  return { ...(message !== undefined ? { message } : {}), ...(reason !== undefined ? { reason } : {}) };
}

/** A body that is not a Status object: its first line, short (a proxy's error page). */
function bodyLine(body: string): string {
  const line = body.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('<')) ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
