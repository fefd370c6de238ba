import { afterEach, describe, expect, it, vi } from 'vitest';
import { issueChangedHandler } from '../../src/handlers/triggers/issue-changed.trigger';
import { StorageError, storageKeys } from '../../src/use-cases/ports';
import { parseStageLog } from '../../src/contracts/stage-log.schema';
import { FIELD_IDS, type TestJira } from '../fakes/test-jira';
import { completeRecord, config } from '../fakes/fixtures';
import type { MemoryStore } from '../fakes/memory-store';
import { testDeps, world } from '../fakes/site-deps';
import { SUMMARY_PROPERTY_KEY } from '../../src/use-cases/jira-port';

const statusEvent = (from: string, to: string, timestamp = 1_780_000_000_000) => ({
  eventType: 'avi:jira:updated:issue',
  timestamp,
  atlassianId: 'acc-ops',
  issue: { id: '10001', key: 'MKT-1' },
  changelog: { items: [{ field: 'status', fieldId: 'status', fromString: from, toString: to }] },
});

/** Jira's event for MKT-1 just created by acc-ops, as the platform delivers it (`extra`: a retry's context, say). */
const createdEvent = (extra: object = {}) => ({
  eventType: 'avi:jira:created:issue',
  timestamp: 1_780_000_000_000,
  atlassianId: 'acc-ops',
  issue: { id: '10001', key: 'MKT-1' },
  ...extra,
});

const NOTHING_EARLIER = { count: 0, revisions: 0, qaReturns: 0, lastEntries: {} };

const loggedChanges = (store: MemoryStore) => parseStageLog(store.data.get(storageKeys.stageLog('10001')))?.log.changes;

describe('issue-changed trigger', () => {
  it('writes the triage score once, and not again when nothing changed', async () => {
    const { jira, deps } = world(null, 'Triage');
    const handle = issueChangedHandler(deps);
    await handle({
      eventType: 'avi:jira:updated:issue',
      issue: { id: '10001', key: 'MKT-1' },
      changelog: { items: [{ fieldId: FIELD_IDS.impact }] },
    });
    expect(jira.issue('10001').custom[FIELD_IDS.triageScore]).toBe(64);
    const writes = () => jira.requests.filter((r) => r.path.startsWith('/rest/api/3/app/field/')).length;
    expect(writes()).toBe(1);
    await handle({
      eventType: 'avi:jira:updated:issue',
      issue: { id: '10001', key: 'MKT-1' },
      changelog: { items: [{ fieldId: 'labels' }] },
    });
    expect(writes()).toBe(1);
  });

  it('clears the score when an input is removed', async () => {
    const { jira, deps } = world(null, 'Triage');
    jira.setAppField('10001', 'triageScore', 64);
    jira.setAppField('10001', 'effort', null);
    await issueChangedHandler(deps)({ eventType: 'avi:jira:updated:issue', issue: { id: '10001', key: 'MKT-1' } });
    expect(jira.issue('10001').custom[FIELD_IDS.triageScore]).toBeNull();
  });

  it('logs stage entries and exits once per status change, and mirrors the summary', async () => {
    const { jira, store, deps } = world(null, 'Planning');
    const handle = issueChangedHandler(deps);
    await handle(statusEvent('Triage', 'Planning'));
    await handle(statusEvent('Triage', 'Planning'));
    expect(loggedChanges(store)).toEqual([
      {
        at: new Date(1_780_000_000_000).toISOString(),
        fromStatus: 'Triage',
        toStatus: 'Planning',
        fromStage: 'triage',
        toStage: 'planning',
        by: 'acc-ops',
      },
    ]);
    expect(jira.issue('10001').properties[SUMMARY_PROPERTY_KEY]).toMatchObject({ stage: 'planning', currentGate: 'planning' });
  });

  it('reads storage once per event and writes nothing for a redelivered one', async () => {
    const { store, deps } = world(null, 'Planning');
    const handle = issueChangedHandler(deps);
    await handle(statusEvent('Triage', 'Planning'));
    expect(store.reads).toBe(1);
    const writes = store.writes;
    await handle(statusEvent('Triage', 'Planning'));
    expect(store.reads).toBe(2);
    expect(store.writes).toBe(writes);
  });

  it('still logs the stage and the score when the Flight Plan record is corrupt', async () => {
    const { jira, store, deps } = world(null, 'Planning');
    store.data.set(storageKeys.record('10001'), { schemaVersion: 1, issueId: '10001', revision: 'x' });
    await issueChangedHandler(deps)({
      ...statusEvent('Triage', 'Planning'),
      changelog: { items: [{ fieldId: 'status', fromString: 'Triage', toString: 'Planning' }, { fieldId: FIELD_IDS.impact }] },
    });
    expect(loggedChanges(store)).toMatchObject([{ toStage: 'planning' }]);
    expect(jira.issue('10001').custom[FIELD_IDS.triageScore]).toBe(64);
    expect(jira.issue('10001').properties[SUMMARY_PROPERTY_KEY]).toBeUndefined();
  });

  it('starts an unreadable stage log again, keeping the unreadable one beside it in the same commit', async () => {
    // It used to be replaced and gone: the history it held was lost with no way back.
    const { store, deps } = world(null, 'Planning');
    const unreadable = { schemaVersion: 2, revision: 4, changes: 'torn' };
    store.data.set(storageKeys.stageLog('10001'), unreadable);
    await issueChangedHandler(deps)(statusEvent('Triage', 'Planning'));
    expect(parseStageLog(store.data.get(storageKeys.stageLog('10001')))).toMatchObject({
      revision: 5,
      log: { changes: [{ toStage: 'planning' }] },
    });
    expect(store.data.get(storageKeys.unreadableKept(storageKeys.stageLog('10001'), 4))).toEqual(unreadable);
  });

  it('writes a log without an entry whose date no clock can use, keeping the log as it was stored beside it', async () => {
    const { store, deps } = world(null, 'Planning');
    const entry = { fromStatus: 'Intake', toStatus: 'Triage', fromStage: 'intake', toStage: 'triage', by: 'acc-ops' };
    const stored = { schemaVersion: 2, revision: 4, changes: [{ ...entry, at: '+275760-09-12T23:30:00.000Z' }], earlier: NOTHING_EARLIER };
    store.data.set(storageKeys.stageLog('10001'), stored);
    await issueChangedHandler(deps)(statusEvent('Triage', 'Planning'));
    expect(loggedChanges(store)).toMatchObject([{ toStage: 'planning' }]);
    expect(store.data.get(storageKeys.unreadableKept(storageKeys.stageLog('10001'), 4))).toEqual(stored);
  });

  it('logs the initial status on creation', async () => {
    const { store, deps } = world(null, 'Intake');
    await issueChangedHandler(deps)({
      eventType: 'avi:jira:created:issue',
      timestamp: 1_780_000_000_000,
      issue: { id: '10001', key: 'MKT-1' },
    });
    expect(loggedChanges(store)).toMatchObject([{ fromStatus: null, toStatus: 'Intake', toStage: 'intake' }]);
  });

  it("hands a rate limit back to the platform with Jira's wait", async () => {
    const { jira, store } = world(null);
    const limited = Object.assign(Object.create(Object.getPrototypeOf(jira)), jira, {
      transport: async () => ({ status: 429, headers: { get: (n: string) => (n === 'Retry-After' ? '120' : null) }, text: async () => '' }),
    });
    const result = await issueChangedHandler(testDeps(limited, store))(statusEvent('Triage', 'Planning'));
    expect(result).toMatchObject({ retryOptions: { retryAfter: 120, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' } });
  });

  it('handles an event whose retry context cannot be read as a first delivery, rather than dropping it', async () => {
    const { store, deps } = world(null, 'Planning');
    await issueChangedHandler(deps)({ ...statusEvent('Triage', 'Planning'), retryContext: { retryCount: 'first' } });
    expect(loggedChanges(store)).toMatchObject([{ toStage: 'planning' }]);
  });

  it('ignores an unreadable event without throwing', async () => {
    const { deps, jira } = world(null);
    expect(await issueChangedHandler(deps)({ issue: 'MKT-1' })).toBeUndefined();
    expect(jira.requests).toEqual([]);
  });

  it('leaves an issue of another type alone: no request at all when the event names its type', async () => {
    const { jira, store, deps } = world(null, 'Triage');
    const outcome = await issueChangedHandler(deps)({
      ...statusEvent('Triage', 'Planning'),
      issue: { id: '10001', key: 'MKT-1', fields: { issuetype: { id: '10002', name: 'Task' } } },
    });
    expect(outcome).toBeUndefined();
    expect(jira.requests).toEqual([]);
    expect(store.reads).toBe(0);
  });

  it('checks the type of the issue it reads too, and then writes nothing for another type', async () => {
    const { jira, store, deps } = world(null, 'Triage');
    jira.setIssueType('10001', 'Task');
    await issueChangedHandler(deps)(statusEvent('Triage', 'Planning'));
    expect(jira.requests.map((request) => request.method)).toEqual(['GET']);
    expect(store.writes).toBe(0);
    expect(jira.issue('10001').properties[SUMMARY_PROPERTY_KEY]).toBeUndefined();
  });

  it('does not write a summary property or a score that would not change', async () => {
    const { jira, deps } = world(null, 'Triage');
    const handle = issueChangedHandler(deps);
    const edit = {
      eventType: 'avi:jira:updated:issue',
      issue: { id: '10001', key: 'MKT-1', fields: { issuetype: { name: 'Marketing Request' } } },
      changelog: { items: [{ fieldId: 'labels' }] },
    };
    await handle(edit);
    const puts = () => jira.requests.filter((request) => request.method === 'PUT').map((request) => request.path.replace(/\?.*$/, ''));
    expect(puts()).toEqual([
      '/rest/api/3/app/field/' + FIELD_IDS.triageScore + '/value',
      `/rest/api/3/issue/10001/properties/${SUMMARY_PROPERTY_KEY}`,
    ]);
    // The same issue again: Jira gives the summary with the issue, and it is the one written.
    await handle(edit);
    expect(puts()).toHaveLength(2);
    expect(jira.requests.filter((request) => request.method === 'GET').at(-1)?.path).toContain(`properties=${SUMMARY_PROPERTY_KEY}`);
  });

  it('still mirrors the summary when the stage log cannot be written, and asks the platform to retry the event', async () => {
    const { jira, store } = world(null, 'Planning');
    const unavailable = async () => {
      throw new Error('app storage is unavailable');
    };
    const failing = Object.assign(Object.create(store) as MemoryStore, { commit: unavailable, setMany: unavailable, set: unavailable });
    const retry = await issueChangedHandler(testDeps(jira, failing))(statusEvent('Triage', 'Planning'));
    expect(retry).toMatchObject({ retryOptions: { retryReason: 'FUNCTION_RETRY_REQUEST' } });
    expect(jira.issue('10001').properties[SUMMARY_PROPERTY_KEY]).toMatchObject({ stage: 'planning' });
    // The retried event, with storage back, logs the change once.
    await issueChangedHandler(testDeps(jira, store))(statusEvent('Triage', 'Planning'));
    expect(loggedChanges(store)).toMatchObject([{ toStage: 'planning' }]);
  });

  it('reads a log stored as a bare list (before it was bounded) and appends to it', async () => {
    const { store, deps } = world(null, 'Build');
    store.data.set(storageKeys.stageLog('10001'), [
      { at: '2026-05-01T09:00:00.000Z', fromStatus: 'Triage', toStatus: 'Planning', fromStage: 'triage', toStage: 'planning', by: null },
    ]);
    await issueChangedHandler(deps)(statusEvent('Planning', 'Build'));
    expect(loggedChanges(store)?.map((change) => change.toStage)).toEqual(['planning', 'build']);
  });

  describe('on entry into Launch', () => {
    // The event's instant is 2026-05-28T20:26:40Z, in 2026-Q2.
    const claim = {
      id: 'claim-1',
      text: 'Your rate is guaranteed for 12 months',
      evidence: 'Rate sheet',
      tiers: ['regulated' as const],
      channels: ['email'],
      expiresOn: '2026-05-28',
      approvedBy: 'acc-admin',
      approvedAt: '2026-05-01T00:00:00.000Z',
    };
    const launching = (expiresOn: string) => {
      const record = completeRecord('regulated');
      const w = world(
        { ...record, assets: record.assets.map((asset) => ({ ...asset, copy: 'Your rate is guaranteed for 12 months. Open today.' })) },
        'Launch',
      );
      w.store.data.set(storageKeys.config, {
        schemaVersion: 1,
        revision: 1,
        config: config({ messagingLibrary: [{ ...claim, expiresOn }] }),
      });
      return w;
    };
    const uses = (store: MemoryStore) => [...store.data].filter(([key]) => key.startsWith(storageKeys.libraryUseOf('2026-Q2')));

    it('keeps what the library resolved in the launched copy, once, for the quarterly audit', async () => {
      const { store, deps } = launching('2026-05-28');
      const handle = issueChangedHandler(deps);
      await handle(statusEvent('QA + Governance', 'Launch'));
      await handle(statusEvent('QA + Governance', 'Launch'));
      expect(uses(store)).toEqual([
        [storageKeys.libraryUse('2026-Q2', '10001', 1_780_000_000_000), { key: 'MKT-1', claimIds: ['claim-1'], hitsResolved: 1 }],
      ]);
    });

    it('keeps nothing when the claim had expired by the launch', async () => {
      const { store, deps } = launching('2026-05-27');
      await issueChangedHandler(deps)(statusEvent('QA + Governance', 'Launch'));
      expect(uses(store)).toEqual([]);
      expect(loggedChanges(store)).toMatchObject([{ toStage: 'launch' }]);
    });
  });
});

describe('issue-changed trigger with app storage failing', () => {
  // the store's StorageError escaped the trigger, and Forge does not retry a product event
  // whose function threw, only one that returns an InvocationError (developer.atlassian.com/platform/forge/events-reference/
  // product_events/, "Retry for app level errors"): the status change was lost from the stage log and the summary.
  afterEach(() => vi.restoreAllMocks());
  const storageDown = () => new StorageError('app storage could not read: KVS: 503 Service Unavailable', false);
  /** The world's store, with every read failing while `down` says so. */
  const failingReads = (store: MemoryStore, down: (keys: readonly string[]) => boolean): MemoryStore =>
    Object.assign(Object.create(store) as MemoryStore, {
      getMany: (keys: readonly string[]) => (down(keys) ? Promise.reject(storageDown()) : store.getMany(keys)),
    });
  const whileStorageDown = (jira: TestJira, store: MemoryStore) =>
    issueChangedHandler(
      testDeps(
        jira,
        failingReads(store, () => true),
      ),
    );

  it('asks the platform to retry a status change, without logging an error, and the retry logs it once', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { jira, store } = world(null, 'Planning');
    const retry = await whileStorageDown(jira, store)(statusEvent('Triage', 'Planning'));
    expect(retry).toMatchObject({ retryOptions: { retryReason: 'FUNCTION_RETRY_REQUEST', retryAfter: 60 } });
    expect(errors).not.toHaveBeenCalled();
    expect(store.data.has(storageKeys.stageLog('10001'))).toBe(false);
    // The platform's retry, with storage back, logs the change and mirrors the summary.
    expect(
      await issueChangedHandler(testDeps(jira, store))({ ...statusEvent('Triage', 'Planning'), retryContext: { retryCount: 1 } }),
    ).toBe(undefined);
    expect(loggedChanges(store)).toMatchObject([{ toStage: 'planning' }]);
    expect(jira.issue('10001').properties[SUMMARY_PROPERTY_KEY]).toMatchObject({ stage: 'planning' });
  });

  it('asks for a retry when only the template choice of a new request cannot be read, after logging its creation', async () => {
    const { jira, store } = world(null, 'Intake');
    const choiceDown = failingReads(store, (keys) => keys.some((key) => key.startsWith(storageKeys.templateChoice(''))));
    const retry = await issueChangedHandler(testDeps(jira, choiceDown))(createdEvent());
    expect(retry).toMatchObject({ retryOptions: { retryReason: 'FUNCTION_RETRY_REQUEST' } });
    expect(loggedChanges(store)).toMatchObject([{ fromStatus: null, toStage: 'intake' }]);
  });

  it('on the last delivery the platform makes, answers without a retry and logs what is left undone once', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { jira, store } = world(null, 'Intake');
    const answer = await whileStorageDown(jira, store)(createdEvent({ retryContext: { retryCount: 4 } }));
    expect(answer).toBeUndefined();
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]?.[0]).toMatch(/could not update issue MKT-1: STORAGE\.UNAVAILABLE .*; STORAGE\.UNAVAILABLE/);
  });

  it('does not ask for a retry the store would refuse again, and logs it once', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { jira, store } = world(null, 'Planning');
    const refusing = Object.assign(Object.create(store) as MemoryStore, {
      getMany: () => Promise.reject(new StorageError('app storage could not read: KVS: 400 Bad Request', true)),
    });
    expect(await issueChangedHandler(testDeps(jira, refusing))(statusEvent('Triage', 'Planning'))).toBeUndefined();
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]?.[0]).toContain('STORAGE.REFUSED');
  });

  it('throws on anything else thrown, a defect, for Forge to record as a failed invocation', async () => {
    const { jira, store } = world(null, 'Planning');
    const broken = Object.assign(Object.create(store) as MemoryStore, { getMany: () => Promise.reject(new TypeError('x is undefined')) });
    await expect(issueChangedHandler(testDeps(jira, broken))(statusEvent('Triage', 'Planning'))).rejects.toThrow(TypeError);
  });
});
