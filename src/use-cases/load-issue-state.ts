import { parseStoredConfig, type ConfigErrorCode, type StoredConfig } from '../contracts/app-config.schema';
import {
  embeddedEntryCount,
  embedsTrail,
  legacyAuditOf,
  parseStoredRecord,
  type RecordErrorCode,
} from '../contracts/flight-plan-record.schema';
import { pagesOfMovedTrail } from '../domain/audit-trail';
import { emptyRecord, type AuditEntry, type FlightPlanRecord } from '../domain/flight-plan-record';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { storageKeys, type AppStore } from './ports';
import { keepUnreadable } from './unreadable-values';

export interface StoredIssueState {
  readonly stored: StoredConfig;
  readonly record: FlightPlanRecord;
  /** False when no record was stored yet and `record` is a fresh, empty one. */
  readonly recordExists: boolean;
  /** The audit trail a record stored before it moved out still carries inside it (the next write moves it out), or null. */
  readonly embeddedTrail: EmbeddedTrail | null;
}

/** The trail a record stored before the trail moved out still carries inside it. */
export interface EmbeddedTrail {
  /** Its entries that read, oldest first (one that does not read is left out, not the trail). */
  readonly entries: readonly AuditEntry[];
  /** The record as stored, when some entry did not read: kept beside when the trail moves out, so nothing is lost. */
  readonly unread?: unknown;
}

/** The trail a stored record carries inside it, or null when it carries none (not even an empty one). */
export const embeddedTrailOf = (raw: unknown): EmbeddedTrail | null => {
  if (!embedsTrail(raw)) return null;
  const entries = legacyAuditOf(raw);
  return entries.length < embeddedEntryCount(raw) ? { entries, unread: raw } : { entries };
};

/** The keys an issue's state is read from; callers may read more keys in the same round trip. */
export const issueStateKeys = (issueId: string): string[] => [storageKeys.config, storageKeys.record(issueId)];

/**
 * What the people working on a request are told when its record does not read (on the panel, and in a gate's refusal):
 * what it means for them and who can mend it, in plain words. The parser's own words (field paths, issue ids) are for
 * whoever repairs it, so they go to the app's log instead.
 */
export const RECORD_UNREADABLE_WORDS: Readonly<Record<RecordErrorCode, string>> = {
  'RECORD.CORRUPT':
    "this request's Flight Plan cannot be read, so its gates hold it where it is. A Jira admin can repair it on the Flight Plan admin page (Apps → Manage apps → Flight Plan → Configure), under Repair a request.",
  'RECORD.FUTURE_VERSION':
    "this request's Flight Plan was saved by a newer version of Flight Plan than the one running now, so its gates hold it until the app is updated again.",
};

/** Parses an issue's record and the app config from values read with `issueStateKeys`. */
export const parseIssueState = (
  values: ReadonlyMap<string, unknown>,
  issueId: string,
): Result<StoredIssueState, Failure<ConfigErrorCode | RecordErrorCode>> => {
  const stored = parseStoredConfig(values.get(storageKeys.config));
  if (!stored.ok) return stored;
  const raw = values.get(storageKeys.record(issueId));
  if (raw === undefined) return ok({ stored: stored.value, record: emptyRecord(issueId), recordExists: false, embeddedTrail: null });
  const record = parseStoredRecord(raw, issueId);
  if (!record.ok) {
    console.error(`Flight Plan record unreadable: ${record.error.message}`);
    return failure(record.error.code, RECORD_UNREADABLE_WORDS[record.error.code]);
  }
  return ok({ stored: stored.value, record: record.value, recordExists: true, embeddedTrail: embeddedTrailOf(raw) });
};

/** Reads an issue's record and the app config in one storage round trip, parsing both. */
export const loadIssueState = async (
  store: AppStore,
  issueId: string,
): Promise<Result<StoredIssueState, Failure<ConfigErrorCode | RecordErrorCode>>> =>
  parseIssueState(await store.getMany(issueStateKeys(issueId)), issueId);

/** Reads and parses the app config alone (defaults when none is stored). */
export const loadConfig = async (store: AppStore): Promise<Result<StoredConfig, Failure<ConfigErrorCode>>> =>
  parseStoredConfig((await store.getMany([storageKeys.config])).get(storageKeys.config));

/**
 * What moving a record's embedded trail out writes (the record read at `revision`), by key, for the commit that drops it
 * from the record: its pages, and the record as stored when an entry did not read. The one way a trail moves out, whether
 * the panel opens the record, a panel command writes it or the hourly move reaches it.
 */
export const trailMoveWrites = (issueId: string, trail: EmbeddedTrail | null, revision: number): Map<string, unknown> => {
  if (trail === null) return new Map();
  const writes = new Map<string, unknown>(
    pagesOfMovedTrail(trail.entries, revision).map((moved) => [storageKeys.auditPage(issueId, moved.revision), moved.page]),
  );
  if (trail.unread !== undefined) writes.set(...keepUnreadable(storageKeys.record(issueId), revision, trail.unread));
  return writes;
};

/**
 * Moves the trail a record stored before the trail moved out still carries into its pages (`trailMoveWrites`), when the
 * panel reads it or the hourly move reaches it, so a record nobody changes again does not keep it for ever: the record, one revision on and without it, commits with the
 * pages, only from the revision read. Answers the record as now stored, or null when someone committed first (their
 * write moved the trail, as every write does).
 */
export const moveEmbeddedTrail = async (
  store: AppStore,
  issueId: string,
  state: Pick<StoredIssueState, 'record' | 'embeddedTrail'>,
): Promise<FlightPlanRecord | null> => {
  const { record, embeddedTrail } = state;
  const moved: FlightPlanRecord = { ...record, revision: record.revision + 1 };
  const plain = trailMoveWrites(issueId, embeddedTrail, record.revision);
  const outcome = await store.commit({
    guarded: [{ key: storageKeys.record(issueId), value: moved, readRevision: record.revision, revision: moved.revision }],
    plain,
  });
  return outcome === 'committed' ? moved : null;
};
