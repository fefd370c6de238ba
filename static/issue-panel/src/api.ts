import { events, view } from '@forge/bridge';
import { invoke } from '../../shared/invoke';
import type { CommandKey as RecordCommandKey, Envelope } from '../../../src/contracts/resolver-contract';
import type { PanelView } from '../../../src/contracts/views/panel';

export type { PanelView };

/** Every write resolver of the panel: the record commands, and the template actions. */
export type CommandKey = RecordCommandKey | 'template/save' | 'template/apply';

/** Every write goes through a resolver; the server decides, the panel only shows. */
export const readPanel = (): Promise<Envelope<PanelView>> => invoke<Envelope<PanelView>>('record/get');

export const runCommand = (key: CommandKey, payload: Record<string, unknown>): Promise<Envelope<PanelView>> =>
  invoke<Envelope<PanelView>>(key, payload);

/** Jira tells issue view modules when the issue changes (a transition, an edit). */
export const onIssueChanged = (callback: () => void): Promise<{ unsubscribe: () => void }> => events.on('JIRA_ISSUE_CHANGED', callback);

/** The app's own event between its issue view modules: the panel saved, so the badge reloads. */
const RECORD_CHANGED = 'flight-plan:record-changed';

export const announceRecordChanged = (revision: number): Promise<void> => events.emit(RECORD_CHANGED, { revision });

export const onRecordChanged = (callback: (revision: number | undefined) => void): Promise<{ unsubscribe: () => void }> =>
  events.on(RECORD_CHANGED, (payload: unknown) => callback((payload as { revision?: number } | undefined)?.revision));

/**
 * Asks Jira to fetch the issue view's data again ("without a full-page reload"), so the collapsed
 * badge's status is asked of the app anew. Where Jira does not offer it to this module, the badge
 * shows the new status the next time Jira asks (when it is collapsed, or the issue is opened).
 */
export const refreshIssueView = (): Promise<void> => view.refresh().catch(() => undefined);
