import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../shared/base.css';
import './styles.css';
import { rootElement } from '../../shared/root';
import { setViewerTime } from '../../shared/viewer-time';

/** The badge and the New marketing request page share this bundle; everything else is the panel. */
const BADGE_MODULE = 'flight-plan-badge';
const NEW_REQUEST_MODULE = 'new-request-page';

const start = async () => {
  // Theming first, so the first paint already has the user's light or dark colours.
  await view.theme.enable();
  const context = (await view.getContext()) as { moduleKey?: string; timezone?: unknown; locale?: unknown };
  // Times in the viewer's zone as Jira knows it, before anything renders.
  setViewerTime(context);
  // Each module loads only its own code: the badge, on every issue view, stays small.
  const View =
    context.moduleKey === BADGE_MODULE
      ? (await import('./Badge')).Badge
      : context.moduleKey === NEW_REQUEST_MODULE
        ? (await import('./NewRequestPage')).NewRequestPage
        : (await import('./Panel')).Panel;
  createRoot(rootElement()).render(
    <StrictMode>
      <View />
    </StrictMode>,
  );
};

void start();
