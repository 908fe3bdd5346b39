// Where the embedded shell shows: in place of the output pane, framed like the other panes.
// ShellPane (src/ui/shell) reads the keys itself while focused; this only wires it up.
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import { useUIActions, useUIState } from '../contexts/TourContexts.js';
import { inner, type Size } from '../layout.js';
import { shellTasksDone } from '../shell/input-lines.js';
import { ShellPane } from '../shell/ShellPane.js';
import { Pane } from './Pane.js';

export function ShellSlot({ size }: { readonly size: Size }): ReactNode {
  const { ui, lang, tour } = useUIState();
  const { leaveShell, shellExited, shellInput } = useUIActions();
  const shell = ui.shell;
  if (!shell) return null;
  const area = inner(size);
  const tasks = tour.tutorial.steps.find((s) => s.id === shell.stepId)?.shell?.tasks ?? [];
  const done = tasks.length > 0 ? shellTasksDone(tasks, ui.shellInput[shell.stepId] ?? []).size : 0;
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
