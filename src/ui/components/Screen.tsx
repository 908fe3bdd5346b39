// Picks what fills the terminal for its size: the too-small message, or header + body +
// help bar, the body being an overlay or the panes (narrow: output/cluster as tabs below;
// wide: side by side). Every part has a fixed size: the frame is exactly `rows` high.
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import { useUIState } from '../contexts/TourContexts.js';
import { ClusterPane } from './ClusterPane.js';
import { Header } from './Header.js';
import { HelpBar } from './HelpBar.js';
import { OutputPane } from './OutputPane.js';
import { HelpOverlay, QuestionDialog, QuitConfirm, ResumePrompt, TooSmall, RunConfirm } from './Overlays.js';
import { FailureOverlay, RecapOverlay } from './ReadingOverlays.js';
import { ShellSlot } from './ShellSlot.js';
import { StepColumn } from './StepColumn.js';
import { StepList } from './StepList.js';
import { bottomTabsTitle, outputSlotShows, PANE_NAMES, shellOnStep } from '../pane-focus.js';

/** The output slot: the pod shell while it is open on this step and shown, else the output. */
function OutputOrShell({ tabTitle }: { readonly tabTitle?: string }): ReactNode {
  const { shell, layout, tour, ui } = useUIState();
  if (outputSlotShows(ui, shellOnStep(tour, shell)) === 'shell') return <ShellSlot size={layout.output} {...(tabTitle ? { title: tabTitle } : {})} />;
  return <OutputPane size={layout.output} {...(tabTitle ? { title: tabTitle } : {})} />;
}

function NarrowBody(): ReactNode {
  const { ui, layout, lang, tour, shell } = useUIState();
  const tabs = bottomTabsTitle(ui, shellOnStep(tour, shell), (pane) => t(lang, PANE_NAMES[pane]));
  return (
    <Box flexDirection="column" width={layout.cols} height={layout.body.height}>
      <Box flexDirection="row" height={layout.list.height} flexShrink={0}>
        <StepList />
        <StepColumn />
      </Box>
      {ui.bottomTab === 'cluster' ? <ClusterPane size={layout.cluster} title={tabs} /> : <OutputOrShell tabTitle={tabs} />}
    </Box>
  );
}

function WideBody(): ReactNode {
  const { layout } = useUIState();
  return (
    <Box flexDirection="row" width={layout.cols} height={layout.body.height}>
      <StepList />
      <StepColumn />
      <Box flexDirection="column" width={layout.output.width} height={layout.body.height} flexShrink={0}>
        <OutputOrShell />
        <ClusterPane size={layout.cluster} />
      </Box>
    </Box>
  );
}

function Body(): ReactNode {
  const { ui, layout, offer } = useUIState();
  if (ui.overlay === 'help') return <HelpOverlay />;
  if (ui.overlay === 'quit' || ui.stopping) return <QuitConfirm />;
  if (ui.overlay === 'resume' && offer) return <ResumePrompt offer={offer} />;
  if (ui.overlay === 'confirm') return <RunConfirm />;
  if (ui.overlay === 'question' && ui.question) return <QuestionDialog />;
  if (ui.overlay === 'failure') return <FailureOverlay />;
  if (ui.overlay === 'recap') return <RecapOverlay />;
  return layout.kind === 'wide' ? <WideBody /> : <NarrowBody />;
}

export function Screen(): ReactNode {
  const { layout } = useUIState();
  if (layout.kind === 'tooSmall') return <TooSmall cols={layout.cols} rows={layout.rows} />;
  return (
    <Box flexDirection="column" width={layout.cols} height={layout.rows}>
      <Header />
      <Body />
      <HelpBar />
    </Box>
  );
}
