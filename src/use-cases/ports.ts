/**
 * A value written only if nobody committed under its key since the writer read it: the compare and the set are one
 * atomic step in the store, so of two saves made from the same revision exactly one commits.
 */
export interface GuardedWrite {
  readonly key: string;
  readonly value: unknown;
  /** The revision the writer read and changed (0 when nothing was stored yet). */
  readonly readRevision: number;
  /** The revision this write commits; greater than `readRevision`. */
  readonly revision: number;
  /**
   * Days after which the store removes the value and its guard, as `setMany`'s `expireAfterDays` (a KVS transaction's
   * set takes the same time-to-live: @forge/kvs 1.6.5 `TransactionBuilder.set(key, value, entity?, options?: SetOptions)`).
   * Without it the write keeps the value for good, whatever expiry it had before.
   */
  readonly expireAfterDays?: number;
}

/** What one atomic commit writes: guarded values, plain values beside them and keys to delete; all or none. */
export interface Commit {
  readonly guarded: readonly GuardedWrite[];
  readonly plain?: ReadonlyMap<string, unknown>;
  readonly deletes?: readonly string[];
  /**
   * Keys whose values go for good (a deleted issue's): their guards move to RETIRED_REVISION, so no guarded write to them
   * commits again, whatever revision its writer read, until `deleteWithRevisions` releases them.
   */
  readonly retire?: readonly string[];
}

/**
 * The revision a retired key's guard holds: the highest a guard takes (its attribute is an integer, which Forge stores as a
 * 32-bit signed one: developer.atlassian.com/platform/forge/storage-reference/storage-api-custom-entities/, "Type
 * requirements"), above any revision a writer reads or commits.
 */
export const RETIRED_REVISION = 2_147_483_647;

/**
 * Whether a guarded write from `readRevision` may commit over the revision last committed under its key: nobody committed
 * since it was read, and the key is not retired (not even for a writer that read the retired revision itself).
 */
export const mayCommitOver = (committed: number, readRevision: number): boolean =>
  committed <= Math.min(readRevision, RETIRED_REVISION - 1);

/**
 * Whether a key's guard is retired (Jira deleted its request): a commit refused on it is refused for good, so a writer
 * that met a conflict asks this, once, and stops rather than reading and trying again.
 */
export const isRetired = async (store: Pick<AppStore, 'committedRevisions'>, key: string): Promise<boolean> =>
  (await store.committedRevisions([key])).get(key) === RETIRED_REVISION;

/**
 * A KVS transaction holds at most 25 operations, each key once (developer.atlassian.com/platform/forge/storage-reference/
 * transactions/#limitations); a guarded write is two of them, the value and its guard. Every commit a use case builds must
 * stay within it however large the request grows: one over it is refused whole, and would be refused on every retry.
 */
export const MAX_COMMIT_OPERATIONS = 25;
/**
 * The most keys one KVS batch operation (batchGet, batchSet, batchDelete) holds: "Each batch operation can contain a maximum
 * of 25 keys" (developer.atlassian.com/platform/forge/storage-reference/batchops/#limitations). A read of more keys is
 * one storage round trip per 25.
 */
export const KEYS_PER_BATCH = 25;
/** The most results one KVS query page answers ("up to a maximum of 20": forge/js-api-reference/storage-api-query/). */
export const MAX_QUERY_PAGE = 20;
export const operationsOf = ({ guarded, plain, deletes, retire }: Commit): number =>
  guarded.length * 2 + (plain?.size ?? 0) + (deletes?.length ?? 0) + (retire?.length ?? 0);

/** A page of a listing: the values by key, and where the next page starts (null: this was the last). */
export interface StorePage {
  readonly entries: ReadonlyMap<string, unknown>;
  readonly next: string | null;
}

/** `conflict`: a guarded key was committed past the revision its writer read, and nothing was written. */
export type CommitOutcome = 'committed' | 'conflict';

/** App storage as the use cases need it: several keys in one round trip, one key written at a time. */
export interface AppStore {
  /** Values by key; a key with nothing stored is absent from the answer. */
  getMany(keys: readonly string[]): Promise<ReadonlyMap<string, unknown>>;
  set(key: string, value: unknown): Promise<void>;
  /**
   * Several keys in as few round trips as the store allows; all are written or an error is thrown. With `expireAfterDays`
   * the store removes them once that long has passed (KVS TTL: developer.atlassian.com/platform/forge/storage-reference/kvs-api/,
   * "Time-to-live"); removal may come up to 48 hours late, so what reads them still judges their age itself.
   */
  setMany(entries: ReadonlyMap<string, unknown>, options?: { readonly expireAfterDays: number }): Promise<void>;
  /** Every key that starts with `prefix`, with its value (for reports over many issues). */
  list(prefix: string): Promise<ReadonlyMap<string, unknown>>;
  /**
   * One page of the keys that start with `prefix`, with their values, in key order: at most `limit` (a KVS query page
   * holds at most MAX_QUERY_PAGE) from `cursor` (null for the first page), and the cursor of the next page, null after the last.
   */
  listPage(prefix: string, limit: number, cursor: string | null): Promise<StorePage>;
  /** Writes a commit atomically, or nothing when a guarded key moved on (at most 25 operations, a guarded write counting 2). */
  commit(commit: Commit): Promise<CommitOutcome>;
  /** The revision last committed under each key (0 for none): for replacing a value too corrupt to say its own. */
  committedRevisions(keys: readonly string[]): Promise<ReadonlyMap<string, number>>;
  /** Deletes the keys (absent ones are no error), in as few round trips as the store allows. */
  deleteMany(keys: readonly string[]): Promise<void>;
  /**
   * Deletes the keys and the revisions committed under them (a retired key's too), for values gone for good (a deleted
   * issue's) once no writer can still hold a revision it read: a guard left behind would outlive its value for ever.
   */
  deleteWithRevisions(keys: readonly string[]): Promise<void>;
}

/** Forge's encrypted secret store (`kvs.getSecret`/`setSecret`): values that are never listed or queried. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** The secret a CRM signs its web trigger posts with. */
export const CRM_WEBTRIGGER_SECRET = 'crm-webtrigger-secret';

/**
 * Failures every request would meet alike (Jira's rate limits, outages and timeouts; app storage failing), and notices
 * left untold for those or for another run's claim: retried later, never judged per request.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'JIRA.RATE_LIMITED',
  'JIRA.UNAVAILABLE',
  'JIRA.TIMEOUT',
  'STORAGE.UNAVAILABLE',
  'NOTICE.UNTOLD',
]);
export const isTransient = (failure: { readonly code: string }): boolean => TRANSIENT_CODES.has(failure.code);

export const storageKeys = {
  config: 'config',
  /**
   * A gate's refusal of a transition, for the quarterly audit: one key per issue, window (its start, ms), gate and
   * missing items, so the same refusal repeated in a window is the same key, counted once, and stores nothing more.
   */
  gateBlock: (quarter: string, issueId: string, windowStart: number, gate: string, items: readonly string[]) =>
    `gateblock:${quarter}:${issueId}:${windowStart}:${[gate, ...items].join('_')}`,
  gateBlocksOf: (quarter: string) => `gateblock:${quarter}:`,
  /** A governance decision (tier downgrade, waiver, approved lexicon hit), kept per quarter for the audit. */
  governance: (quarter: string, issueId: string, at: number) => `governance:${quarter}:${issueId}:${at}`,
  governanceOf: (quarter: string) => `governance:${quarter}:`,
  /** A launch whose copy used the messaging library: the claims cited and the hits they resolved. */
  libraryUse: (quarter: string, issueId: string, at: number) => `libraryuse:${quarter}:${issueId}:${at}`,
  libraryUseOf: (quarter: string) => `libraryuse:${quarter}:`,
  /**
   * Approvals given, made stale, reminded or escalated, for the audit's approval figures. `id` is unique per request:
   * `r<revision>` for every event one record write made (one key, however many approvals it touched, so the write
   * stays within a transaction's operations), or a reminder's dedupe key.
   */
  approvalEvent: (quarter: string, issueId: string, id: string) => `approvalevent:${quarter}:${issueId}:${id}`,
  approvalEventsOf: (quarter: string) => `approvalevent:${quarter}:`,
  /** The last quarter whose audit entries (the four families above) were pruned, once past the quarters kept. */
  auditPrunedThrough: 'audit:pruned-through',
  /** A request template saved from a finished request, one key each so one bad or large template harms no other. */
  template: (id: string) => `template:${id}`,
  templatesPrefix: 'template:',
  /**
   * Moved on by every template save, in the save's transaction: two saves at once (from two requests, whose records
   * guard nothing between them) cannot both pass the caps and the unique name, each having read the list without the other's.
   */
  templatesGuard: 'templates-guard',
  /**
   * The templates a person chose on the New marketing request page, for the requests they are creating: one key per person,
   * their latest few choices, guarded, expiring a day after the last write (value and guard alike).
   */
  templateChoice: (accountId: string) => `templatechoice:${accountId}`,
  /** The one list of templates earlier versions kept: still read, entry by entry, and never written but to remove one. */
  legacyTemplates: 'templates',
  /**
   * A project Set up project finished, one key each (its project key): when and by whom. One key per project, so two
   * setups at once write two keys and neither drops the other, and one corrupt value loses only its own project.
   */
  setUpProject: (projectKey: string) => `setup:project:${projectKey}`,
  setUpProjectsPrefix: 'setup:project:',
  /** The one map of set-up projects earlier versions kept: still read, entry by entry, and never written. */
  legacySetUpProjects: 'setup:projects',
  /** Who changed the configuration, when, and which parts: newest last. */
  configAudit: 'config:audit',
  record: (issueId: string) => `record:${issueId}`,
  recordsPrefix: 'record:',
  /** How far the hourly run that moves older records' embedded audit trails out has gone (move-embedded-trails.ts). */
  trailMoveProgress: 'migration:embedded-trails',
  /** How far the hourly run that lists older records on their campaigns' lists has gone (campaign-requests.ts). */
  campaignListProgress: 'migration:campaign-lists',
  /**
   * The audit entries the commit of one record revision added, written in that commit: the trail stays outside the
   * record, one bounded value per revision, read back newest first by revision (zero-padded so keys sort in order).
   */
  auditPage: (issueId: string, revision: number) => `auditlog:${issueId}:${String(revision).padStart(10, '0')}`,
  auditPagesOf: (issueId: string) => `auditlog:${issueId}:`,
  stageLog: (issueId: string) => `stagelog:${issueId}`,
  /** Held while a dependency is checked for a loop and linked, so two adds at once cannot close one between them. */
  dependencyLinkLease: 'lease:dependency-links',
  /**
   * A value that could not be read, kept when it was replaced (an admin's repair, or a stage log the trigger started
   * again): under the key it had and the revision it was replaced from, one value per replacement, no larger than it was.
   */
  unreadableKept: (key: string, revision: number) => `unreadable:${key}:${revision}`,
  unreadableKeptOf: (key: string) => `unreadable:${key}:`,
  metricsState: 'metrics:state',
  /**
   * A request Jira deleted (its id): the issue-deleted trigger writes it (a key of its own, so it races no bucket write),
   * the refresh drops the request from every history it reads or merges while the mark stays, and prunes the mark once no
   * refresh started before the deletion can still merge.
   */
  deletedIssue: (issueId: string) => `metrics:deleted:${issueId}`,
  deletedIssuesPrefix: 'metrics:deleted:',
  /**
   * The last deletion marked, written in the commit of each mark: a cached gadget view stamped with another may still
   * count a deleted request, and is computed again.
   */
  lastDeletion: 'metrics:last-deletion',
  metricsBucket: (bucket: number) => `metrics:bucket:${bucket}`,
  /** A backfill's search page, staged for one merge group until the merge (run: the refresh's start, base 36). */
  metricsStaged: (group: number, run: string, page: number, chunk: number) => `metrics:staged:${group}:${run}:${page}:${chunk}`,
  metricsStagedIn: (group: number) => `metrics:staged:${group}:`,
  /**
   * The ids a viewer's search found in a refresh's viewer-views event (run: the refresh's completion, base 36), kept for the
   * last of those events, which computes every view from one read of the histories; it deletes them (a day's expiry
   * takes those of a refresh that stopped).
   */
  viewerFound: (run: string, viewKey: string) => `metrics:found:${run}:${viewKey}`,
  /** The notices (reminders, dependency updates) claimed on an issue, by dedupe key, so none is posted twice (notice-ledger.ts). */
  reminders: (issueId: string) => `reminders:${issueId}`,
  /** Which projects a viewer may browse, checked at most every few minutes. */
  gadgetAccess: (accountId: string) => `gadget:access:${accountId}`,
  /** The Workflow health configurations dashboards have asked for: the refresh computes their views. */
  healthConfigs: 'gadget:health-configs',
  /** The launch forecasts of the open requests of one merge group of history buckets, by issue id. */
  forecastGroup: (group: number) => `forecast:group:${group}`,
  /** The team's forecast figures and the at-risk candidates, from the last refresh. */
  forecastSummary: 'forecast:summary',
  /** The CRM web trigger's deliveries accepted lately, so a replayed post is refused. */
  crmDeliveries: 'crm-webtrigger:deliveries',
  /**
   * The last write of any campaign's figures (an instant, the key written and its revision), committed with the figures:
   * a cached Outcomes view over more campaigns than it checks one by one is computed again once it moves. Outside the
   * `crm:` prefix, so reading figures never reads it.
   */
  campaignFiguresWritten: 'outcomes:figures-written',
  /** A computed gadget view, by gadget kind and configuration. */
  gadgetCache: (kind: 'health' | 'triage' | 'outcomes', configKey: string) => `gadget:${kind}:${configKey}`,
  /**
   * Keys earlier versions wrote that nothing reads any more, removed by the hourly upkeep (remove-unread-keys.ts): the
   * count of deletions marked, guarded (`metrics:deletions`, until each deletion stamped itself as the last instead),
   * and when any campaign's figures last changed (`crmchanged`, until a cached Outcomes view checked the revisions of
   * its own campaigns).
   */
  unreadKeys: ['metrics:deletions', 'crmchanged'],
} as const;

/** The keys a request's guarded writes commit under (record, stage log, reminder ledger): each has a revision guard. */
export const guardedKeysOf = (issueId: string): string[] => [
  storageKeys.record(issueId),
  storageKeys.stageLog(issueId),
  storageKeys.reminders(issueId),
];

/**
 * What an AppStore adapter throws when app storage could not read or write: the one exception the resolvers answer as
 * "storage unavailable, try again" (anything else thrown is a defect, and said to be one). `refused` when the store
 * refused the request itself (a value over its size limit, say), which no retry mends.
 */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly refused: boolean,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** KVS refuses values over 240 KiB; a record that large is refused before the write, not half-written. */
export const MAX_VALUE_BYTES = 240 * 1024;

const utf8 = new TextEncoder();

export const serializedSize = (value: unknown): number => utf8.encode(JSON.stringify(value)).byteLength;
