import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Badge } from './Badge';
import { Panel } from './Panel';
import './styles.css';

/** The badge module shares this bundle; everything else is the panel. */
const BADGE_MODULE = 'flight-plan-badge';

const start = async () => {
  // Theming first, so the first paint already has the user's light or dark colours.
  await view.theme.enable();
  const context = (await view.getContext()) as { moduleKey?: string };
  createRoot(document.getElementById('root')!).render(<StrictMode>{context.moduleKey === BADGE_MODULE ? <Badge /> : <Panel />}</StrictMode>);
};

void start();
