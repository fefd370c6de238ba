import { describe, expect, it } from 'vitest';
import { issueDeletedHandler } from '../../src/handlers/triggers/issue-deleted.trigger';
import { issueChangedHandler } from '../../src/handlers/triggers/issue-changed.trigger';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { guardedKeysOf, RETIRED_REVISION, storageKeys } from '../../src/use-cases/ports';
import { ASSIGNEE, completeRecord } from '../fakes/fixtures';
import { world } from '../fakes/site-deps';

describe('issue-deleted trigger', () => {
  it("forgets a deleted request's record, stage log, reminders, their revisions, audit trail and kept values, and nothing of another request", async () => {
    // Before, every per-issue key outlived its issue for good: the store only grew.
    const { store, deps, jira } = world(completeRecord('regulated'), 'QA + Governance');
    jira.grant(ASSIGNEE, '10001', 'edit');
    jira.grant(ASSIGNEE, '10001', 'browse');
    const panel = panelHandlers(deps);
    for (const done of [true, false, true])
      expect(
        await panel['checklist/answer']({
          payload: {
            expectedRevision: (store.data.get(storageKeys.record('10001')) as { revision: number }).revision,
            code: 'qa.forms-tested',
            done,
          },
          context: { accountId: ASSIGNEE, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } },
        }),
      ).toMatchObject({ ok: true });
    await issueChangedHandler(deps)({
      eventType: 'avi:jira:updated:issue',
      timestamp: 1_780_000_000_000,
      issue: { id: '10001', key: 'MKT-1' },
      changelog: { items: [{ field: 'status', fieldId: 'status', fromString: 'Build', toString: 'QA + Governance' }] },
    });
    store.data.set(storageKeys.reminders('10001'), { revision: 1, keys: ['sla:qa@2026-06-04T09:00:00.000Z'] });
    store.revisions.set(storageKeys.reminders('10001'), 1);
    store.revisions.set(storageKeys.record('10002'), 4);
    store.data.set(storageKeys.unreadableKept(storageKeys.record('10001'), 0), { torn: true });
    store.data.set(storageKeys.record('10002'), completeRecord('revenue'));
    store.data.set(storageKeys.auditPage('10002', 1), { entries: [] });
    const perIssue = (id: string) => [...store.data.keys()].filter((key) => key.includes(`:${id}:`) || key.endsWith(`:${id}`));
    expect(perIssue('10001').length).toBeGreaterThanOrEqual(7);
    expect([...store.revisions.keys()].filter((key) => key.endsWith(':10001'))).toEqual(
      expect.arrayContaining([storageKeys.record('10001'), storageKeys.stageLog('10001'), storageKeys.reminders('10001')]),
    );

    expect(await issueDeletedHandler(deps)({ eventType: 'avi:jira:deleted:issue', issue: { id: '10001', key: 'MKT-1' } })).toBeUndefined();

    // What stays is the quarter's account, and the mark that takes its history out of the metrics (pruned by the refresh).
    expect(perIssue('10001').filter((key) => !key.startsWith('approvalevent:') && !key.startsWith('governance:'))).toEqual([
      storageKeys.deletedIssue('10001'),
    ]);
    expect(perIssue('10002')).toEqual([storageKeys.record('10002'), storageKeys.auditPage('10002', 1)]);
    // Its guards are retired (the refresh releases them with the mark): a write read before the deletion commits nothing.
    for (const key of guardedKeysOf('10001')) expect(store.revisions.get(key)).toBe(RETIRED_REVISION);
    for (const readRevision of [0, 5, RETIRED_REVISION])
      expect(
        await store.commit({
          guarded: [{ key: storageKeys.record('10001'), value: completeRecord('regulated'), readRevision, revision: readRevision + 1 }],
          plain: new Map([[storageKeys.auditPage('10001', readRevision + 1), { entries: [] }]]),
        }),
      ).toBe('conflict');
    expect(perIssue('10001').filter((key) => !key.startsWith('approvalevent:') && !key.startsWith('governance:'))).toEqual([
      storageKeys.deletedIssue('10001'),
    ]);
    expect(store.revisions.get(storageKeys.record('10002'))).toBe(4);
    expect(store.data.has(storageKeys.config)).toBe(true);
  });

  it('forgets every request of a bulk delete of 40, each event delivered at most 5 times as Forge does', async () => {
    // Before, each deletion had to win a guarded write on one shared deletion count: it gave up after 5 tries and threw
    // before deleting anything, and the platform's retries met the same race, so 15 of 40 records stayed for good.
    const { store, deps } = world(null);
    const ids = Array.from({ length: 40 }, (_, n) => String(20_000 + n));
    for (const id of ids) {
      store.data.set(storageKeys.record(id), { ...completeRecord('regulated'), issueId: id, revision: 1 });
      store.revisions.set(storageKeys.record(id), 1);
      store.data.set(storageKeys.auditPage(id, 1), { entries: [] });
    }
    const handler = issueDeletedHandler(deps);
    let pending = ids;
    // An event is delivered once and retried at most 4 times (developer.atlassian.com/platform/forge/events-reference/
    // product_events/, "Retry product events").
    for (let delivery = 0; delivery < 5 && pending.length > 0; delivery++) {
      const answers = await Promise.all(
        pending.map(async (id) => [id, await handler({ eventType: 'avi:jira:deleted:issue', issue: { id, key: `MKT-${id}` } })] as const),
      );
      pending = answers.filter(([, answer]) => answer !== undefined).map(([id]) => id);
    }
    expect(ids.filter((id) => store.data.has(storageKeys.record(id)) || store.data.has(storageKeys.auditPage(id, 1)))).toEqual([]);
    expect(ids.filter((id) => !store.data.has(storageKeys.deletedIssue(id)))).toEqual([]);
  });

  it('asks the platform to retry when storage fails', async () => {
    const { store, deps } = world(completeRecord('regulated'));
    store.deleteMany = () => Promise.reject(new Error('storage is down'));
    expect(await issueDeletedHandler(deps)({ eventType: 'avi:jira:deleted:issue', issue: { id: '10001', key: 'MKT-1' } })).toMatchObject({
      retryOptions: { retryReason: 'FUNCTION_RETRY_REQUEST' },
    });
  });
});
