// A tiny Ink app around ShellPane, run by test/pty-pane.test.ts in a real pty: a local
// shell in the pane; `s` focuses it, Ctrl-] leaves, `q` quits (ending the shell).
import { Box, render, Text, useApp, useFocusManager, useInput } from 'ink';
import { useEffect, useState, type ReactNode } from 'react';
import { spawnPtySession, type PtyShellSession } from '../../../src/adapters/pty/pty-shell.js';
import { ShellController } from '../../../src/app/shell-controller.js';
import { ShellPane, shellPaneTermSize } from '../../../src/ui/shell/ShellPane.js';

const WIDTH = 60;
const HEIGHT = 10;

function App({ session, shells }: { session: PtyShellSession; shells: ShellController }): ReactNode {
  const [focused, setFocused] = useState(true);
  const [lines, setLines] = useState<string[]>([]);
  const [ended, setEnded] = useState(false);
  const { exit } = useApp();
  const { disableFocus, enableFocus } = useFocusManager();
  useEffect(() => {
    if (focused) disableFocus();
    else enableFocus();
  }, [focused, disableFocus, enableFocus]);
  useInput(
    (input) => {
      if (input === 'q') {
        session.kill();
        exit();
      } else if (input === 's' && !ended) setFocused(true);
    },
    { isActive: !focused },
  );
  return (
    <Box flexDirection="column">
      <ShellPane
        shell={shells}
        width={WIDTH}
        height={HEIGHT}
        focused={focused}
        onLeave={() => setFocused(false)}
        onExit={() => {
          setEnded(true);
          setFocused(false);
        }}
        onInputLine={(l) => setLines((ls) => [...ls, l])}
        label="pod test · container sh · Ctrl-] to leave"
      />
      <Text>{focused ? 'FOCUS:shell' : 'FOCUS:tour'} lines={lines.length} last={lines[lines.length - 1] ?? ''}</Text>
    </Box>
  );
}

const { cols, rows } = shellPaneTermSize(WIDTH, HEIGHT);
const session = await spawnPtySession('/bin/sh', ['-i'], {
  cols,
  rows,
  env: { ...process.env, PS1: 'pane$ ', ENV: '' },
});
// The shell controller owns the session's screen (the pane draws it).
const shells = new ShellController({ launcher: { open: () => Promise.resolve(session) }, transcriptDir: '/nonexistent', lang: () => 'en' });
await shells.open({ stepId: 'pane', pod: 'test', container: 'sh', cols, rows });
const instance = render(<App session={session} shells={shells} />, { exitOnCtrlC: false, interactive: true });
await instance.waitUntilExit();
await shells.dispose();
process.stdout.write('APP-EXITED\n');
