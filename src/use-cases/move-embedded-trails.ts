import { parseStoredRecord } from '../contracts/flight-plan-record.schema';
import { embeddedTrailOf, moveEmbeddedTrail } from './load-issue-state';
import { StorageError, storageKeys, type AppStore } from './ports';
import { walkStoredRecords, type VisitPage } from './record-walk';

/**
 * Records one run moves the trail out of, at most. Each move is one KVS transaction (the record and its guard, a handful
 * of trail pages of at most 60 KiB, and the value as stored when an entry of its trail did not read), so a run of 100,
 * at a few hundred milliseconds each, stays well inside the 55 seconds a scheduled function may run by default
 * (developer.atlassian.com/platform/forge/limits-invocation/, "Runtime seconds (async events and scheduled trigger
 * module)"), beside the refresh it queues and the quarter it prunes.
 */
const MAX_COMMITS_PER_RUN = 100;

/** What one run did: records read and moved, and whether records are left to walk. */
export interface TrailMoveRun {
  readonly read: number;
  readonly moved: number;
  readonly remaining: boolean;
}

/**
 * Moves out the trail of one stored record if it still carries one (even empty): the record, one revision on, commits
 * with the pages only from the revision read, so a panel write in between makes it a conflict and wins (that write moved
 * the trail itself). An entry that does not read is not dropped: the value as stored is kept beside. A record that does
 * not read is left for an admin's repair, which keeps it whole. Answers whether a commit was tried, and whether it moved.
 */
const moveOne = async (store: AppStore, key: string, raw: unknown): Promise<{ tried: boolean; moved: boolean }> => {
  const embeddedTrail = embeddedTrailOf(raw);
  if (embeddedTrail === null) return { tried: false, moved: false };
  const issueId = key.slice(storageKeys.recordsPrefix.length);
  const record = parseStoredRecord(raw, issueId);
  if (!record.ok) return { tried: false, moved: false };
  try {
    return { tried: true, moved: (await moveEmbeddedTrail(store, issueId, { record: record.value, embeddedTrail })) !== null };
  } catch (error) {
    // A commit the store refused (a value over its limits) is refused again on every run: that record keeps its trail,
    // and the others move. Storage that failed is thrown, and the next run goes on from where this one was saved.
    if (!(error instanceof StorageError && error.refused)) throw error;
    console.error(`the audit trail of issue ${issueId} could not be moved out of its record`, error);
    return { tried: true, moved: false };
  }
};

/** Moves the trails of a page of records, trying at most `commitsLeft` moves. */
const movePage =
  (store: AppStore): VisitPage =>
  async (entries, commitsLeft) => {
    let tried = 0;
    let moved = 0;
    for (const [key, raw] of entries) {
      if (tried >= commitsLeft) break;
      const outcome = await moveOne(store, key, raw);
      if (outcome.tried) tried++;
      if (outcome.moved) moved++;
    }
    return { tried, done: moved };
  };

/**
 * One run of the background move of audit trails out of the records stored before the trail moved out (the panel moves
 * a record's when it opens it, a write when it writes it; this reaches the records nobody opens). Runs hourly, bounded,
 * and goes on where the last run stopped (`walkStoredRecords`). Idempotent: a moved record has no trail left to move,
 * so a run cut off and run again moves nothing twice.
 */
export const moveEmbeddedTrails = async (store: AppStore): Promise<TrailMoveRun> => {
  const run = await walkStoredRecords(store, storageKeys.trailMoveProgress, movePage(store), MAX_COMMITS_PER_RUN);
  return { read: run.read, moved: run.done, remaining: run.remaining };
};
