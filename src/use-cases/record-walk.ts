import { z } from 'zod';
import { MAX_QUERY_PAGE, storageKeys, type AppStore } from './ports';

/**
 * Records one run reads, at most: fifty KVS query pages of MAX_QUERY_PAGE (20), a page's most. At most this many records
 * (240 KiB each at most) are in memory at once.
 */
const MAX_READ_PER_RUN = 1_000;
/** Issue ids are numbers (Jira's `id`, "10000"), so a record key's next character after a prefix is a digit. */
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * How far a walk over the stored records has gone: the key prefixes whose records are still to be walked, first first;
 * empty once every record was. A prefix, not a query cursor, is what is kept between runs: KVS's docs say not to persist
 * cursors, "as they may not always be stable" (developer.atlassian.com/platform/forge/storage-reference/
 * storage-api-query/), and they say nothing of the order a query answers in, so the walk relies on neither.
 */
const progressSchema = z.object({ pending: z.array(z.string().startsWith(storageKeys.recordsPrefix)).max(1_000) });

/** Whether the walk kept under `progressKey` has walked every stored record (one that never ran has not). */
export const walkedEveryRecord = async (store: AppStore, progressKey: string): Promise<boolean> => {
  const stored = progressSchema.safeParse((await store.getMany([progressKey])).get(progressKey));
  return stored.success && stored.data.pending.length === 0;
};

/**
 * What a walk does with a page of stored records, trying at most `commitsLeft` commits (the records after the last it
 * may try are left for the next run): how many commits it tried, how many records had their work done, and how many
 * are `unsettled`: their work failed in a way another try may mend (another writer won every attempt), so the walk
 * comes back to them instead of counting them walked.
 */
export type VisitPage = (
  entries: ReadonlyMap<string, unknown>,
  commitsLeft: number,
) => Promise<{ tried: number; done: number; unsettled?: number }>;

/** What one run did: records read, records whose work was done, and whether records are left to walk. */
export interface WalkRun {
  readonly read: number;
  readonly done: number;
  readonly remaining: boolean;
}

interface Walk {
  read: number;
  commits: number;
  done: number;
  unsettled: number;
}

/**
 * Walks the records under one prefix, page by page within this run (a cursor is used only inside the run). `walked`:
 * every record under it was read; `spent`: the run's commits ran out (the prefix is walked again, its visited records
 * now needing nothing); `too many`: the run's reads ran out first.
 */
const walkPrefix = async (
  store: AppStore,
  prefix: string,
  walk: Walk,
  visit: VisitPage,
  maxCommits: number,
  maxReads: number,
): Promise<'walked' | 'spent' | 'too many'> => {
  let cursor: string | null = null;
  do {
    if (walk.read >= maxReads) return 'too many';
    const page = await store.listPage(prefix, Math.min(MAX_QUERY_PAGE, maxReads - walk.read), cursor);
    const outcome = await visit(page.entries, maxCommits - walk.commits);
    walk.read += page.entries.size;
    walk.commits += outcome.tried;
    walk.done += outcome.done;
    walk.unsettled += outcome.unsettled ?? 0;
    if (walk.commits >= maxCommits) return 'spent';
    cursor = page.next;
  } while (cursor !== null);
  return 'walked';
};

/**
 * One run of a background walk over every stored record, bounded (`maxReads` reads, `maxCommits` commits), that
 * goes on where the last run stopped: a prefix too large for one run's reads, or whose commits did nothing in a whole
 * run, is split by the next digit of the issue id, its own key visited alone. The visit must be idempotent (a run cut
 * off walks again what it had walked). Once every record was walked a run reads one value.
 */
export const walkStoredRecords = async (
  store: AppStore,
  progressKey: string,
  visit: VisitPage,
  maxCommits: number,
  maxReads: number = MAX_READ_PER_RUN,
): Promise<WalkRun> => {
  const stored = progressSchema.safeParse((await store.getMany([progressKey])).get(progressKey));
  // Nothing stored yet, or a progress that does not read: the walk starts from every record (visiting again is harmless).
  const pending = stored.success ? [...stored.data.pending] : [storageKeys.recordsPrefix];
  const walk: Walk = { read: 0, commits: 0, done: 0, unsettled: 0 };
  const before = JSON.stringify(pending);
  while (pending.length > 0 && walk.commits < maxCommits && walk.read < maxReads) {
    const prefix = pending[0] as string;
    const wholeRun = walk.read === 0 && walk.commits === 0;
    const end = await walkPrefix(store, prefix, walk, visit, maxCommits, maxReads);
    // A record left unsettled keeps its prefix first: the next run walks it again (what is settled costs reads only).
    if (walk.unsettled > 0) break;
    if (end === 'walked') pending.shift();
    else if (wholeRun && (end === 'too many' || walk.done === 0)) {
      // Too many records for a whole run's reads, or commits that did nothing for a whole run (a hundred records the
      // store refuses, tried again first on every run): its own key now, the rest by the next digit of the id, so the
      // next runs reach the records after them.
      if (prefix !== storageKeys.recordsPrefix) {
        const own = (await store.getMany([prefix])).get(prefix);
        if (own !== undefined) {
          const outcome = await visit(new Map([[prefix, own]]), 1);
          walk.commits += outcome.tried;
          walk.done += outcome.done;
          // Split now, its own key would never be walked again: the prefix stays whole for the next run.
          if ((outcome.unsettled ?? 0) > 0) break;
        }
      }
      pending.splice(0, 1, ...DIGITS.map((digit) => prefix + digit));
    }
    // Otherwise this run's budget is spent and the prefix stays first, for the next run.
  }
  // Saved once a run: a run cut off before it walks again what it had walked, which does nothing twice.
  if (!stored.success || JSON.stringify(pending) !== before) await store.set(progressKey, { pending });
  return { read: walk.read, done: walk.done, remaining: pending.length > 0 };
};
