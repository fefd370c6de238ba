import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { emptyRecord } from '../../src/domain/flight-plan-record';
import { MAX_COMMENTS_PER_PAGE, openRequestsJql, runRemindersPage, startReminders } from '../../src/use-cases/run-reminders';
import { storageKeys } from '../../src/use-cases/ports';
import { TestJira } from '../fakes/test-jira';
import { MemoryStore } from '../fakes/memory-store';
import { testDeps } from '../fakes/site-deps';
import { createJiraApi } from '../../src/adapters/jira-api';
import { createJiraClient, SYNC_FUNCTION_POLICY } from '../../src/adapters/jira-client';
import { siteTransport } from '../../sandbox/seed';
import { REQUIRED_BRIEF, setUpSite, SITE_NOW } from '../sandbox/sandbox-site';

// Wednesday 2026-06-10, noon UTC.
const NOW = new Date('2026-06-10T12:00:00.000Z');
const config = { ...DEFAULT_CONFIG, roles: { ...DEFAULT_CONFIG.roles, triageLeads: ['acc-lead'] } };

const entered = (stage: string, status: string, at: string) => [
  { at, fromStatus: 'Build', toStatus: status, fromStage: 'build', toStage: stage, by: 'acc-builder' },
];

const setup = () => {
  const jira = new TestJira();
  const store = new MemoryStore();
  const add = (id: string, status: string, log: unknown, record = emptyRecord(id)) => {
    jira.addIssue({ id, key: `MKT-${id}`, status: status, assignee: 'acc-builder' });
    store.data.set(storageKeys.stageLog(id), log);
    store.data.set(storageKeys.record(id), { ...record, tier: 'revenue' });
  };
  const deps = testDeps(jira, store, NOW);
  const run = () => runRemindersPage(deps(), config, startReminders(config, NOW));
  return { jira, store, add, run };
};

const mentionOf = (comment: unknown): unknown =>
  (comment as { content: { content: { type: string; attrs?: { id: string } }[] }[] }).content[0]!.content.find(
    (node) => node.type === 'mention',
  )?.attrs?.id;

describe('runRemindersPage', () => {
  it('reminds the assignee of a breached SLA once, however often it runs', async () => {
    const { jira, add, run, store } = setup();
    add('1', 'QA + Governance', entered('qa', 'QA + Governance', '2026-06-04T09:00:00.000Z'));
    add('2', 'QA + Governance', entered('qa', 'QA + Governance', '2026-06-09T09:00:00.000Z'));
    // Jira requests: the search, each request in QA's people history (its approvals are judged on it), the comment.
    expect(await run()).toMatchObject({ ok: true, value: { posted: 1, deferred: 0, requests: 4, next: null } });
    expect(jira.comments('1').map(mentionOf)).toEqual(['acc-builder']);
    expect(jira.comments('2').length > 0).toBe(false);
    expect(store.data.get(storageKeys.reminders('1'))).toEqual({ revision: 1, keys: ['sla:qa@2026-06-04T09:00:00.000Z'] });
    expect(await run()).toMatchObject({ ok: true, value: { posted: 0 } });
    expect(jira.comments('1')).toHaveLength(1);
  });

  it('escalates to the triage lead at twice the SLA', async () => {
    const { jira, add, run } = setup();
    add('1', 'QA + Governance', entered('qa', 'QA + Governance', '2026-06-01T09:00:00.000Z'));
    await run();
    expect(jira.comments('1').map(mentionOf)).toEqual(['acc-builder', 'acc-lead']);
  });

  it('prompts the monitoring owner for a due launch observation', async () => {
    const { jira, add, run } = setup();
    const record = {
      ...emptyRecord('1'),
      launch: {
        window: { start: '2026-06-09T10:00:00.000Z', end: '2026-06-12T10:00:00.000Z' },
        monitoringOwnerId: 'acc-ops',
        observations: [],
      },
    };
    add('1', 'Launch', entered('launch', 'Launch', '2026-06-09T09:00:00.000Z'), record);
    await run();
    expect(jira.comments('1').map(mentionOf)).toEqual(['acc-ops', 'acc-ops']);
    expect(JSON.stringify(jira.comments('1'))).toContain('the +1h launch observation was due at 9 June 2026, 10:00 UTC');
  });

  it('posts nothing on a request whose ledger is unreadable, and reports it, instead of posting everything again', async () => {
    const { jira, add, run, store } = setup();
    add('1', 'QA + Governance', entered('qa', 'QA + Governance', '2026-06-04T09:00:00.000Z'));
    add('2', 'QA + Governance', entered('qa', 'QA + Governance', '2026-06-04T09:00:00.000Z'));
    store.data.set(storageKeys.reminders('1'), { corrupt: true });
    expect(await run()).toMatchObject({ ok: true, value: { posted: 1, unreadableLedgers: ['MKT-1'] } });
    expect(jira.comments('1').length > 0).toBe(false);
    expect(jira.comments('2')).toHaveLength(1);
    expect(store.data.get(storageKeys.reminders('1'))).toEqual({ corrupt: true });
  });

  it('prompts each launch-watch checkpoint once per request, however often the window is nudged', async () => {
    const { jira, add, run, store } = setup();
    const withStart = (start: string) => ({
      ...emptyRecord('1'),
      launch: { window: { start, end: '2026-06-12T10:00:00.000Z' }, monitoringOwnerId: 'acc-ops', observations: [] },
    });
    add('1', 'Launch', entered('launch', 'Launch', '2026-06-09T09:00:00.000Z'), withStart('2026-06-09T10:00:00.000Z'));
    await run();
    expect(jira.comments('1')).toHaveLength(2);
    for (const start of ['2026-06-09T10:01:00.000Z', '2026-06-09T10:02:00.000Z', '2026-06-09T09:59:00.000Z']) {
      store.data.set(storageKeys.record('1'), { ...withStart(start), tier: 'revenue' });
      expect(await run()).toMatchObject({ ok: true, value: { posted: 0 } });
    }
    expect(jira.comments('1')).toHaveLength(2);
  });

  it('reads a ledger written with the window start in its launch-watch keys as the same prompts', async () => {
    const { jira, add, run, store } = setup();
    const record = {
      ...emptyRecord('1'),
      launch: {
        window: { start: '2026-06-09T10:00:00.000Z', end: '2026-06-12T10:00:00.000Z' },
        monitoringOwnerId: 'acc-ops',
        observations: [],
      },
    };
    add('1', 'Launch', entered('launch', 'Launch', '2026-06-09T09:00:00.000Z'), record);
    store.data.set(storageKeys.reminders('1'), ['observe:1h@2026-06-09T10:00:00.000Z', 'observe:24h@2026-06-09T10:00:00.000Z']);
    expect(await run()).toMatchObject({ ok: true, value: { posted: 0 } });
    expect(jira.comments('1').length > 0).toBe(false);
  });

  it('gives back a reminder whose comment failed, so the retried event posts it', async () => {
    const { jira, add, run, store } = setup();
    add('1', 'QA + Governance', entered('qa', 'QA + Governance', '2026-06-04T09:00:00.000Z'));
    jira.commentStatus = 503;
    expect(await run()).toMatchObject({ ok: false, error: { code: 'JIRA.UNAVAILABLE' } });
    expect(store.data.get(storageKeys.reminders('1'))).toEqual({ revision: 2, keys: [] });
    jira.commentStatus = 201;
    expect(await run()).toMatchObject({ ok: true, value: { posted: 1 } });
  });

  it('reminds the rest of the page when Jira refuses the comment on one request, and gives that one back', async () => {
    const { jira, add, run, store } = setup();
    add('1', 'QA + Governance', entered('qa', 'QA + Governance', '2026-06-04T09:00:00.000Z'));
    add('2', 'QA + Governance', entered('qa', 'QA + Governance', '2026-06-04T09:00:00.000Z'));
    const answer = jira.transport.bind(jira);
    // Jira refuses MKT-1's comment (the app may not comment there), and the page used to stop there. (A request Jira
    // deleted after the search found it is owed nothing and reported as no failure: writers-after-deletion.test.ts.)
    (jira as { transport: TestJira['transport'] }).transport = async (path, init) =>
      init.method === 'POST' && path.includes('/issue/1/comment')
        ? {
            status: 403,
            headers: { get: () => null },
            text: async () => JSON.stringify({ errorMessages: ['You do not have permission to add comments to this issue.'], errors: {} }),
          }
        : answer(path, init);
    expect(await run()).toMatchObject({ ok: true, value: { posted: 1, failed: [{ key: 'MKT-1' }] } });
    expect(jira.comments('2')).toHaveLength(1);
    expect(store.data.get(storageKeys.reminders('1'))).toEqual({ revision: 2, keys: [] });
  });

  it('sets aside a stage-log date no clock can use, and reminds the rest of the page', async () => {
    const { jira, add, run } = setup();
    const record = { ...emptyRecord('1'), launch: { monitoringOwnerId: 'acc-ops', observations: [] } };
    // Entered Launch at the last instant a Date can hold, where the +1h checkpoint is no date at all ("Invalid time
    // value"): the entry is set aside when the log is read, so MKT-1 reads as never having entered Launch.
    add('1', 'Launch', entered('launch', 'Launch', '+275760-09-12T23:30:00.000Z'), record);
    add('2', 'QA + Governance', entered('qa', 'QA + Governance', '2026-06-04T09:00:00.000Z'));
    expect(await run()).toMatchObject({ ok: true, value: { posted: 1, failed: [] } });
    expect(jira.comments('2')).toHaveLength(1);
  });

  it("does not post again a comment whose answer was lost: it finds it among the app's comments", async () => {
    const { jira, add, run, store } = setup();
    add('1', 'QA + Governance', entered('qa', 'QA + Governance', '2026-06-04T09:00:00.000Z'));
    jira.loseNextCommentAnswer();
    expect(await run()).toMatchObject({ ok: true, value: { posted: 1 } });
    expect(store.data.get(storageKeys.reminders('1'))).toEqual({ revision: 1, keys: ['sla:qa@2026-06-04T09:00:00.000Z'] });
    expect(await run()).toMatchObject({ ok: true, value: { posted: 0 } });
    expect(jira.comments('1')).toHaveLength(1);
    // Only POSTs that created something once: the comment was sent once, then read back.
    expect(jira.requests.filter((request) => request.path.split('?')[0]!.endsWith('/comment')).map((request) => request.method)).toEqual([
      'POST',
      'GET',
    ]);
  });

  it('gives a reminder back when its answer was lost and the comment is not there, so the next run posts it', async () => {
    const { jira, add, run, store } = setup();
    add('1', 'QA + Governance', entered('qa', 'QA + Governance', '2026-06-04T09:00:00.000Z'));
    // A comment from an earlier visit to the stage says the same, but predates this one.
    jira.now = new Date('2026-06-01T09:00:00.000Z');
    jira.loseNextCommentAnswer();
    expect(await run()).toMatchObject({ ok: false, error: { mayHaveApplied: true } });
    expect(store.data.get(storageKeys.reminders('1'))).toEqual({ revision: 2, keys: [] });
  });

  it("posts at most a page's share and defers the rest to the next run", async () => {
    const { add, run } = setup();
    for (let id = 1; id <= MAX_COMMENTS_PER_PAGE + 5; id++) add(String(id), 'Build', entered('build', 'Build', '2026-05-01T09:00:00.000Z'));
    // Each is past twice its SLA: a breach and an escalation each.
    expect(await run()).toMatchObject({
      ok: true,
      value: { posted: MAX_COMMENTS_PER_PAGE, deferred: 2 * (MAX_COMMENTS_PER_PAGE + 5) - MAX_COMMENTS_PER_PAGE },
    });
    expect(await run()).toMatchObject({ ok: true, value: { posted: MAX_COMMENTS_PER_PAGE } });
  });

  it('skips a request whose entry into its stage was never logged', async () => {
    const { jira, add, run } = setup();
    add('1', 'QA + Governance', []);
    expect(await run()).toMatchObject({ ok: true, value: { posted: 0 } });
    expect(jira.issues.flatMap((issue) => issue.comments)).toEqual([]);
  });

  it('looks only at open requests', () => {
    expect(openRequestsJql('issuetype = "Marketing Request" ORDER BY created ASC')).toBe(
      '(issuetype = "Marketing Request") AND statusCategory != Done ORDER BY created ASC',
    );
  });

  it('reminds the awaited approvers past the approval SLA, then every triage lead, and keeps both for the audit', async () => {
    const { jira, store } = setup();
    const withPath = {
      ...config,
      approvalPaths: { ...config.approvalPaths, revenue: { order: 'parallel' as const, steps: [{ role: 'brand', count: 1 }] } },
      roles: {
        triageLeads: ['acc-lead', 'acc-lead-2'],
        approvers: config.roles.approvers.map((role) =>
          role.key === 'brand' ? { ...role, members: ['acc-brand', 'acc-brand-2', 'acc-requester'] } : role,
        ),
      },
    };
    jira.addIssue({
      id: '1',
      key: 'MKT-1',
      status: 'QA + Governance',
      assignee: 'acc-builder',
      reporter: 'acc-requester',
    });
    // In QA since Monday 06-01: 7 business days, past twice the SLA of 2; stage SLA reminders are in the ledger already.
    store.data.set(storageKeys.stageLog('1'), entered('qa', 'QA + Governance', '2026-06-01T09:00:00.000Z'));
    store.data.set(storageKeys.record('1'), { ...emptyRecord('1'), tier: 'revenue' });
    store.data.set(storageKeys.reminders('1'), ['sla:qa@2026-06-01T09:00:00.000Z', 'escalate:qa@2026-06-01T09:00:00.000Z']);
    const run = () => runRemindersPage(testDeps(jira, store, NOW)(), withPath, startReminders(withPath, NOW));
    expect(await run()).toMatchObject({ ok: true, value: { posted: 2 } });
    const mentions = (comment: unknown) =>
      (comment as { content: { content: { type: string; attrs?: { id: string } }[] }[] }).content[0]!.content.flatMap((node) =>
        node.type === 'mention' ? [node.attrs!.id] : [],
      );
    // Both brand members who may approve (the requester never), then both triage leads.
    expect(jira.comments('1').map(mentions)).toEqual([
      ['acc-brand', 'acc-brand-2'],
      ['acc-lead', 'acc-lead-2'],
    ]);
    const events = [...store.data].filter(([key]) => key.startsWith('approvalevent:2026-Q2:1:')).map(([, value]) => value);
    expect(events).toEqual([
      { key: 'MKT-1', kind: 'reminded', role: 'brand', at: NOW.toISOString(), waitedMs: null },
      { key: 'MKT-1', kind: 'escalated', role: 'brand', at: NOW.toISOString(), waitedMs: null },
    ]);
    expect(await run()).toMatchObject({ ok: true, value: { posted: 0 } });
  });
});

describe('runRemindersPage on the sandbox site', () => {
  it('posts one comment when Jira applies it and the answer is lost, in this run and the next', async () => {
    const site = await setUpSite();
    const created = await site.call('POST', '/issue', {
      fields: { project: { key: 'MKT' }, issuetype: { name: 'Marketing Request' }, summary: 'Spring webinar', ...REQUIRED_BRIEF },
    });
    const issue = site.jira.find((created.body as { key: string }).key)!;
    issue.statusId = site.store.data.config.statuses.find((status) => status.name === 'QA + Governance')!.id;
    const store = new MemoryStore();
    store.data.set(storageKeys.stageLog(issue.id), entered('qa', 'QA + Governance', '2026-06-04T09:00:00.000Z'));
    const deps = () => ({
      jira: createJiraApi(
        createJiraClient({
          transport: siteTransport(site.jira, { kind: 'app' }),
          sleep: async () => undefined,
          now: Date.now,
          random: () => 0,
          policy: SYNC_FUNCTION_POLICY,
        }),
      ),
      store,
      now: SITE_NOW,
    });
    site.jira.faults.applyThenTimeOut((method, pathname) => method === 'POST' && pathname.endsWith('/comment'));
    expect(await runRemindersPage(deps(), config, startReminders(config, SITE_NOW))).toMatchObject({ ok: true, value: { posted: 1 } });
    expect(await runRemindersPage(deps(), config, startReminders(config, SITE_NOW))).toMatchObject({ ok: true, value: { posted: 0 } });
    expect(issue.comments).toHaveLength(1);
  });
});
