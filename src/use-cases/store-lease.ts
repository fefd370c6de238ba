import { z } from 'zod';
import type { AppStore } from './ports';

/**
 * A short lease on one kind of work, so of runs at once only one does it: taken with a guarded commit (of two takers
 * that read the same revision exactly one commits), and carrying its expiry, so a run that crashed or was cut off while
 * holding it frees it by itself once that time has passed; nothing stays frozen.
 */

/**
 * How long a claim or lease holds: longer than the longest run of a resolver or trigger that takes one (25 s, Forge's
 * invocation limit for them: https://developer.atlassian.com/platform/forge/limits-invocation/), so it never lapses while
 * its holder still runs.
 */
export const LEASE_MS = 30_000;

// Whose lease it is needs no name: the guarded commit's revision says whether a release is still the taker's own.
const storedLeaseSchema = z.object({ expiresAt: z.number() });

/** How long a lease holds, how long a taker waits for one that is held, and how often it looks again meanwhile. */
export interface LeaseTerms {
  readonly holdMs: number;
  readonly waitMs: number;
  readonly pollMs: number;
}

/** A lease taken: `release` gives it back (a no-op when another run took it over after it expired). */
interface Lease {
  release(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the lease under `key` at `now`, waiting while another run holds it: null when it is still held after
 * `terms.waitMs`. `now` is the run's clock when it starts asking; each wait moves it on, so a lease that expires while
 * this run waits is taken.
 */
export const takeLease = async (store: AppStore, key: string, now: Date, terms: LeaseTerms): Promise<Lease | null> => {
  for (let waited = 0; ; waited += terms.pollMs) {
    const at = now.getTime() + waited;
    const [values, revisions] = await Promise.all([store.getMany([key]), store.committedRevisions([key])]);
    const readRevision = revisions.get(key) ?? 0;
    const held = storedLeaseSchema.safeParse(values.get(key));
    // A value that is not a lease holds nothing: it cannot say until when.
    if (!held.success || held.data.expiresAt <= at) {
      const revision = readRevision + 1;
      const taken = await store.commit({ guarded: [{ key, value: { expiresAt: at + terms.holdMs }, readRevision, revision }] });
      if (taken === 'committed') return { release: () => releaseLease(store, key, revision) };
    }
    if (waited >= terms.waitMs) return null;
    await sleep(terms.pollMs);
  }
};

/** Frees the lease committed at `revision`, only if nobody took it over since. */
const releaseLease = async (store: AppStore, key: string, revision: number): Promise<void> => {
  await store.commit({ guarded: [{ key, value: { expiresAt: 0 }, readRevision: revision, revision: revision + 1 }] });
};
