import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { shellViewer } from './bridge-host';
import '../../../static/shared/base.css';
import './shell.css';
import { rootElement } from '../../../static/shared/root';
import { setViewerTime } from '../../../static/shared/viewer-time';

// The shell's own pages show times as Jira's do: in the viewer's zone, as the app's modules are told it.
setViewerTime(shellViewer());

createRoot(rootElement()).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
