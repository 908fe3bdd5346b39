// Which command lines did the learner enter? Reconstructed from the raw bytes they typed
// into the shell pane, so a step with shell tasks can tick its tasks off as observed from
// the shell. An approximation of the line editor: printable text, Backspace, Ctrl-U,
// Ctrl-W, Ctrl-C and Enter; escape sequences (arrows, F-keys, Alt-x, bracketed-paste
// markers) are skipped, and so is Tab (completion happens in the shell, unseen here).
// A line is kept up to MAX_MATCHED_LINE_CHARS (a pasted megabyte is not kept, nor matched).
//
// The tasks' patterns are matched with RE2 (engine/task-pattern.ts: linear time, so no
// pattern from a tutorial can freeze the tour), loaded on demand: re2js is not needed for the
// first frame, only once a step with shell tasks is on screen (useTaskMatcher).

import { useEffect, useState } from 'react';
import { MAX_MATCHED_LINE_CHARS } from '../../engine/limits.js';
import type { ShellTask } from '../../engine/model.js';
import type { CompiledPattern } from '../../engine/task-pattern.js';

type EscState = 'none' | 'esc' | 'csi' | 'ss3' | 'string' | 'stringEsc';

export class InputLineTracker {
  private line = '';
  private esc: EscState = 'none';

  /** The line being typed (not yet entered). */
  get current(): string {
    return this.line;
  }

  /** Feeds typed bytes; returns the lines completed by Enter in them (possibly none). */
  feed(data: string): string[] {
    const done: string[] = [];
    for (const ch of data) {
      const c = ch.codePointAt(0) ?? 0;
      switch (this.esc) {
        case 'esc':
          if (ch === '[') this.esc = 'csi';
          else if (ch === 'O') this.esc = 'ss3';
          else if (ch === ']' || ch === 'P' || ch === '_' || ch === '^') this.esc = 'string';
          else this.esc = 'none'; // Alt-x and other two-byte sequences
          continue;
        case 'csi':
          if (c >= 0x40 && c <= 0x7e) this.esc = 'none';
          continue;
        case 'ss3':
          this.esc = 'none';
          continue;
        case 'string':
          if (c === 0x07) this.esc = 'none';
          else if (c === 0x1b) this.esc = 'stringEsc';
          continue;
        case 'stringEsc':
          this.esc = ch === '\\' ? 'none' : 'string';
          continue;
        case 'none':
          break;
      }
      if (c === 0x1b) {
        this.esc = 'esc';
      } else if (c === 0x0d || c === 0x0a) {
        done.push(this.line);
        this.line = '';
      } else if (c === 0x7f || c === 0x08) {
        this.line = Array.from(this.line).slice(0, -1).join('');
      } else if (c === 0x15 || c === 0x03) {
        this.line = ''; // Ctrl-U kills the line; Ctrl-C abandons it
      } else if (c === 0x17) {
        this.line = this.line.replace(/\S*\s*$/, ''); // Ctrl-W: the word before the cursor
      } else if (c >= 0x20 && c !== 0x9b) {
        if (this.line.length < MAX_MATCHED_LINE_CHARS) this.line += ch;
      }
    }
    return done;
  }

  reset(): void {
    this.line = '';
    this.esc = 'none';
  }
}

/** Splits typed input into the entered command lines (a fresh tracker). */
export function inputLines(typed: string): string[] {
  return new InputLineTracker().feed(typed);
}

export type CompileTaskPattern = (source: string) => CompiledPattern;

let loadedCompile: CompileTaskPattern | undefined;
let loading: Promise<CompileTaskPattern> | undefined;
const compiled = new Map<string, CompiledPattern>();

/** Loads the pattern engine (once); shellTasksDone matches nothing until it is loaded. */
export function loadTaskMatcher(): Promise<CompileTaskPattern> {
  loading ??= import('../../engine/task-pattern.js').then((m) => (loadedCompile = m.compileTaskPattern));
  return loading;
}

/** Whether the pattern engine is loaded; loads it (and re-renders) while `wanted`. */
export function useTaskMatcher(wanted: boolean): boolean {
  const [ready, setReady] = useState(loadedCompile !== undefined);
  useEffect(() => {
    if (!wanted || ready) return undefined;
    let live = true;
    loadTaskMatcher().then(
      () => live && setReady(true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [wanted, ready]);
  return ready;
}

/**
 * The ids of the tasks whose `match` (an RE2 regular expression) matches at least one entered
 * line (leading and trailing blanks ignored). An invalid expression never matches.
 */
export function shellTasksDone(tasks: readonly ShellTask[], inputLines: readonly string[], compile: CompileTaskPattern | undefined = loadedCompile): Set<string> {
  const done = new Set<string>();
  if (!compile) return done;
  const lines = inputLines.map((l) => l.trim()).filter((l) => l !== '');
  for (const task of tasks) {
    let c = compiled.get(task.match);
    if (!c) {
      c = compile(task.match);
      compiled.set(task.match, c);
    }
    if (!c.ok) continue;
    const { pattern } = c;
    if (lines.some((l) => pattern.test(l))) done.add(task.id);
  }
  return done;
}
