// Nothing of a tutorial that is not trusted runs: until the learner answers the trust
// question, only the question is on screen; the tour (and with it every effect, the --step
// fast-forward, resuming progress) mounts after `t`. Quitting ends the tour at once.
import { useState, type ReactNode } from 'react';
import { TrustScreen } from './components/TrustScreen.js';
import { useTerminalSize, type TerminalSize } from './hooks/useTerminalSize.js';
import type { Lang } from '../i18n/types.js';

export interface TrustPrompt {
  /** The tutorial's folder as the learner named it. */
  readonly dir: string;
  /** trustLines() of the tutorial. */
  readonly lines: readonly string[];
  /** Called once the learner trusts it (to remember the answer). */
  readonly onTrust: () => void;
  /** Called when the learner quits instead. */
  readonly onDecline: () => void;
}

export interface TrustGateProps {
  readonly prompt: TrustPrompt | undefined;
  readonly lang: Lang;
  readonly color: boolean;
  readonly size?: TerminalSize;
  /** Ends the tour (the learner did not trust the tutorial). */
  readonly onQuit: () => void;
  readonly children: ReactNode;
}

export function TrustGate({ prompt, lang, color, size: fixed, onQuit, children }: TrustGateProps): ReactNode {
  const size = useTerminalSize(fixed);
  const [trusted, setTrusted] = useState(prompt === undefined);
  if (trusted || !prompt) return children;
  return (
    <TrustScreen
      dir={prompt.dir}
      lines={prompt.lines}
      lang={lang}
      color={color}
      size={size}
      onAnswer={(yes) => {
        if (yes) {
          prompt.onTrust();
          setTrusted(true);
        } else {
          prompt.onDecline();
          onQuit();
        }
      }}
    />
  );
}
