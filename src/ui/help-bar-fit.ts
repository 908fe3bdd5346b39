// Which entries the help bar keeps when they do not all fit its one row: `?` (help) and `q`
// (quit) always, then what the learner most likely needs next, dropping the rest from the
// least needed. The entries keep their order. Pure.
import stringWidth from 'string-width';

export interface BarItem {
  /** The binding's action name in its key table ('help', 'quit', 'run', …). */
  readonly action: string;
  readonly label: string;
  readonly text: string;
}

/** Actions from the most to the least needed; `help` and `quit` are never dropped. Others: after these. */
const NEED: readonly string[] = [
  'help',
  'quit',
  'run',
  'nextBeat',
  'cancel',
  'retry',
  // A failed step's status row points at `e`: the bar must still show it.
  'explain',
  'leaveShell',
  'yes',
  'no',
  'resume',
  'fresh',
  'close',
  'skip',
  'solve',
  'shell',
  'transcript',
  'switchPane',
  'pageUp',
  'check',
  'language',
  'up',
];

/** Columns an entry takes in the bar: " label text". */
export function barItemWidth(item: BarItem): number {
  return 1 + stringWidth(item.label) + 1 + stringWidth(item.text);
}

function need(action: string): number {
  const i = NEED.indexOf(action);
  return i < 0 ? NEED.length : i;
}

/** The entries that fit `width` columns, in their order; `help` and `quit` first to stay. */
export function fitBar(items: readonly BarItem[], width: number): BarItem[] {
  const kept = [...items];
  const total = (): number => kept.reduce((sum, it) => sum + barItemWidth(it), 0);
  while (total() > width) {
    let drop = -1;
    kept.forEach((it, i) => {
      if (it.action === 'help' || it.action === 'quit') return;
      if (drop < 0 || need(it.action) >= need(kept[drop]?.action ?? '')) drop = i;
    });
    if (drop < 0) break;
    kept.splice(drop, 1);
  }
  return kept;
}
