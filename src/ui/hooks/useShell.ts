// The pod shell as the UI sees it: the shell controller's status (re-rendering only when it
// changes, not at every screen update), its events turned into the screen's state and
// notices, and Ink's focus handling off while the pane has the keys.
import { useFocusManager } from 'ink';
import { useCallback, useEffect, useRef, useSyncExternalStore, type Dispatch } from 'react';
import type { ShellController, ShellEvent, ShellStatus } from '../../app/shell-controller.js';
import type { MessageRef } from '../../i18n/types.js';
import type { UiAction } from '../state/ui-state.js';

export function useShellStatus(shells: ShellController): ShellStatus | null {
  const status = useCallback(() => shells.getSnapshot()?.status ?? null, [shells]);
  return useSyncExternalStore(shells.subscribe, status, status);
}

function noticeOf(event: ShellEvent): MessageRef | null {
  switch (event.type) {
    case 'ended':
      return null;
    case 'openFailed':
      return event.message;
    case 'fullScreenEnded':
      return { key: 'ui.notice.fullScreenShellEnded' };
    case 'fullScreenFailed':
      return { key: 'ui.notice.shellFailed', params: { error: event.error } };
    case 'recordingStarted':
      return { key: 'ui.notice.transcriptStarted', params: { path: event.path } };
    case 'recordingSaved':
      return { key: 'ui.notice.transcriptSaved', params: { path: event.path } };
    case 'recordingFailed':
      return { key: 'ui.notice.transcriptFailed', params: { error: event.error } };
  }
}

/** A shell that ended or did not open gives the keys back; what the learner should know is a notice. */
export function useShellEvents(shells: ShellController, dispatch: Dispatch<UiAction>): void {
  useEffect(
    () =>
      shells.on((event) => {
        if (event.type === 'ended' || event.type === 'openFailed' || event.type === 'fullScreenEnded' || event.type === 'fullScreenFailed') {
          dispatch({ type: 'shellFocus', focused: false });
        }
        const message = noticeOf(event);
        if (message) dispatch({ type: 'notice', notice: { tone: 'warn', message } });
      }),
    [shells, dispatch],
  );
}

/** While the shell pane has the keys, Ink's focus handling is off too (else Ink takes Tab). */
export function useInkFocusOff(shellHasKeys: boolean): void {
  const focus = useFocusManager();
  const focusRef = useRef(focus);
  focusRef.current = focus;
  const hadKeys = useRef(false);
  useEffect(() => {
    if (shellHasKeys) focusRef.current.disableFocus();
    else if (hadKeys.current) focusRef.current.enableFocus();
    hadKeys.current = shellHasKeys;
  }, [shellHasKeys]);
}
