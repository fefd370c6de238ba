import { view } from '@forge/bridge';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../shared/base.css';
import { setViewerTime } from '../../shared/viewer-time';
import './gadgets.css';
import { rootElement } from '../../shared/root';

interface GadgetContext {
  readonly timezone?: string;
  readonly locale?: string;
  readonly moduleKey?: string;
  readonly extension?: { readonly entryPoint?: string; readonly gadgetConfiguration?: Record<string, unknown> };
}

/** Both gadgets, view and edit, share this bundle; each loads only its own code. */
const start = async () => {
  await view.theme.enable();
  const context = (await view.getContext()) as GadgetContext;
  setViewerTime(context);
  const kind = context.moduleKey === 'triage-queue-gadget' ? 'triage' : context.moduleKey === 'outcomes-gadget' ? 'outcomes' : 'health';
  let content: ReactNode;
  if (context.extension?.entryPoint === 'edit') {
    const { GadgetEdit } = await import('./GadgetEdit');
    content = <GadgetEdit kind={kind} current={context.extension.gadgetConfiguration ?? {}} />;
  } else if (kind === 'outcomes') {
    const { OutcomesGadget } = await import('./OutcomesGadget');
    content = <OutcomesGadget />;
  } else if (kind === 'triage') {
    const { TriageGadget } = await import('./TriageGadget');
    content = <TriageGadget />;
  } else {
    const { HealthGadget } = await import('./HealthGadget');
    content = <HealthGadget />;
  }
  createRoot(rootElement()).render(<StrictMode>{content}</StrictMode>);
};

void start();
