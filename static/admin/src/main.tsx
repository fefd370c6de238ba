import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../shared/base.css';
import { AdminPage } from './AdminPage';
import './admin.css';
import { rootElement } from '../../shared/root';

const start = async () => {
  await view.theme.enable();
  createRoot(rootElement()).render(
    <StrictMode>
      <AdminPage />
    </StrictMode>,
  );
};

void start();
