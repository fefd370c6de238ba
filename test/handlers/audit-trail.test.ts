import { describe, expect, it } from 'vitest';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { AUDIT_PAGE_REVISIONS } from '../../src/domain/audit-trail';
import { MAX_VALUE_BYTES, serializedSize, storageKeys } from '../../src/use-cases/ports';
import { ASSIGNEE, COMPLIANCE, completeRecord } from '../fakes/fixtures';
import { world } from '../fakes/site-deps';

const context = (accountId: string) => ({ accountId, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } });

const setup = (record: object = completeRecord('regulated')) => {
  const w = world(record as ReturnType<typeof completeRecord>);
  for (const who of [ASSIGNEE, COMPLIANCE, 'acc-ops']) {
    w.jira.grant(who, '10001', 'browse');
    w.jira.grant(who, '10001', 'edit');
  }
  w.jira.grant('acc-viewer', '10001', 'browse');
  const handlers = panelHandlers(w.deps);
  const trail = panelHandlers(w.deps)['record/audit'];
  const revision = () => (w.store.data.get(storageKeys.record('10001')) as { revision: number }).revision;
  const recordBytes = () => serializedSize(w.store.data.get(storageKeys.record('10001')));
  const auditValues = () => [...w.store.data].filter(([key]) => key.startsWith('auditlog:10001:')).map(([, value]) => value);
  /** Every page of the trail as a viewer reads it, newest first. */
  const wholeTrail = async () => {
    const entries = [];
    for (let page = 0; ; page++) {
      const answer = await trail({ payload: { page }, context: context('acc-viewer') });
      if (!answer.ok) throw new Error(answer.error.message);
      entries.push(...answer.data.entries);
      if (!answer.data.hasOlder) return entries;
    }
  };
  return { ...w, handlers, trail, revision, recordBytes, auditValues, wholeTrail };
};

const REASON = 'x'.repeat(2_000);

describe('the audit trail, outside the record', () => {
  it('keeps the record the same size while tier changes with a 2,000-character reason are made again and again', async () => {
    // Issue 12's reproduction: each such change appended about 2 KB to the record; after about 116 of them every
    // command was refused as too large. Here 300 are made and the record does not grow.
    const { handlers, revision, recordBytes, auditValues } = setup();
    const tiers = ['revenue', 'regulated'] as const;
    let sizeAfterFirst = 0;
    for (let n = 0; n < 300; n++) {
      const answer = await handlers['triage/set-tier']({
        payload: { expectedRevision: revision(), tier: tiers[n % 2], reason: REASON },
        context: context('acc-ops'),
      });
      expect(answer).toMatchObject({ ok: true });
      if (n === 1) sizeAfterFirst = recordBytes();
    }
    expect(revision()).toBe(300);
    // Only the revision's digits differ.
    expect(recordBytes() - sizeAfterFirst).toBeLessThanOrEqual(2);
    // One bounded page per revision, each well inside KVS's value limit.
    expect(auditValues()).toHaveLength(300);
    expect(Math.max(...auditValues().map(serializedSize))).toBeLessThan(4 * 1024);
  });

  it('refuses the same tier again instead of appending to the trail', async () => {
    const { handlers, revision, auditValues } = setup();
    expect(
      await handlers['triage/set-tier']({
        payload: { expectedRevision: 0, tier: 'revenue', reason: REASON },
        context: context('acc-ops'),
      }),
    ).toMatchObject({ ok: true });
    expect(
      await handlers['triage/set-tier']({
        payload: { expectedRevision: 1, tier: 'revenue', reason: REASON },
        context: context('acc-ops'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'COMMAND.NO_CHANGE' } });
    expect(revision()).toBe(1);
    expect(auditValues()).toHaveLength(1);
  });

  it('keeps every command working after 1,000 distinct changes, and pages the trail back newest first', async () => {
    const { handlers, trail, revision, recordBytes } = setup();
    for (let n = 0; n < 1_000; n++) {
      const answer = await handlers['checklist/answer']({
        payload: { expectedRevision: revision(), code: 'qa.forms-tested', done: n % 2 === 1, note: `${n} ${REASON}`.slice(0, 2_000) },
        context: context('acc-ops'),
      });
      expect(answer).toMatchObject({ ok: true });
    }
    expect(recordBytes()).toBeLessThan(MAX_VALUE_BYTES / 10);
    // Every other command still works: an approval, then the quarterly audit's record of it.
    expect(await handlers['approval/compliance']({ payload: { expectedRevision: 1_000 }, context: context(COMPLIANCE) })).toMatchObject({
      ok: true,
    });

    const newest = await trail({ payload: {}, context: context('acc-viewer') });
    expect(newest.ok).toBe(true);
    if (!newest.ok) return;
    expect(newest.data.entries).toHaveLength(AUDIT_PAGE_REVISIONS);
    expect(newest.data.entries[0]).toMatchObject({ by: COMPLIANCE, action: 'compliance.approved' });
    expect(newest.data.entries[1]).toMatchObject({ by: 'acc-ops', action: 'check.answered' });
    expect(newest.data.hasOlder).toBe(true);
    expect(newest.data.people[COMPLIANCE]).toBe(`Name of ${COMPLIANCE}`);
    const last = await trail({ payload: { page: 50 }, context: context('acc-viewer') });
    // Revisions 1001 down to 1: page 50 holds the first one alone.
    expect(last).toMatchObject({
      ok: true,
      data: { page: 50, hasOlder: false, entries: [{ action: 'check.answered', detail: 'forms tested: unchecked' }] },
    });
  });

  it('writes the audit entry in the same commit as the record: a refused save stores neither', async () => {
    const { handlers, store, auditValues } = setup();
    // Someone else saved since revision 0 was read.
    store.revisions.set(storageKeys.record('10001'), 1);
    expect(
      await handlers['triage/set-tier']({
        payload: { expectedRevision: 0, tier: 'revenue', reason: 'no claims' },
        context: context('acc-ops'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'RECORD.STALE' } });
    expect(auditValues()).toEqual([]);
  });

  it('reads the trail of a record stored with it inside, and moves it out on the next write', async () => {
    const older = Array.from({ length: 110 }, (_, n) => ({
      by: 'acc-ops',
      at: `2026-06-0${1 + (n % 9)}T10:00:00.000Z`,
      action: 'tier.set',
      detail: `change ${n} ${REASON}`,
    }));
    const legacy = { ...completeRecord('regulated'), revision: 110, audit: older };
    const { handlers, trail, store, recordBytes, wholeTrail } = setup(legacy);
    const before = await trail({ payload: {}, context: context('acc-viewer') });
    expect(before.ok && before.data.entries[0]?.detail).toBe(`change 109 ${REASON}`);

    expect(
      await handlers['triage/set-tier']({
        payload: { expectedRevision: 110, tier: 'revenue', reason: 'no claims' },
        context: context('acc-ops'),
      }),
    ).toMatchObject({ ok: true });
    expect(store.data.get(storageKeys.record('10001'))).not.toHaveProperty('audit');
    expect(recordBytes()).toBeLessThan(20 * 1024);
    // The whole trail reads back, newest first, nothing lost: the new entry, then the 110 moved out.
    const entries = await wholeTrail();
    expect(entries.map((entry) => entry.detail)).toEqual([
      expect.stringContaining('no claims'),
      ...older.map((entry) => entry.detail).reverse(),
    ]);
    for (const [key, value] of store.data) if (key.startsWith('auditlog:')) expect(serializedSize(value)).toBeLessThan(MAX_VALUE_BYTES);
  });

  it('moves the trail of a record stored with it inside out when the panel reads it, nothing lost', async () => {
    // Before, only a next write moved it: a request nobody changed again kept its whole trail inside its record for good.
    const older = Array.from({ length: 30 }, (_, n) => ({
      by: 'acc-ops',
      at: '2026-06-01T10:00:00.000Z',
      action: 'tier.set',
      detail: `change ${n}`,
    }));
    const { handlers, store, revision, wholeTrail } = setup({ ...completeRecord('regulated'), revision: 30, audit: older });
    const opened = await handlers['record/get']({ payload: {}, context: context('acc-viewer') });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(store.data.get(storageKeys.record('10001'))).not.toHaveProperty('audit');
    // One revision on, and the panel was given it: the viewer's next save is not refused as stale.
    expect(revision()).toBe(31);
    expect(opened.data.record.revision).toBe(31);
    const entries = await wholeTrail();
    expect(entries.map((entry) => entry.detail)).toEqual(older.map((entry) => entry.detail).reverse());
    // Read again, nothing more is written.
    const writes = store.writes;
    expect(await handlers['record/get']({ payload: {}, context: context('acc-viewer') })).toMatchObject({ ok: true });
    expect(store.writes).toBe(writes);
  });

  it('shows the trail only to someone who can see the issue', async () => {
    const { trail } = setup();
    expect(await trail({ payload: {}, context: context('acc-stranger') })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION.DENIED' },
    });
    expect(await trail({ payload: { page: -1 }, context: context('acc-viewer') })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD.INVALID' },
    });
  });
});
