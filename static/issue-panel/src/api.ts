import { events, makeInvoke, view } from '@forge/bridge';
import type { AnswerEnvelope, ForgeDefinitions, PayloadIn, ResolverKey } from '../../../src/contracts/resolver-contract';
import type { NEW_REQUEST, PANEL } from '../../../src/contracts/resolvers';
import type { PanelView } from '../../../src/contracts/views/panel';

export type { PanelView };

/**
 * The panel's and the badge's one way to their resolver: `@forge/bridge`'s `invoke`, typed by the resolver contract
 * (`src/contracts/resolvers.ts`), so a key, payload or answer the server does not have is a type error here.
 * Every write goes through a resolver; the server decides, the panel only shows.
 */
export const callPanel = makeInvoke<ForgeDefinitions<typeof PANEL>>();

/** The "New marketing request" project page's one way to its resolver, typed by the same contract. */
export const callNewRequest = makeInvoke<ForgeDefinitions<typeof NEW_REQUEST>>();

type PanelKey = ResolverKey<typeof PANEL>;
/**
 * Every write of the panel that answers with the panel's view and names the revision it was made on: the record
 * commands and the template actions. `usePanel` adds the revision; a form sends the rest.
 */
export type CommandKey = {
  [Key in PanelKey]: PayloadIn<typeof PANEL, Key> extends { expectedRevision: number }
    ? ReturnType<ForgeDefinitions<typeof PANEL>[Key]> extends { ok: true; data: PanelView } | { ok: false }
      ? Key
      : never
    : never;
}[PanelKey];
/** What a form of the panel sends for a write: its fields, without the revision. */
export type CommandFields<Key extends CommandKey> = Omit<PayloadIn<typeof PANEL, Key>, 'expectedRevision'>;

export const readPanel = () => callPanel('record/get');

/** `callPanel` for the writes alone: the same function, its key generic (Forge's `DefArguments` does not narrow on one). */
const callCommand = callPanel as <Key extends CommandKey>(
  key: Key,
  payload: PayloadIn<typeof PANEL, Key>,
) => Promise<AnswerEnvelope<typeof PANEL, Key>>;

export const runCommand = <Key extends CommandKey>(key: Key, fields: CommandFields<Key>, expectedRevision: number) =>
  callCommand(key, { ...fields, expectedRevision } as PayloadIn<typeof PANEL, Key>);

export const searchPeople = (query: string) => callPanel('people/search', { query });

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
