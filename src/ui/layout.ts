// Where every pane goes for a terminal size. Pure: the same size always gives the same boxes,
// and every box has a fixed size so that a frame is always exactly `rows` lines high.

export const MIN_COLS = 60;
export const MIN_ROWS = 18;
/** From this width on, the output and cluster panes sit side by side with the step view. */
export const WIDE_COLS = 140;

export interface Size {
  readonly width: number;
  readonly height: number;
}

export type LayoutKind = 'tooSmall' | 'narrow' | 'wide';

export interface Layout {
  readonly kind: LayoutKind;
  readonly cols: number;
  readonly rows: number;
  /** The area between the header and the help bar. */
  readonly body: Size;
  readonly list: Size;
  /** The step view column (step text plus the result panel below it). */
  readonly step: Size;
  /** narrow: the tabbed pane (output or cluster); wide: the output pane. */
  readonly output: Size;
  /** wide: the cluster pane below the output; narrow: same box as output (a tab). */
  readonly cluster: Size;
}

/**
 * `shellOpen`: the embedded shell replaces the output pane; on a narrow terminal it then
 * gets most of the height (a shell of six rows is no use), the step view keeps the rest.
 */
export function computeLayout(cols: number, rows: number, shellOpen = false): Layout {
  const c = Math.max(0, Math.floor(cols));
  const r = Math.max(0, Math.floor(rows));
  const zero: Size = { width: 0, height: 0 };
  if (c < MIN_COLS || r < MIN_ROWS) {
    return { kind: 'tooSmall', cols: c, rows: r, body: { width: c, height: Math.max(0, r - 2) }, list: zero, step: zero, output: zero, cluster: zero };
  }
  const body: Size = { width: c, height: r - 2 };
  if (c >= WIDE_COLS) {
    const listWidth = 30;
    const rightWidth = Math.floor((c - listWidth) * 0.45);
    const stepWidth = c - listWidth - rightWidth;
    const outputHeight = Math.ceil(body.height * 0.55);
    return {
      kind: 'wide',
      cols: c,
      rows: r,
      body,
      list: { width: listWidth, height: body.height },
      step: { width: stepWidth, height: body.height },
      output: { width: rightWidth, height: outputHeight },
      cluster: { width: rightWidth, height: body.height - outputHeight },
    };
  }
  const bottom = Math.max(8, Math.floor(body.height * (shellOpen ? 0.62 : 0.4)));
  const top = body.height - bottom;
  const listWidth = Math.min(30, Math.max(24, Math.floor(c * 0.27)));
  return {
    kind: 'narrow',
    cols: c,
    rows: r,
    body,
    list: { width: listWidth, height: top },
    step: { width: c - listWidth, height: top },
    output: { width: c, height: bottom },
    cluster: { width: c, height: bottom },
  };
}

/** Inner size of a bordered pane (one title/border row on top, one border row below, two columns). */
export function inner(size: Size): Size {
  return { width: Math.max(0, size.width - 2), height: Math.max(0, size.height - 2) };
}
