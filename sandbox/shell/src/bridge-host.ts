import { navigate } from './navigation';
import { currentUserId, sandbox } from './sandbox-api';
import { scalarText } from '../../../src/contracts/scalar-text';

/**
 * The viewer's locale and own zone, as Jira gives the zone of the viewer's profile to the app's modules and uses it
 * on its own pages. `?timezone=Asia/Tokyo` on the page stands in for a profile zone other than the browser's, as a
 * laptop abroad has.
 */
export const shellViewer = (): { readonly locale: string; readonly timezone: string } => ({
  locale: 'en-US',
  timezone: new URLSearchParams(window.location.search).get('timezone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
});

/**
 * The host side of `@forge/bridge` for the Custom UI iframes: what Jira's frame host does for an
 * app — context, resolver invocation, theming and events. Each iframe is registered with the
 * module it shows and the extension context Jira would give it.
 */
interface FrameContext {
  readonly moduleKey: string;
  readonly extension: Record<string, unknown>;
  /** What `view.submit` does in this frame (a gadget's edit view saves its configuration). */
  readonly onSubmit?: (payload: unknown) => void;
  /** What `view.refresh` does in this frame; without it the view is not refreshable, as the bridge reports. */
  readonly onRefresh?: () => Promise<void>;
}

type Listener = (payload: unknown) => void;

/**
 * What `@forge/jira-bridge`'s `CreateIssueModal.open()` asks of Jira: its Create dialog, pre-filled from `context`
 * (project and issue type ids, summary, ADF description, field values by field id), and `onClose` called when it
 * closes "with a list of the issues created" (developer.atlassian.com/platform/forge/apis-reference/jira-api-bridge/createIssueModal/).
 */
export interface CreateModalRequest {
  readonly context: Readonly<Record<string, unknown>>;
  readonly onClose: (args: { payload: { issueId: string }[] }) => void;
}
let openCreateModal: ((request: CreateModalRequest) => void) | null = null;

/** The shell's Create dialog, opened for an app; the returned function stops it being offered. */
export const offerCreateModal = (opener: (request: CreateModalRequest) => void): (() => void) => {
  openCreateModal = opener;
  return () => {
    if (openCreateModal === opener) openCreateModal = null;
  };
};

const frames = new Map<Element, FrameContext>();
const listeners = new Map<Element, Map<string, Set<Listener>>>();
const themed = new Set<HTMLIFrameElement>();
let colorMode: 'light' | 'dark' = 'light';

export const registerFrame = (frame: HTMLIFrameElement, context: FrameContext): (() => void) => {
  frames.set(frame, context);
  return () => {
    frames.delete(frame);
    listeners.delete(frame);
    themed.delete(frame);
  };
};

/** Copies the shell's token stylesheets into a frame and sets its colour mode, as Jira does for themed apps. */
const applyTheme = (frame: HTMLIFrameElement): void => {
  const document = frame.contentDocument;
  if (!document) return;
  document.head.querySelectorAll('style[data-sandbox-theme]').forEach((style) => style.remove());
  window.document.head.querySelectorAll('style[data-theme]').forEach((style) => {
    const copy = document.createElement('style');
    copy.setAttribute('data-sandbox-theme', '');
    copy.textContent = style.textContent;
    document.head.appendChild(copy);
  });
  document.documentElement.setAttribute('data-color-mode', colorMode);
  document.documentElement.setAttribute('data-theme', `dark:dark light:light`);
};

export const setFramesColorMode = (mode: 'light' | 'dark'): void => {
  colorMode = mode;
  themed.forEach(applyTheme);
};

/** Sends a Jira front-end event (e.g. `JIRA_ISSUE_CHANGED`) to every frame listening for it. */
export const emitToFrames = (event: string, payload: unknown): void => {
  for (const byEvent of listeners.values()) byEvent.get(event)?.forEach((listener) => listener(payload));
};

const callBridge = async (frame: HTMLIFrameElement, command: string, payload: Record<string, unknown> | undefined): Promise<unknown> => {
  const context = frames.get(frame);
  if (context === undefined) throw new Error('this frame is not registered with the sandbox shell');
  switch (command) {
    case 'getContext':
      return {
        accountId: currentUserId(),
        cloudId: 'sandbox-cloud',
        siteUrl: window.location.origin,
        localId: `${context.moduleKey}-sandbox`,
        moduleKey: context.moduleKey,
        environmentId: 'sandbox',
        environmentType: 'DEVELOPMENT',
        ...shellViewer(),
        theme: { colorMode },
        extension: context.extension,
      };
    case 'invoke':
      return sandbox('POST', 'invoke', {
        functionKey: payload?.['functionKey'],
        payload: payload?.['payload'] ?? {},
        moduleKey: context.moduleKey,
        extension: context.extension,
      });
    case 'enableTheming':
      themed.add(frame);
      applyTheme(frame);
      return undefined;
    case 'on': {
      const event = String(payload?.['event']);
      const callback = payload?.['callback'] as Listener;
      const byEvent = listeners.get(frame) ?? new Map<string, Set<Listener>>();
      listeners.set(frame, byEvent);
      const set = byEvent.get(event) ?? new Set<Listener>();
      byEvent.set(event, set);
      set.add(callback);
      return { unsubscribe: () => set.delete(callback) };
    }
    case 'submit':
      if (context.onSubmit === undefined) return false;
      context.onSubmit(payload);
      return true;
    case 'refresh':
      if (context.onRefresh === undefined) return false;
      await context.onRefresh();
      return true;
    case 'navigate': {
      const url = scalarText(payload?.['url'], '');
      if (!url.startsWith('/')) throw new Error(`the sandbox only navigates within the site, not to ${url}`);
      navigate(url);
      return undefined;
    }
    case 'emit':
      emitToFrames(String(payload?.['event']), payload?.['payload']);
      return undefined;
    case 'openIssueCreateModal': {
      // `@forge/jira-bridge` sends { data: { context, onClose } } and takes an answer of false as "unable to open".
      const data = (payload?.['data'] ?? {}) as Partial<CreateModalRequest>;
      if (openCreateModal === null) return false;
      openCreateModal({ context: data.context ?? {}, onClose: data.onClose ?? (() => undefined) });
      return true;
    }
    default:
      throw new Error(`the sandbox bridge does not emulate "${command}"`);
  }
};

declare global {
  interface Window {
    __sandboxHost?: { callBridge: typeof callBridge };
  }
}

window.__sandboxHost = { callBridge };
