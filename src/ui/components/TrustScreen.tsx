// The question asked before a tutorial that is not built in can run anything: the list of
// every program it can run (trust.ts: escaped, long arguments cut visibly), scrollable, and
// one answer: t to trust it, q to quit (the keys: TRUST_KEYS). Fits 80×24 and any larger terminal.
import { Box, Text, useInput } from 'ink';
import { useMemo, useState, type ReactNode } from 'react';
import { shortenValue } from '../../engine/display.js';
import { t } from '../../i18n/index.js';
import type { TerminalSize } from '../hooks/useTerminalSize.js';
import { wrapLine } from '../text/wrap.js';
import { bindingFor, press } from '../keys/bindings.js';
import { TRUST_KEYS, type TrustActions } from '../keys/key-bindings.js';
import { windowOf } from './Lines.js';
import type { Lang } from '../../i18n/types.js';

export interface TrustScreenProps {
  /** The tutorial's folder as the learner named it. */
  readonly dir: string;
  /** trustLines(): the programs, by step. */
  readonly lines: readonly string[];
  readonly lang: Lang;
  readonly color: boolean;
  readonly size: TerminalSize;
  readonly onAnswer: (trusted: boolean) => void;
}

const INDENT = '    ';

/** The list wrapped to the width: continuation lines indented, nothing cut off at the right. */
export function trustScreenLines(lines: readonly string[], width: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const parts = wrapLine(line, Math.max(10, width - INDENT.length));
    out.push(parts[0] ?? '', ...parts.slice(1).map((p) => INDENT + p.trimStart()));
  }
  return out;
}

export function TrustScreen({ dir, lines, lang, color, size, onAnswer }: TrustScreenProps): ReactNode {
  const width = Math.max(20, size.columns);
  const wrapped = useMemo(() => trustScreenLines(lines, width), [lines, width]);
  const intro = useMemo(() => wrapLine(t(lang, 'trust.intro', { dir: shortenValue(dir, 60) }), width).slice(0, 2), [lang, dir, width]);
  const roomy = size.rows >= 16;
  // title, intro, rule above and below the list, position + keys (and the note when there is room).
  const fixed = 1 + intro.length + 2 + 2 + (roomy ? 1 : 0);
  const height = Math.max(1, size.rows - fixed);
  const [offset, setOffset] = useState(0);
  const { shown, start } = windowOf(wrapped, offset, height);
  const maxOffset = Math.max(0, wrapped.length - height);

  useInput((input, key) => {
    const binding = bindingFor(TRUST_KEYS, input, key);
    const actions: TrustActions = { answer: onAnswer, scrollTo: (next) => setOffset(Math.min(maxOffset, Math.max(0, next))) };
    if (binding) press(binding, { start, maxOffset, page: Math.max(1, height - 1) }, actions, () => undefined);
  });

  const rule = '─'.repeat(width);
  const cyan = color ? 'cyan' : undefined;
  const position = t(lang, 'trust.scroll', { from: wrapped.length === 0 ? 0 : start + 1, to: start + shown.length, total: wrapped.length });
  return (
    <Box flexDirection="column" width={width} height={size.rows}>
      <Box height={1} flexShrink={0}>
        <Text bold inverse wrap="truncate-end">{` ${t(lang, 'trust.title')} `}</Text>
      </Box>
      {intro.map((line, i) => (
        <Box key={`intro-${i}`} height={1} flexShrink={0}>
          <Text wrap="truncate-end">{line}</Text>
        </Box>
      ))}
      <Box height={1} flexShrink={0}>
        <Text color={cyan} dimColor={!color}>{rule}</Text>
      </Box>
      <Box flexDirection="column" height={height} flexShrink={0} overflow="hidden">
        {shown.map((line, i) => (
          <Box key={start + i} height={1} flexShrink={0}>
            <Text wrap="truncate-end" bold={!line.startsWith(' ')}>{line === '' ? ' ' : line}</Text>
          </Box>
        ))}
      </Box>
      <Box height={1} flexShrink={0}>
        <Text color={cyan} dimColor={!color}>{rule}</Text>
      </Box>
      <Box height={1} flexShrink={0}>
        <Text wrap="truncate-end">
          <Text bold>{t(lang, 'trust.keys')}</Text>
          <Text dimColor>{`  ${position}`}</Text>
        </Text>
      </Box>
      {roomy ? (
        <Box height={1} flexShrink={0}>
          <Text dimColor wrap="truncate-end">{t(lang, 'trust.remembered')}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
