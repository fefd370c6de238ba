import { describe, expect, it, vi } from 'vitest';
import { campaignRequestsKey } from '../../src/contracts/crm-figures.schema';
import { listCampaignsOfStoredRecords } from '../../src/use-cases/campaign-requests';
import { StorageError, storageKeys, type Commit } from '../../src/use-cases/ports';
import { walkedEveryRecord } from '../../src/use-cases/record-walk';
import { completeRecord } from '../fakes/fixtures';
import { MemoryStore } from '../fakes/memory-store';

/** A record stored before the campaign lists, naming `campaign`. */
const storedRecord = (store: MemoryStore, id: string, campaign: string) => {
  const record = completeRecord('revenue');
  const tracking = { ...record.plan.tracking, campaignKey: campaign };
  store.data.set(storageKeys.record(id), { ...record, issueId: id, plan: { ...record.plan, tracking } });
};

/** The hourly runs until the walk is done (each run's figures), or a failure once a day's worth of runs never ended it. */
const runUntilDone = async (store: MemoryStore) => {
  const runs = [];
  for (let hour = 0; hour < 24; hour++) {
    runs.push(await listCampaignsOfStoredRecords(store));
    if (!runs.at(-1)?.remaining) return runs;
  }
  throw new Error('the walk never ended');
};

/**
 * The hourly walk that lists the requests stored before the app kept campaign lists. Until it is done no figure is
 * entered by hand (tested in outcomes.test.ts), so it must end on every site, whatever one record or one list holds.
 */
describe("the hourly walk over older records to their campaigns' lists", () => {
  it('walks to the end when the stored records name more campaigns than one run may commit', async () => {
    const store = new MemoryStore();
    for (let n = 0; n < 250; n++) storedRecord(store, String(20_000 + n), `spring-${n}`);
    // Each run commits 100 lists at most; a run walking again what the last one listed must get past it, not stop there.
    const runs = await runUntilDone(store);
    expect(runs.map((run) => run.remaining)).toEqual([true, true, false]);
    expect(runs.reduce((sum, run) => sum + run.done, 0)).toBe(250);
    expect(store.data.get(campaignRequestsKey('spring-249'))).toMatchObject({ issueIds: ['20249'] });
  });

  it('reads the lists of a page at once: a run over 1,000 listed requests makes one read a page, not one a campaign', async () => {
    const store = new MemoryStore();
    for (let n = 0; n < 1_000; n++) {
      storedRecord(store, String(20_000 + n), `spring-${n}`);
      store.data.set(campaignRequestsKey(`spring-${n}`), { campaign: `spring-${n}`, revision: 1, issueIds: [String(20_000 + n)] });
    }
    const before = store.reads;
    expect(await listCampaignsOfStoredRecords(store)).toEqual({ read: 1_000, done: 0, remaining: false });
    // 50 query pages of 20, the lists of each page in one read, and the progress.
    expect(store.reads - before).toBe(101);
  });

  it('gets past a record no version of the app could read, and lists the others', async () => {
    const store = new MemoryStore();
    storedRecord(store, '10001', 'spring');
    // A version 1 record with an asset that is not an object at all.
    store.data.set(storageKeys.record('10002'), { schemaVersion: 1, issueId: '10002', revision: 1, assets: [null] });
    storedRecord(store, '10003', 'autumn');
    expect(await runUntilDone(store)).toEqual([{ read: 3, done: 2, remaining: false }]);
    expect(await walkedEveryRecord(store, storageKeys.campaignListProgress)).toBe(true);
    expect(store.data.get(campaignRequestsKey('autumn'))).toMatchObject({ issueIds: ['10003'] });
  });

  it("ends, and says so, when the store refuses a campaign's list", async () => {
    const store = new MemoryStore();
    storedRecord(store, '10001', 'refused');
    storedRecord(store, '10002', 'spring');
    const commit = store.commit.bind(store);
    store.commit = async (change: Commit) => {
      if (change.guarded[0]?.key === campaignRequestsKey('refused')) throw new StorageError('value too large', true);
      return commit(change);
    };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await runUntilDone(store)).toEqual([{ read: 2, done: 1, remaining: false }]);
    expect(errors).toHaveBeenCalledWith(
      'the list of campaign refused could not be written, so it does not name 10001',
      expect.any(StorageError),
    );
    errors.mockRestore();
    expect(store.data.has(campaignRequestsKey('refused'))).toBe(false);
    expect(store.data.get(campaignRequestsKey('spring'))).toMatchObject({ issueIds: ['10002'] });
  });

  /** Another writer moves `campaign`'s list on just before each of the walk's next `times` commits to it. */
  const listMovedOn = (store: MemoryStore, campaign: string, times: number) => {
    const key = campaignRequestsKey(campaign);
    const commit = store.commit.bind(store);
    let moved = 0;
    store.commit = async (change: Commit) => {
      if (change.guarded[0]?.key === key && moved < times) {
        moved++;
        const revision = (store.revisions.get(key) ?? 0) + 1;
        store.revisions.set(key, revision);
        store.data.set(key, { campaign, revision, issueIds: [`9999${moved}`] });
      }
      return commit(change);
    };
  };

  it('comes back to a request whose list another writer moved at every attempt, instead of counting it listed', async () => {
    const store = new MemoryStore();
    storedRecord(store, '10001', 'spring');
    storedRecord(store, '10002', 'busy');
    listMovedOn(store, 'busy', 3);
    const runs = await runUntilDone(store);
    expect(runs.map((run) => run.remaining)).toEqual([true, false]);
    expect(store.data.get(campaignRequestsKey('busy'))).toMatchObject({ issueIds: ['99993', '10002'] });
  });

  it('comes back to the own key of a prefix split for its size, when another writer moved its list at every attempt', async () => {
    const store = new MemoryStore();
    // 1,100 requests whose ids start with 1, so record:1 is split by its next digit, and record:1 itself, walked alone.
    for (let n = 0; n < 1_100; n++) storedRecord(store, String(10_000 + n), `crowd-${n % 2}`);
    storedRecord(store, '1', 'lonely');
    listMovedOn(store, 'lonely', 3);
    await runUntilDone(store);
    expect(store.data.get(campaignRequestsKey('lonely'))).toMatchObject({ issueIds: ['99993', '1'] });
    const crowd = [0, 1].map((half) => (store.data.get(campaignRequestsKey(`crowd-${half}`)) as { issueIds: string[] }).issueIds.length);
    expect(crowd).toEqual([550, 550]);
  });
});
