// Which command lines did the learner enter? Reconstructed from the raw bytes they typed
// into the shell pane, so the explore-shell step can tick its tasks off as observed from
// the shell. An approximation of the line editor: printable text, Backspace, Ctrl-U,
// Ctrl-W, Ctrl-C and Enter; escape sequences (arrows, F-keys, Alt-x, bracketed-paste
// markers) are skipped, and so is Tab (completion happens in the shell, unseen here).

import type { ShellTask } from '../../engine/model.js';

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
        this.line += ch;
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

/**
 * The ids of the tasks whose `match` (a JavaScript regular expression) matches at least one
 * entered line (leading and trailing blanks ignored). An invalid expression never matches.
 */
export function shellTasksDone(tasks: readonly ShellTask[], inputLines: readonly string[]): Set<string> {
  const done = new Set<string>();
  const lines = inputLines.map((l) => l.trim()).filter((l) => l !== '');
  for (const task of tasks) {
    let re: RegExp;
    try {
      re = new RegExp(task.match);
    } catch {
      continue;
    }
    if (lines.some((l) => re.test(l))) done.add(task.id);
  }
  return done;
}
