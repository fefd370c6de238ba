import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './bridge-host';
import '../../../static/shared/base.css';
import './shell.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
