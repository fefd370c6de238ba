import { z } from 'zod';
import { requestLinksFrom } from '../contracts/issue-links';
import {
  ISSUE_KEY,
  type DependenciesView,
  type DependencyConfirmUnlinkedPayload,
  type DependencyAddPayload,
  type DependencyCandidate,
  type DependencyEntry,
  type DependencyRemovePayload,
  type DependencySearchPayload,
} from '../contracts/views/dependencies';
import { stageOfStatus, type AppConfig } from '../domain/app-config';
import {
  dependencyCycle,
  hasLaunched,
  loopWords,
  unlaunchedBlockers,
  unlinkedPanelBlockers,
  type LinkedRequest,
} from '../domain/dependencies';
import type { PanelBlocker } from '../domain/flight-plan-record';
import { parseStoredRecord } from '../contracts/flight-plan-record.schema';
import type { RecordCommand } from '../domain/record-commands';
import { isOwnerOrTriageLead } from '../domain/separation-of-duties';
import type { DependencyChangeCode, DependencyReadCode, IssueAccessCode, RecordWriteCode } from '../contracts/resolvers';
import { callerMay } from './issue-access';
import { linksAsSeenBy } from './dependency-notices';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { jiraUserRefSchema, type JiraErrorCode, type JiraIssue } from '../contracts/jira-schemas';
import { MAX_RECONCILED_ISSUES } from './jira-port';
import { STAGE_LABELS } from '../domain/stages';
import { jqlString } from '../domain/jql';
import { loadConfig } from './load-issue-state';
import { storageKeys } from './ports';
import { LEASE_MS, takeLease, type LeaseTerms } from './store-lease';
import { load, type Caller, type PanelDeps } from './panel-load';
import { execute } from './panel-commands';

/**
 * The panel's Dependencies: a request "is blocked by" others, kept as Jira issue links of the Blocks type. Links are
 * made and removed as the person using the panel (`jiraAsUser`), so Jira's own Link issues and Browse permissions
 * decide too; the app first asks that the caller may edit the request. Each link the panel adds or removes is noted in
 * the request's Flight Plan audit trail, through the panel's own save path.
 */

/** The picker's most candidates. */
const MAX_CANDIDATES = 10;
/** Requests read per level while looking for a loop, and levels followed: bounds a check on a large graph. */
const CYCLE_PAGE = 100;
const MAX_CYCLE_LEVELS = 25;
/** Adding a dependency holds the site's link lease; a caller waits a few seconds for it, an add taking well under that. */
const LINK_LEASE: LeaseTerms = { holdMs: LEASE_MS, waitMs: 6_000, pollMs: 200 };

const entryOf = (linked: LinkedRequest, config: AppConfig): DependencyEntry => {
  const stage = stageOfStatus(linked.status, config.statusMap);
  return {
    linkId: linked.linkId,
    key: linked.key,
    summary: linked.summary,
    stage: stage === null ? linked.status : STAGE_LABELS[stage],
    launched: hasLaunched(linked.status, config.statusMap),
  };
};

/** An issue by id and key. */
interface IssueRef {
  readonly id: string;
  readonly key: string;
}

/** The request's owner: its assignee, as Jira names it (null when nobody is assigned). */
const assigneeOf = (issue: JiraIssue): string | null => {
  const assignee = jiraUserRefSchema.safeParse(issue.fields['assignee']);
  return assignee.success ? assignee.data.accountId : null;
};

const byKey = (a: DependencyEntry, b: DependencyEntry): number => a.key.localeCompare(b.key, 'en', { numeric: true });

const checkAccess = async (deps: PanelDeps, caller: Caller): Promise<Result<{ canEdit: boolean }, Failure<IssueAccessCode>>> => {
  const permissions = await callerMay(deps.jira, caller, 'browse');
  return permissions.ok ? ok({ canEdit: permissions.value.edit }) : permissions;
};

/** The blockers the panel linked and has not removed, from the stored record (none when there is none, or it does not read). */
const panelBlockersOf = async (deps: PanelDeps, issueId: string): Promise<readonly PanelBlocker[]> => {
  const key = storageKeys.record(issueId);
  const raw = (await deps.store.getMany([key])).get(key);
  const record = raw === undefined ? null : parseStoredRecord(raw, issueId);
  return record?.ok === true ? (record.value.panelBlockers ?? []) : [];
};

/** An unlinked blocker as a link, so one check tells which of them the caller may browse with the linked ones. */
const asLinked = (blocker: PanelBlocker): LinkedRequest => ({ linkId: '', issueId: blocker.id, key: blocker.key, summary: '', status: '' });

const viewFor = async (
  deps: PanelDeps,
  caller: Caller,
  canEdit: boolean,
): Promise<Result<DependenciesView, Failure<DependencyReadCode>>> => {
  const [issue, config, panelBlockers] = await Promise.all([
    deps.jira.getIssue(caller.issueId),
    loadConfig(deps.store),
    panelBlockersOf(deps, caller.issueId),
  ]);
  if (!issue.ok) return issue;
  if (!config.ok) return config;
  const linked = requestLinksFrom(issue.value.fields['issuelinks']);
  const unlinked = unlinkedPanelBlockers(panelBlockers, linked.blockers);
  // Read as the app: the caller is shown only the requests they may browse, the others counted.
  const links = await linksAsSeenBy(deps.jira, caller.accountId, { ...linked, blockers: [...linked.blockers, ...unlinked.map(asLinked)] });
  const seen = (linked: LinkedRequest): boolean => linked.unseen !== true;
  const unlinkedIds = new Set(unlinked.map((blocker) => blocker.id));
  const unlinkedSeen = links.blockers.filter((blocker) => unlinkedIds.has(blocker.issueId));
  const blockers = links.blockers.filter((blocker) => !unlinkedIds.has(blocker.issueId));
  return ok({
    blockedBy: blockers
      .filter(seen)
      .map((linked) => entryOf(linked, config.value.config))
      .sort(byKey),
    unlinked: unlinkedSeen.filter(seen).map((blocker) => ({ id: blocker.issueId, key: blocker.key })),
    blocks: links.dependents
      .filter(seen)
      .map((linked) => entryOf(linked, config.value.config))
      .sort(byKey),
    unseen: {
      blockedBy: unlaunchedBlockers(blockers, config.value.config.statusMap).filter((linked) => !seen(linked)).length,
      blocks: links.dependents.filter((linked) => !seen(linked)).length,
      unlinked: unlinkedSeen.filter((linked) => !seen(linked)).length,
    },
    canEdit,
    canRemoveUnlaunched: canEdit && isOwnerOrTriageLead(caller.accountId, assigneeOf(issue.value), config.value.config.roles),
  });
};

/** The request's dependencies, for a caller who can see it. */
export const readDependencies = async (deps: PanelDeps, caller: Caller): Promise<Result<DependenciesView, Failure<DependencyReadCode>>> => {
  const access = await checkAccess(deps, caller);
  return access.ok ? viewFor(deps, caller, access.value.canEdit) : access;
};

const searchedIssueSchema = z.object({ key: z.string(), fields: z.object({ summary: z.string().catch('') }).loose() }).loose();

/**
 * Requests the caller may pick as blockers: by key (`MKT-12`) or by words of the summary, among the issues Jira lets
 * the caller see, the request itself left out.
 */
export const searchDependencyCandidates = async (
  deps: PanelDeps,
  caller: Caller,
  { query }: DependencySearchPayload,
): Promise<Result<readonly DependencyCandidate[], Failure<IssueAccessCode>>> => {
  const access = await checkAccess(deps, caller);
  if (!access.ok) return access;
  const asKey = query.toUpperCase();
  // Words only: JQL's text search refuses some punctuation ("Unable to parse"), and a key is matched exactly instead.
  const words = query.replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
  const clauses = [
    ...(ISSUE_KEY.test(asKey) ? [`key = ${jqlString(asKey)}`] : []),
    ...(words === '' ? [] : [`summary ~ ${jqlString(`${words}*`)}`]),
  ];
  if (clauses.length === 0) return ok([]);
  const found = await deps.jiraAsUser.searchIssues(
    `(${clauses.join(' OR ')}) AND id != ${caller.issueId} ORDER BY updated DESC`,
    ['summary'],
    undefined,
    {
      maxResults: MAX_CANDIDATES,
    },
  );
  // A key of a project that does not exist makes Jira refuse the JQL: nothing to offer.
  if (!found.ok) return found.error.code === 'JIRA.BAD_REQUEST' ? ok([]) : found;
  return ok(
    found.value.issues.flatMap((issue) => {
      const read = searchedIssueSchema.safeParse(issue);
      return read.success ? [{ key: read.data.key, summary: read.data.fields.summary }] : [];
    }),
  );
};

/**
 * Each request's blockers, by key, for the requests named: one search per level of the loop check. As the app, so a
 * loop through requests the caller cannot see is still found; `idOf` learns each request's id by key. The search is
 * reconciled with the requests' latest writes (their ids known from the links that led to them), so a link made a
 * moment ago, by this caller or another, is read: search/jql alone is eventually consistent
 * (https://developer.atlassian.com/cloud/jira/platform/search-and-reconcile/).
 */
const blockersOfKeys = async (
  deps: PanelDeps,
  keys: readonly string[],
  idOf: Map<string, string>,
): Promise<Result<Map<string, string[]>, Failure<JiraErrorCode>>> => {
  const found = await deps.jira.searchIssues(`key in (${keys.map(jqlString).join(', ')})`, ['issuelinks'], undefined, {
    maxResults: CYCLE_PAGE,
    reconcileIssues: keys.flatMap((key) => idOf.get(key) ?? []).slice(0, MAX_RECONCILED_ISSUES),
  });
  if (!found.ok) return found;
  const blockersOf = new Map<string, string[]>();
  for (const issue of found.value.issues as { id: string; key?: unknown; fields?: { issuelinks?: unknown } }[]) {
    if (typeof issue.key !== 'string') continue;
    idOf.set(issue.key, issue.id);
    const blockers = requestLinksFrom(issue.fields?.issuelinks).blockers;
    for (const blocker of blockers) idOf.set(blocker.key, blocker.issueId);
    blockersOf.set(
      issue.key,
      blockers.map((blocker) => blocker.key),
    );
  }
  return ok(blockersOf);
};

/**
 * The loop "`dependent` is blocked by `blocker`" would close, in words for the caller (naming only the requests they
 * may browse), or null: follows "is blocked by" from the blocker, a level at a time. A graph too deep or wide to
 * follow within the bounds is refused rather than guessed.
 */
const loopThrough = async (
  deps: PanelDeps,
  caller: Caller,
  dependent: IssueRef,
  blocker: IssueRef,
): Promise<Result<string | null, Failure<JiraErrorCode | 'DEPENDENCY.TOO_DEEP'>>> => {
  const blockersOf = new Map<string, readonly string[]>();
  const idOf = new Map<string, string>([
    [dependent.key, dependent.id],
    [blocker.key, blocker.id],
  ]);
  let frontier = [blocker.key];
  for (let level = 0; frontier.length > 0; level++) {
    if (level === MAX_CYCLE_LEVELS || frontier.length > CYCLE_PAGE) {
      return failure(
        'DEPENDENCY.TOO_DEEP',
        `${blocker.key} has more dependencies behind it than can be checked for a loop; link fewer requests in a chain`,
      );
    }
    const read = await blockersOfKeys(deps, frontier, idOf);
    if (!read.ok) return read;
    for (const [key, blockers] of read.value) blockersOf.set(key, blockers);
    const loop = dependencyCycle(blockersOf, dependent.key, blocker.key);
    if (loop !== null) {
      const ids = loop.flatMap((key) => idOf.get(key) ?? []);
      const browsable = await deps.jira.browsableIssues(caller.accountId, ids);
      if (!browsable.ok) return browsable;
      // The request and the blocker the caller typed are theirs to see already (the blocker was read as them).
      const visible = new Set([dependent.key, blocker.key, ...[...idOf].filter(([, id]) => browsable.value.has(id)).map(([key]) => key)]);
      return ok(loopWords(loop, visible));
    }
    frontier = [...new Set([...read.value.values()].flat())].filter((key) => !blockersOf.has(key));
  }
  return ok(null);
};

/** A change is made only by a caller who may edit the request. */
const checkEditor = async (deps: PanelDeps, caller: Caller): Promise<Result<true, Failure<IssueAccessCode>>> => {
  const permissions = await callerMay(deps.jira, caller, 'edit');
  return permissions.ok ? ok(true) : permissions;
};

/**
 * Records that the request is blocked by `key`: the other request must exist and be one the caller can see, it may
 * not be the request itself, and the link may not close a loop (a request that waits, through others, on itself
 * could never launch).
 */
export const addDependency = async (
  deps: PanelDeps,
  caller: Caller,
  { key }: DependencyAddPayload,
): Promise<Result<DependenciesView, Failure<DependencyChangeCode>>> => {
  const editor = await checkEditor(deps, caller);
  if (!editor.ok) return editor;
  const [self, blocker] = await Promise.all([deps.jira.getIssue(caller.issueId), deps.jiraAsUser.getIssue(key)]);
  if (!self.ok) return self;
  if (!blocker.ok) {
    return blocker.error.code === 'JIRA.NOT_FOUND'
      ? failure('DEPENDENCY.NOT_FOUND', `there is no request ${key}, or you cannot see it`)
      : blocker;
  }
  if (blocker.value.id === self.value.id) return failure('DEPENDENCY.SELF', 'a request cannot be blocked by itself');
  const existing = requestLinksFrom(self.value.fields['issuelinks']).blockers;
  if (existing.some((linked) => linked.issueId === blocker.value.id)) {
    return failure('COMMAND.NO_CHANGE', `this request is already blocked by ${blocker.value.key}`);
  }
  const dependent = { id: self.value.id, key: self.value.key };
  // One add at a time across the site: two made at once (the two ways round, from two panels) could each pass its
  // check before the other links, and between them close a loop. The lease makes the second check see the first link.
  const lease = await takeLease(deps.store, storageKeys.dependencyLinkLease, deps.now, LINK_LEASE);
  if (lease === null) return failure('DEPENDENCY.BUSY', 'someone else is changing dependencies at this moment; try again in a few seconds');
  try {
    return await checkAndLink(deps, caller, dependent, blocker.value);
  } finally {
    await lease.release();
  }
};

/** Links `dependent` as blocked by `blocker` unless that closes a loop; run holding the link lease. */
const checkAndLink = async (
  deps: PanelDeps,
  caller: Caller,
  dependent: IssueRef,
  blocker: IssueRef,
): Promise<Result<DependenciesView, Failure<DependencyChangeCode>>> => {
  const loopFailure = (words: string) =>
    failure('DEPENDENCY.CYCLE', `${blocker.key} already waits on this request (${words}), so neither could launch`);
  const loop = await loopThrough(deps, caller, dependent, blocker);
  if (!loop.ok) return loop;
  if (loop.value !== null) return loopFailure(loop.value);
  const linked = await deps.jiraAsUser.linkIssues('Blocks', blocker.key, dependent.key);
  if (!linked.ok) return linked;
  // Checked again now the link is in Jira: a link made meanwhile outside the app (Jira's own Link issue) holds no
  // lease, so the loop it closes is found here, and the link just made is taken out again.
  const after = await loopThrough(deps, caller, dependent, blocker);
  if (after.ok && after.value === null) {
    const noted = await noteDependency(deps, caller, {
      type: 'noteDependency',
      change: 'added',
      id: blocker.id,
      key: blocker.key,
      launched: false,
    });
    return noted.ok ? viewFor(deps, caller, true) : notNoted(`${blocker.key} was added`, noted.error);
  }
  const undone = await unlink(deps, caller.issueId, blocker.id);
  if (!undone.ok) return undone;
  return after.ok ? loopFailure(after.value as string) : after;
};

/** Removes the request's "is blocked by" link to `blockerId`, read back from Jira (POST /issueLink answers no id). */
const unlink = async (deps: PanelDeps, issueId: string, blockerId: string): Promise<Result<void, Failure<JiraErrorCode>>> => {
  const self = await deps.jira.getIssue(issueId);
  if (!self.ok) return self;
  const link = requestLinksFrom(self.value.fields['issuelinks']).blockers.find((linked) => linked.issueId === blockerId);
  return link === undefined ? ok(undefined) : deps.jiraAsUser.deleteIssueLink(link.linkId);
};

/** Times a note is sent again when someone saved the Flight Plan between its read and its write. */
const NOTE_RETRIES = 3;

/**
 * Notes a dependency added or removed in the request's audit trail: the panel's save path (`execute`), so the entry
 * commits with the record's next revision as every panel write's does. Read after Jira changed the link, so the JQL
 * summary the save writes counts it. The link has already changed: a save by someone else in between is read again
 * and the note sent again, rather than lost.
 */
const noteDependency = async (
  deps: PanelDeps,
  caller: Caller,
  command: Extract<RecordCommand, { type: 'noteDependency' }>,
): Promise<Result<true, Failure<RecordWriteCode>>> => {
  for (let attempt = 0; ; attempt++) {
    const loaded = await load(deps, caller, 'edit');
    if (!loaded.ok) return loaded;
    const noted = await execute(deps, caller, loaded.value, command, loaded.value.state.record.revision);
    if (noted.ok) return ok(true);
    if (noted.error.code !== 'RECORD.STALE' || attempt === NOTE_RETRIES) return noted;
  }
};

/** A change Jira made that the audit trail could not note: said as it is, so the person knows the link did change. */
const notNoted = (done: string, why: Failure<RecordWriteCode>) =>
  failure(
    'DEPENDENCY.NOT_NOTED',
    `${done} in Jira, but the Flight Plan's audit trail could not note it (${why.message}); reload to see the dependencies as they are`,
  );

/**
 * Removes one of the request's "is blocked by" links; any other link id is refused. A blocker that has not launched is
 * removed only by the request's owner or a triage lead (`isOwnerOrTriageLead`); every removal is noted in the
 * audit trail, naming the blocker and whether it had launched.
 */
export const removeDependency = async (
  deps: PanelDeps,
  caller: Caller,
  { linkId }: DependencyRemovePayload,
): Promise<Result<DependenciesView, Failure<DependencyChangeCode>>> => {
  // One read for the permission, the links, the owner and the roles; it is also what the note reads, so a Flight Plan
  // that cannot be read (or a history Jira cannot give) stops the removal before Jira makes it: a refusal seen coming
  // never leaves a removal the trail does not show.
  const loaded = await load(deps, caller, 'edit');
  if (!loaded.ok) return loaded;
  const { issue, facts, state } = loaded.value;
  const link = requestLinksFrom(issue.fields['issuelinks']).blockers.find((linked) => linked.linkId === linkId);
  if (link === undefined) return failure('DEPENDENCY.NOT_FOUND', 'that dependency is no longer on this request');
  const { statusMap, roles } = state.stored.config;
  const launched = hasLaunched(link.status, statusMap);
  // No key in the refusal: the link id may be that of a blocker the caller cannot browse.
  if (!launched && !isOwnerOrTriageLead(caller.accountId, facts.assigneeId, roles))
    return failure(
      'DEPENDENCY.NOT_OWNER',
      "only this request's owner (its assignee) or a triage lead can remove a request it is blocked by that has not launched yet",
    );
  const removed = await deps.jiraAsUser.deleteIssueLink(link.linkId);
  if (!removed.ok) return removed;
  const noted = await noteDependency(deps, caller, {
    type: 'noteDependency',
    change: 'removed',
    id: link.issueId,
    key: link.key,
    launched,
  });
  // Nor in this failure.
  return noted.ok ? viewFor(deps, caller, true) : notNoted('the dependency was removed', noted.error);
};

/**
 * Lets go a blocker the panel linked whose link was removed outside it (in Jira's own view or API), which holds the QA
 * gate until then: only the request's owner or a triage lead may, as only they remove a blocker that has not launched,
 * and a missing link cannot say whether it had. Without an issue id, every such blocker the caller may not browse
 * (one deleted since among them), which the panel counts but cannot name. Each is noted in the audit trail. A blocker
 * linked again is removed as any other.
 */
export const confirmUnlinkedBlocker = async (
  deps: PanelDeps,
  caller: Caller,
  { issueId }: DependencyConfirmUnlinkedPayload,
): Promise<Result<DependenciesView, Failure<DependencyChangeCode | RecordWriteCode>>> => {
  const loaded = await load(deps, caller, 'edit');
  if (!loaded.ok) return loaded;
  const { issue, facts, state } = loaded.value;
  const unlinked = unlinkedPanelBlockers(state.record.panelBlockers, requestLinksFrom(issue.fields['issuelinks']).blockers);
  const confirmed =
    issueId === undefined
      ? (await linksAsSeenBy(deps.jira, caller.accountId, { blockers: unlinked.map(asLinked), dependents: [] })).blockers
          .filter((blocker) => blocker.unseen === true)
          .map((blocker) => ({ id: blocker.issueId, key: blocker.key }))
      : unlinked.filter((candidate) => candidate.id === issueId);
  if (confirmed.length === 0)
    return failure('DEPENDENCY.NOT_FOUND', 'that dependency is not one whose link was removed outside Flight Plan');
  if (!isOwnerOrTriageLead(caller.accountId, facts.assigneeId, state.stored.config.roles))
    return failure(
      'DEPENDENCY.NOT_OWNER',
      "only this request's owner (its assignee) or a triage lead can confirm that a request it was made to wait on no longer holds it",
    );
  for (const blocker of confirmed) {
    const noted = await noteDependency(deps, caller, {
      type: 'noteDependency',
      change: 'unlinkedConfirmed',
      id: blocker.id,
      key: blocker.key,
      launched: false,
    });
    if (!noted.ok) return noted;
  }
  return viewFor(deps, caller, true);
};
