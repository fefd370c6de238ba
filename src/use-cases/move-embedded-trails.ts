import { z } from 'zod';
import { parseStoredRecord } from '../contracts/flight-plan-record.schema';
import { embeddedTrailOf, moveEmbeddedTrail } from './load-issue-state';
import { MAX_QUERY_PAGE, StorageError, storageKeys, type AppStore } from './ports';

/**
 * Records one run moves the trail out of, at most. Each move is one KVS transaction (the record and its guard, a handful
 * of trail pages of at most 60 KiB, and the value as stored when an entry of its trail did not read), so a run of 100,
 * at a few hundred milliseconds each, stays well inside the 55 seconds a scheduled function may run by default
 * (developer.atlassian.com/platform/forge/limits-invocation/, "Runtime seconds (async events and scheduled trigger
 * module)"), beside the refresh it queues and the quarter it prunes; and at most 100 × 240 KiB of records are in memory.
 */
const MAX_COMMITS_PER_RUN = 100;
/** Records one run reads, at most: fifty KVS query pages of MAX_QUERY_PAGE (20), a page's most. */
const MAX_READ_PER_RUN = 1_000;
/** Issue ids are numbers (Jira's `id`, "10000"), so a record key's next character after a prefix is a digit. */
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * How far the walk over the stored records has gone: the key prefixes whose records are still to be walked, first
 * first; empty once every record was. A prefix, not a query cursor, is what is kept between runs: KVS's docs say not to
 * persist cursors, "as they may not always be stable" (developer.atlassian.com/platform/forge/storage-reference/
 * storage-api-query/), and they say nothing of the order a query answers in, so the walk relies on neither.
 */
const progressSchema = z.object({ pending: z.array(z.string().startsWith(storageKeys.recordsPrefix)).max(1_000) });

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

interface Walk {
  read: number;
  commits: number;
  moved: number;
}

/**
 * Walks the records under one prefix, page by page within this run (a cursor is used only inside the run), moving
 * their trails. `walked`: every record under it was read; `spent`: the run's commits ran out (the prefix is walked again,
 * its moved records now read as moved); `too many`: the run's reads ran out first.
 */
const walkPrefix = async (store: AppStore, prefix: string, walk: Walk): Promise<'walked' | 'spent' | 'too many'> => {
  let cursor: string | null = null;
  do {
    if (walk.read >= MAX_READ_PER_RUN) return 'too many';
    const page = await store.listPage(prefix, Math.min(MAX_QUERY_PAGE, MAX_READ_PER_RUN - walk.read), cursor);
    for (const [key, raw] of page.entries) {
      walk.read++;
      const outcome = await moveOne(store, key, raw);
      if (outcome.tried) walk.commits++;
      if (outcome.moved) walk.moved++;
      if (walk.commits >= MAX_COMMITS_PER_RUN) return 'spent';
    }
    cursor = page.next;
  } while (cursor !== null);
  return 'walked';
};

/**
 * One run of the background move of audit trails out of the records stored before the trail moved out (the panel moves
 * a record's when it opens it, a write when it writes it; this reaches the records nobody opens). Runs hourly, bounded
 * (MAX_COMMITS_PER_RUN, MAX_READ_PER_RUN), and goes on where the last run stopped: a prefix too large for one run's
 * reads is split by the next digit of the issue id, its own key read alone. Idempotent: a moved record has no trail
 * left to move, so a run cut off and run again moves nothing twice. Once every record was walked it reads one value.
 */
export const moveEmbeddedTrails = async (store: AppStore): Promise<TrailMoveRun> => {
  const stored = progressSchema.safeParse((await store.getMany([storageKeys.trailMoveProgress])).get(storageKeys.trailMoveProgress));
  // Nothing stored yet, or a progress that does not read: the walk starts from every record (moving again is harmless).
  const pending = stored.success ? [...stored.data.pending] : [storageKeys.recordsPrefix];
  const walk: Walk = { read: 0, commits: 0, moved: 0 };
  const before = JSON.stringify(pending);
  while (pending.length > 0 && walk.commits < MAX_COMMITS_PER_RUN && walk.read < MAX_READ_PER_RUN) {
    const prefix = pending[0] as string;
    const wholeRun = walk.read === 0 && walk.commits === 0;
    const end = await walkPrefix(store, prefix, walk);
    if (end === 'walked') pending.shift();
    else if (end === 'too many' && wholeRun) {
      // Too many records for a whole run's reads: its own key now, the rest by the next digit of the id.
      if (prefix !== storageKeys.recordsPrefix) {
        const own = (await store.getMany([prefix])).get(prefix);
        if (own !== undefined && (await moveOne(store, prefix, own)).moved) walk.moved++;
      }
      pending.splice(0, 1, ...DIGITS.map((digit) => prefix + digit));
    }
    // Otherwise this run's budget is spent and the prefix stays first, for the next run.
  }
  // Saved once a run: a run cut off before it walks again what it had walked, which moves nothing twice.
  if (!stored.success || JSON.stringify(pending) !== before) await store.set(storageKeys.trailMoveProgress, { pending });
  return { read: walk.read, moved: walk.moved, remaining: pending.length > 0 };
};
