// A bordered pane of a fixed size with its title in the top border:
//   ╭─ Title ─────────── right ─╮
//   │ children                  │
//   ╰───────────────────────────╯
// The focused pane is unmistakable, without colour too: a double border (╔═╗), its title
// inverted and marked ▶. A pane that Tab moves the focus to says so in its title (`keyHint`).
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import stringWidth from 'string-width';
import { useColor } from '../contexts/TourContexts.js';
import type { Size } from '../layout.js';

export interface PaneProps {
  readonly title: string;
  /** Text at the right end of the top border (scroll position, follow mode). */
  readonly right?: string;
  readonly size: Size;
  readonly focused?: boolean;
  /** The key that moves the focus here, written after the title ("Output [Tab]"). */
  readonly keyHint?: string;
  readonly children?: ReactNode;
}

function fit(text: string, max: number): string {
  if (max <= 0) return '';
  if (stringWidth(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (stringWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return out + '…';
}

export function Pane({ title, right, size, focused = false, keyHint, children }: PaneProps): ReactNode {
  const c = useColor();
  const { width, height } = size;
  if (width < 4 || height < 2) return <Box width={width} height={height} />;
  const hint = keyHint ? ` [${keyHint}]` : '';
  // The key hint stays whole: the title gives way first.
  const titleText = fit(` ${focused ? '▶ ' : ''}${title}`, Math.max(0, width - 7 - stringWidth(hint))) + `${hint} `;
  // The corners, and at least one line between the title and the right text.
  const rightText = right ? fit(` ${right} `, Math.max(0, width - 5 - stringWidth(titleText))) : '';
  const fill = Math.max(0, width - 4 - stringWidth(titleText) - stringWidth(rightText));
  const borderColor = c(focused ? 'cyan' : 'gray');
  const line = focused ? '═' : '─';
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Box height={1} width={width} flexShrink={0}>
        <Text wrap="truncate-end">
          <Text color={borderColor}>{focused ? '╔═' : '╭─'}</Text>
          <Text bold={focused} inverse={focused}>{titleText}</Text>
          <Text color={borderColor}>{line.repeat(fill)}</Text>
          <Text dimColor={!focused}>{rightText}</Text>
          <Text color={borderColor}>{focused ? '═╗' : '─╮'}</Text>
        </Text>
      </Box>
      <Box
        borderStyle={focused ? 'double' : 'round'}
        borderTop={false}
        {...(borderColor ? { borderColor } : {})}
        width={width}
        height={height - 1}
        flexDirection="column"
        flexShrink={0}
        overflow="hidden"
      >
        {children}
      </Box>
    </Box>
  );
}
