// Where the embedded shell shows: in place of the output pane, framed like the other panes.
// The shell itself is the session's (ShellController); ShellPane draws its screen and, while
// focused, sends it the learner's keys.
import { useMemo, type ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import { useTourEnv, useUIActions, useUIState } from '../contexts/TourContexts.js';
import { shellHasKeys } from '../keys/key-bindings.js';
import { inner, type Size } from '../layout.js';
import { shellTasksDone, useTaskMatcher } from '../shell/input-lines.js';
import { ShellPane } from '../shell/ShellPane.js';
import { usePaneFocus } from '../hooks/usePaneFocus.js';
import { Pane } from './Pane.js';

export function ShellSlot({ size, title }: { readonly size: Size; readonly title?: string }): ReactNode {
  const { ui, shell, lang, tour } = useUIState();
  const { shells } = useTourEnv();
  const { leaveShell, shellInput } = useUIActions();
  const tasks = (shell && tour.tutorial.steps.find((s) => s.id === shell.stepId)?.shell?.tasks) || [];
  const typed = shell ? ui.shellInput[shell.stepId] : undefined;
  const matcher = useTaskMatcher(tasks.length > 0);
  const paneFocus = usePaneFocus('shell', title !== undefined);
  const done = useMemo(() => (tasks.length > 0 && matcher ? shellTasksDone(tasks, typed ?? []).size : 0), [tasks, typed, matcher]);
  if (!shell) return null;
  const focused = shellHasKeys({ ui, shell });
  const area = inner(size);
  const progress = tasks.length > 0 ? ` · ${t(lang, 'shell.tasksDone', { done, total: tasks.length })}` : '';
  const label = t(lang, focused ? 'shell.header' : 'shell.headerUnfocused', { pod: shell.pod, container: shell.container }) + progress;
  const { stepId } = shell;
  return (
    <Pane title={title ?? t(lang, 'ui.pane.shell')} size={size} focused={focused || paneFocus.focused} {...(paneFocus.keyHint ? { keyHint: paneFocus.keyHint } : {})}>
      <ShellPane
        key={shell.id}
        shell={shells}
        width={area.width}
        height={area.height}
        focused={focused}
        onLeave={leaveShell}
        onInputLine={(line) => shellInput(stepId, line)}
        label={label}
        lang={lang}
      />
    </Pane>
  );
}
