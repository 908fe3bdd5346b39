// What a caught value says, as one line of text: the one way the tour turns an error it did
// not expect into words (an Error's message; anything else thrown, as a string).

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The error's code (`ENOENT`, `EPERM`, …), when it carries one: what Node's system errors are told apart by. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
