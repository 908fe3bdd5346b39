// Where the embedded shell shows: in place of the output pane, framed like the other panes.
// ShellPane (src/ui/shell) reads the keys itself while focused; this only wires it up.
import { useMemo, type ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import { useUIActions, useUIState } from '../contexts/TourContexts.js';
import { inner, type Size } from '../layout.js';
import { shellTasksDone, useTaskMatcher } from '../shell/input-lines.js';
import { ShellPane } from '../shell/ShellPane.js';
import { Pane } from './Pane.js';

export function ShellSlot({ size }: { readonly size: Size }): ReactNode {
  const { ui, lang, tour } = useUIState();
  const { leaveShell, shellExited, shellInput } = useUIActions();
  const shell = ui.shell;
  const tasks = (shell && tour.tutorial.steps.find((s) => s.id === shell.stepId)?.shell?.tasks) || [];
  const typed = shell ? ui.shellInput[shell.stepId] : undefined;
  const matcher = useTaskMatcher(tasks.length > 0);
  const done = useMemo(() => (tasks.length > 0 && matcher ? shellTasksDone(tasks, typed ?? []).size : 0), [tasks, typed, matcher]);
  if (!shell) return null;
  const area = inner(size);
  const progress = tasks.length > 0 ? ` · ${t(lang, 'shell.tasksDone', { done, total: tasks.length })}` : '';
  const label = t(lang, shell.focused ? 'shell.header' : 'shell.headerUnfocused', { pod: shell.pod, container: shell.container }) + progress;
  return (
    <Pane title={t(lang, 'ui.pane.shell')} size={size} focused={shell.focused}>
      <ShellPane
        key={shell.session ? 'open' : 'opening'}
        session={shell.session}
        width={area.width}
        height={area.height}
        focused={shell.focused}
        onLeave={leaveShell}
        onExit={shellExited}
        onInputLine={(line) => shellInput(shell.stepId, line)}
        {...(shell.transcript ? { transcript: shell.transcript } : {})}
        label={label}
        lang={lang}
      />
    </Pane>
  );
}
