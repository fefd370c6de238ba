import { events } from '@forge/bridge';
import { invoke } from '../../shared/invoke';
import type { CommandKey as RecordCommandKey, Envelope } from '../../../src/contracts/resolver-contract';
import type { PanelView } from '../../../src/use-cases/issue-panel';

export type { PanelView };

/** Every write resolver of the panel: the record commands, and the template actions. */
export type CommandKey = RecordCommandKey | 'template/save' | 'template/apply';

/** Every write goes through a resolver; the server decides, the panel only shows. */
export const readPanel = (): Promise<Envelope<PanelView>> => invoke<Envelope<PanelView>>('record/get');

export const runCommand = (key: CommandKey, payload: Record<string, unknown>): Promise<Envelope<PanelView>> =>
  invoke<Envelope<PanelView>>(key, payload);

/** Jira tells issue view modules when the issue changes (a transition, an edit). */
export const onIssueChanged = (callback: () => void): Promise<{ unsubscribe: () => void }> => events.on('JIRA_ISSUE_CHANGED', callback);
