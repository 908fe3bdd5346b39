// Questions from the adapters to the person at the keyboard, in the TUI: the adapters get
// `ask` when the session is built (before any screen exists); the TUI attaches when it is on
// screen and shows each question as a dialog. Nobody attached: the answer is null (nobody to
// ask), and so is a question still open when the TUI goes away.

import type { AskPerson } from '../adapters/ports.js';
import type { MessageRef } from '../i18n/types.js';

export interface PendingQuestion {
  readonly message: MessageRef;
  /** The person's answer; later answers are ignored. */
  answer(yes: boolean): void;
}

export interface PersonQuestions {
  readonly ask: AskPerson;
  /** Shows questions through `show` from now on; the returned function stops (open questions get null). */
  attach(show: (question: PendingQuestion) => void): () => void;
}

export function createPersonQuestions(): PersonQuestions {
  let show: ((question: PendingQuestion) => void) | null = null;
  const open = new Map<PendingQuestion, (answer: boolean | null) => void>();
  return {
    ask(message) {
      const current = show;
      if (!current) return Promise.resolve(null);
      return new Promise((resolve) => {
        const question: PendingQuestion = {
          message,
          answer(yes) {
            if (!open.delete(question)) return;
            resolve(yes);
          },
        };
        open.set(question, resolve);
        current(question);
      });
    },
    attach(next) {
      show = next;
      return () => {
        if (show === next) show = null;
        for (const [question, resolve] of [...open]) {
          open.delete(question);
          resolve(null);
        }
      };
    },
  };
}
