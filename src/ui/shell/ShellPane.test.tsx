import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShellController, type ShellRecorder } from '../../app/shell-controller.js';
import { FakeShellSession } from '../../../test/fakes/shell/fake-session.js';
import { waitFor } from '../../../test/fakes/shell/helpers.js';
import { layoutLine, ShellPane, shellPaneTermSize, type ShellPaneProps } from './ShellPane.js';

// eslint-disable-next-line no-control-regex
const strip = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');
const unmounts: (() => void)[] = [];
afterEach(() => {
  for (const u of unmounts.splice(0)) u();
});

type Transcript = Pick<ShellRecorder, 'output' | 'input' | 'resize'>;

interface SetupOptions extends Partial<ShellPaneProps> {
  /** Whether a shell is opened (default true); without one the pane waits for it. */
  readonly open?: boolean;
  /** Records the shell from the start (the controller's recording, fed with output, input and resizes). */
  readonly transcript?: Transcript;
}

function setup({ open = true, transcript, ...overrides }: SetupOptions = {}) {
  const session = new FakeShellSession();
  const onLeave = vi.fn();
  const onExit = vi.fn();
  const recorder: ShellRecorder | undefined = transcript && { ...transcript, start: () => '/nonexistent/x.cast', stop: () => Promise.resolve('/nonexistent/x.cast') };
  const shells = new ShellController({
    launcher: { open: () => Promise.resolve(session) },
    transcriptDir: '/nonexistent',
    lang: () => 'en',
    ...(recorder ? { recorder: () => recorder } : {}),
  });
  const props: ShellPaneProps = {
    shell: shells,
    width: 40,
    height: 6,
    focused: true,
    onLeave,
    onExit,
    label: 'pod image-volume · container shell · Ctrl-] to leave',
    ...overrides,
  };
  // The shell opens at the pane's size (as the tour opens it).
  if (open) {
    void shells.open({ stepId: 'explore-shell', pod: 'image-volume', container: 'shell', ...shellPaneTermSize(props.width, props.height) }).then(() => {
      if (recorder) shells.toggleRecording();
    });
  }
  const r = render(<ShellPane {...props} />);
  unmounts.push(r.unmount, () => void shells.dispose());
  const frame = (): string => strip(r.lastFrame() ?? '');
  return { session, shells, onLeave, onExit, props, frame, ...r };
}

/** The pane is ready once the screen shows the shell's output. */
async function ready(s: ReturnType<typeof setup>): Promise<void> {
  s.session.output('$ ');
  await waitFor(() => s.frame().includes('$'), 'the prompt');
  await new Promise((r) => setTimeout(r, 30)); // a real tick for the focus effect
}

describe('ShellPane', () => {
  it('forwards typed bytes to the session unchanged', async () => {
    const s = setup();
    await ready(s);
    const bytes = 'ls\t\x03\x1b[A\x1bx\x1bOP\x1b[15~中\r';
    s.stdin.write(bytes);
    await waitFor(() => s.session.written === bytes, 'the bytes to arrive');
    expect(s.onLeave).not.toHaveBeenCalled();
  });

  it('Ctrl-] leaves, after forwarding the bytes before it', async () => {
    const s = setup();
    await ready(s);
    s.stdin.write('abc\x1ddef');
    await waitFor(() => s.onLeave.mock.calls.length === 1, 'onLeave');
    expect(s.session.written).toBe('abc');
  });

  it('after Ctrl-], nothing more goes to the shell until the pane is focused again', async () => {
    const s = setup();
    await ready(s);
    s.stdin.write('ls\x1d');
    await waitFor(() => s.onLeave.mock.calls.length === 1, 'onLeave');
    // Typed before the tour took the keys back: the tour's, not the shell's.
    s.stdin.write('j');
    s.rerender(<ShellPane {...s.props} focused={false} />);
    await new Promise((r) => setTimeout(r, 30));
    s.rerender(<ShellPane {...s.props} focused />);
    await new Promise((r) => setTimeout(r, 30));
    s.stdin.write('pwd');
    await waitFor(() => s.session.written === 'lspwd', 'the bytes after focusing again');
    expect(s.onLeave).toHaveBeenCalledTimes(1);
  });

  it('forwards nothing when not focused', async () => {
    const s = setup({ focused: false });
    await ready(s);
    s.stdin.write('ls\r');
    s.stdin.write('\x1d');
    await new Promise((r) => setTimeout(r, 50));
    expect(s.session.writes).toEqual([]);
    expect(s.onLeave).not.toHaveBeenCalled();
  });

  it('starts and stops forwarding when focus changes', async () => {
    const s = setup({ focused: false });
    await ready(s);
    s.rerender(<ShellPane {...s.props} focused />);
    await new Promise((r) => setTimeout(r, 30));
    s.stdin.write('x');
    await waitFor(() => s.session.written === 'x', 'x');
    s.rerender(<ShellPane {...s.props} focused={false} />);
    await new Promise((r) => setTimeout(r, 30));
    s.stdin.write('y');
    await new Promise((r) => setTimeout(r, 30));
    expect(s.session.written).toBe('x');
  });

  it('says when the shell ended and calls onExit', async () => {
    const s = setup({ width: 60 });
    await ready(s);
    s.session.exit(3);
    await waitFor(() => s.frame().includes('The shell ended (exit 3). Press s to open it again.'), 'the exit line');
    await waitFor(() => s.onExit.mock.calls.length === 1, 'onExit');
    expect(s.onExit).toHaveBeenCalledWith({ exitCode: 3 });
    // Typed bytes are no longer taken once the shell has ended.
    s.stdin.write('s');
    await new Promise((r) => setTimeout(r, 30));
    expect(s.session.writes).toEqual([]);
  });

  it('says so in Chinese too', async () => {
    const s = setup({ lang: 'zh-CN', width: 60 });
    await ready(s);
    s.session.exit(0);
    await waitFor(() => s.frame().includes('shell 已结束（退出码 0）。按 s 重新打开。'), 'the exit line in zh-CN');
  });

  it('renders exactly height lines of at most width columns, never wrapping', async () => {
    const s = setup({ width: 30, height: 8 });
    s.session.output('hello\r\n' + 'x'.repeat(29) + 'yz\r\n中文中文中文中文中文中文中文中文\r\n$ ');
    await waitFor(() => s.frame().includes('中文'), 'the output');
    const lines = s.frame().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toContain('pod image-volume');
    expect(lines[1].trimEnd()).toBe('hello');
    // xterm wraps at 30 columns itself (like a real terminal); Ink never does.
    expect(lines[2]).toBe('x'.repeat(29) + 'y');
    expect(lines[3].trimEnd()).toBe('z');
    expect(lines[4].trimEnd()).toBe('中文'.repeat(7) + '中');
    expect(lines[5].trimEnd()).toBe('文');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
  });

  it('resizes the session and the screen with the pane, and not after the exit', async () => {
    const s = setup({ width: 40, height: 6 });
    await ready(s);
    s.rerender(<ShellPane {...s.props} width={60} height={11} />);
    await waitFor(() => s.session.resizes.some(([c, r]) => c === 60 && r === 10), 'the resize');
    s.session.exit(0);
    await waitFor(() => s.onExit.mock.calls.length === 1, 'onExit');
    s.rerender(<ShellPane {...s.props} width={50} height={8} />);
    await waitFor(() => s.frame().split('\n').length === 8, 'the smaller pane');
    expect(s.session.resizes).toEqual([[60, 10]]);
  });

  it('reports the entered command lines', async () => {
    const onInputLine = vi.fn();
    const s = setup({ onInputLine });
    await ready(s);
    s.stdin.write('cat /volume/dir/fiel\x7f\x7fle\r');
    await waitFor(() => onInputLine.mock.calls.length === 1, 'a line');
    expect(onInputLine).toHaveBeenCalledWith('cat /volume/dir/file');
  });

  it('feeds the transcript with output, input and resizes', async () => {
    const events: string[] = [];
    const transcript = {
      output: (d: string) => events.push(`o:${d}`),
      input: (d: string) => events.push(`i:${d}`),
      resize: (c: number, r: number) => events.push(`r:${c}x${r}`),
    };
    const s = setup({ transcript });
    await ready(s);
    s.session.output('more');
    s.stdin.write('ls\r');
    await waitFor(() => events.includes('i:ls\r'), 'the input event');
    s.rerender(<ShellPane {...s.props} width={50} />);
    await waitFor(() => events.includes('r:50x5'), 'the resize event');
    expect(events).toContain('o:more');
  });

  it('shows a starting line without a session', () => {
    const s = setup({ open: false });
    expect(s.frame()).toContain('Starting the shell…');
    expect(s.frame().split('\n')).toHaveLength(6);
  });

  it('writes the terminal replies back to the session', async () => {
    const s = setup();
    await ready(s);
    s.session.output('\x1b[6n');
    await waitFor(() => s.session.writes.includes('\x1b[1;3R'), 'the cursor position report');
  });
});

describe('layoutLine', () => {
  it('pads, truncates and inverts the cursor cell', () => {
    expect(layoutLine([{ text: 'ab', fg: '1' }], 5, 3)).toEqual([
      { text: 'ab', fg: '1', cells: 2 },
      { text: ' ', cells: 1 },
      { text: ' ', inverse: true, cells: 1 },
      { text: ' ', cells: 1 },
    ]);
    expect(layoutLine([{ text: 'abcdef' }], 4)).toEqual([{ text: 'abcd', cells: 4 }]);
    expect(layoutLine([{ text: 'abc', inverse: true }], 3, 1)).toEqual([
      { text: 'a', inverse: true, cells: 1 },
      { text: 'b', inverse: false, cells: 1 },
      { text: 'c', inverse: true, cells: 1 },
    ]);
  });

  it('never splits a wide character', () => {
    expect(layoutLine([{ text: '中文字' }], 5)).toEqual([
      { text: '中文', cells: 4 },
      { text: ' ', cells: 1 },
    ]);
    expect(layoutLine([{ text: '中文' }], 4, 2)).toEqual([
      { text: '中', cells: 2 },
      { text: '文', inverse: true, cells: 2 },
    ]);
  });

  it('sizes the terminal one row less than the pane (the header)', () => {
    expect(shellPaneTermSize(80, 25)).toEqual({ cols: 80, rows: 24 });
  });
});
