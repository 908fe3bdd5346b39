// The shell tasks' `match` patterns, compiled and matched with RE2 (re2js, pure JavaScript):
// a linear-time engine with no backtracking, so no pattern from a tutorial can make matching
// take exponential time (the JavaScript engine froze the whole tour on `(a+)+$`). Patterns
// RE2 cannot compile (lookaround, backreferences) are reported by the loader. The line matched
// is cut to MAX_MATCHED_LINE_CHARS as well, so the time per line is bounded too.

import { RE2JS } from 're2js';
import { MAX_MATCHED_LINE_CHARS } from './limits.js';
import { errorMessage } from './errors.js';

export interface TaskPattern {
  /** Whether the pattern matches anywhere in the line (its first MAX_MATCHED_LINE_CHARS characters). */
  test(line: string): boolean;
}

export type CompiledPattern = { readonly ok: true; readonly pattern: TaskPattern } | { readonly ok: false; readonly error: string };

export function compileTaskPattern(source: string): CompiledPattern {
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
  return { ok: true, pattern: { test: (line) => re.test(line.length > MAX_MATCHED_LINE_CHARS ? line.slice(0, MAX_MATCHED_LINE_CHARS) : line) } };
}
