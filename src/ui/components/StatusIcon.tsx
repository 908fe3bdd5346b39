// The icon of a step's status: ○ pending, spinner running, ✓ passed, ✗ failed, – skipped,
// ■ cancelled (stopped by the learner: not a failure).
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { StepStatus } from '../../engine/tour.js';
import { useColor } from '../contexts/TourContexts.js';
import { Spinner } from './Spinner.js';

export const STATUS_ICONS: Readonly<Record<Exclude<StepStatus, 'running'>, string>> = {
  pending: '○',
  passed: '✓',
  failed: '✗',
  skipped: '–',
  cancelled: '■',
};

export function StatusIcon({ status }: { readonly status: StepStatus }): ReactNode {
  const c = useColor();
  switch (status) {
    case 'running':
      return <Spinner />;
    case 'passed':
      return <Text color={c('green')}>{STATUS_ICONS.passed}</Text>;
    case 'failed':
      return <Text color={c('red')}>{STATUS_ICONS.failed}</Text>;
    case 'skipped':
      return <Text dimColor>{STATUS_ICONS.skipped}</Text>;
    case 'cancelled':
      return <Text color={c('yellow')}>{STATUS_ICONS.cancelled}</Text>;
    case 'pending':
      return <Text color={c('gray')}>{STATUS_ICONS.pending}</Text>;
  }
}
