import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './bridge-host';
import '../../../static/shared/base.css';
import './shell.css';
import { rootElement } from '../../../static/shared/root';

createRoot(rootElement()).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
