import { describe, expect, it } from 'vitest';
import { claimNotice } from '../../src/use-cases/notice-ledger';
import { dependencyNoticeKey } from '../../src/use-cases/dependency-notices';
import { storageKeys } from '../../src/use-cases/ports';
import { MemoryStore } from '../fakes/memory-store';

const NOW = new Date('2026-06-10T12:00:00.000Z');
const MINUTE = 60_000;

describe("a request's notice ledger", () => {
  it("keeps a reminder's key however many dependency updates the request is sent", async () => {
    const store = new MemoryStore();
    // The SLA reminder of the request's current stage visit was posted: its key says so for as long as the visit lasts.
    store.data.set(storageKeys.reminders('10001'), { revision: 1, keys: ['sla:build@2026-06-01T09:00:00.000Z'] });
    for (let move = 0; move < 250; move++) {
      const noticeKey = dependencyNoticeKey(String(20_000 + move), 'launched', new Date(NOW.getTime() + move * MINUTE));
      expect(await claimNotice(store, '10001', noticeKey, NOW, MINUTE)).toBe('claimed');
    }
    const ledger = store.data.get(storageKeys.reminders('10001')) as { keys: string[]; claimedAt: Record<string, number> };
    expect(ledger.keys).toContain('sla:build@2026-06-01T09:00:00.000Z');
    expect(ledger.keys.length).toBeLessThanOrEqual(200);
    // The newest updates are the ones kept, each with its claim time and no other's.
    expect(ledger.keys.at(-1)).toBe(dependencyNoticeKey('20249', 'launched', new Date(NOW.getTime() + 249 * MINUTE)));
    expect(Object.keys(ledger.claimedAt).sort()).toEqual(ledger.keys.filter((key) => key.startsWith('dependency:')).sort());
  });

  it('holds a fresh claim, takes over an expired one, and holds a key that carries no claim time', async () => {
    const store = new MemoryStore();
    store.data.set(storageKeys.reminders('10001'), { revision: 1, keys: ['dependency:old'] });
    expect(await claimNotice(store, '10001', 'dependency:new', NOW, MINUTE)).toBe('claimed');
    expect(await claimNotice(store, '10001', 'dependency:new', new Date(NOW.getTime() + MINUTE - 1), MINUTE)).toBe('held');
    expect(await claimNotice(store, '10001', 'dependency:new', new Date(NOW.getTime() + MINUTE), MINUTE)).toBe('expired');
    // Taken over: its time is the new run's, so the run after that waits again.
    expect(await claimNotice(store, '10001', 'dependency:new', new Date(NOW.getTime() + MINUTE + 1), MINUTE)).toBe('held');
    // Claimed before claims carried a time (or a reminder's key): posted, so held.
    expect(await claimNotice(store, '10001', 'dependency:old', new Date(NOW.getTime() + 60 * MINUTE), MINUTE)).toBe('held');
  });
});
