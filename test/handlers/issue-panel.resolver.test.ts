import { describe, expect, it } from 'vitest';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { storageKeys } from '../../src/use-cases/ports';
import { ASSIGNEE, COMPLIANCE, completeRecord, config, NOW, SCORES } from '../fakes/fixtures';
import { world } from '../fakes/site-deps';
import { FIELD_IDS } from '../fakes/test-jira';
import { SUMMARY_PROPERTY_KEY } from '../../src/use-cases/jira-port';
import { MAX_TEMPLATES_PER_PERSON } from '../../src/domain/templates';

const context = (accountId: string, issueId: string | number = '10001') => ({
  accountId,
  extension: { type: 'jira:issuePanel', issue: { id: issueId, key: 'MKT-1' } },
});

const setup = (record = completeRecord('regulated')) => {
  const w = world(record);
  for (const who of [ASSIGNEE, COMPLIANCE, 'acc-ops']) {
    w.jira.grant(who, '10001', 'browse');
    w.jira.grant(who, '10001', 'edit');
  }
  w.jira.grant('acc-viewer', '10001', 'browse');
  return { ...w, handlers: panelHandlers(w.deps) };
};

describe('issue panel resolvers', () => {
  it('reads the record with every gate evaluated for a caller who can browse', async () => {
    const { handlers } = setup();
    const answer = await handlers['record/get']({ payload: {}, context: context('acc-viewer') });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.data.canEdit).toBe(false);
    expect(answer.data.evaluation.summary).toMatchObject({
      stage: 'qa',
      tier: 'regulated',
      currentGate: 'qa',
      currentGateReady: 'yes',
      progress: 'QA 12/12',
    });
    expect(answer.data.triage.score?.explanation).toBe('Impact 4 × Confidence 4 × (6 − Effort 2) = 64 → accept (≥ 36)');
    // Everyone the record mentions is named, the caller and the assignee too.
    expect(answer.data.people).toMatchObject({
      'acc-viewer': 'Name of acc-viewer',
      [ASSIGNEE]: `Name of ${ASSIGNEE}`,
      [COMPLIANCE]: `Name of ${COMPLIANCE}`,
      'acc-builder': 'Name of acc-builder',
    });
  });

  it('counts revisions and QA returns from the stage log, read with the record', async () => {
    const { handlers, store } = setup();
    const change = (at: string, fromStage: string, toStage: string) => ({
      at,
      fromStatus: fromStage,
      toStatus: toStage,
      fromStage,
      toStage,
      by: 'acc-ops',
    });
    store.data.set(storageKeys.stageLog('10001'), [
      change('2026-06-02T09:00:00.000Z', 'build', 'qa'),
      change('2026-06-03T09:00:00.000Z', 'qa', 'build'),
      change('2026-06-04T09:00:00.000Z', 'build', 'planning'),
      change('2026-06-05T09:00:00.000Z', 'planning', 'waiting'),
      change('2026-06-06T09:00:00.000Z', 'waiting', 'planning'),
    ]);
    const reads = store.reads;
    const answer = await handlers['record/get']({ payload: {}, context: context('acc-viewer') });
    expect(answer.ok && answer.data.history).toEqual({
      revisions: 2,
      qaReturns: 1,
      launchEnteredAt: null,
      qaEnteredAt: '2026-06-02T09:00:00.000Z',
    });
    // One read of the record, config, log and older template list; the template keys' query runs beside it.
    expect(store.reads - reads).toBe(2);
  });

  it('sets aside a stage-log entry whose date no clock can use, and times the launch watch by the entries that read', async () => {
    // an entry into Launch at the last instant a Date holds made record/get fail for
    // every user of the request (adding the observations' hours to it throws "Invalid time value").
    const { handlers, store } = setup({
      ...completeRecord('regulated'),
      launch: { ...completeRecord('regulated').launch, observations: [] },
    });
    const intoLaunch = (at: string) => ({
      at,
      fromStatus: 'QA + Governance',
      toStatus: 'Launch',
      fromStage: 'qa',
      toStage: 'launch',
      by: 'acc-ops',
    });
    store.data.set(storageKeys.stageLog('10001'), {
      schemaVersion: 2,
      revision: 3,
      changes: [intoLaunch('2026-06-08T10:00:00.000Z'), intoLaunch('+275760-09-12T23:30:00.000Z')],
      earlier: {
        count: 0,
        revisions: 0,
        qaReturns: 0,
        lastEntries: { launch: '1' },
        firstEntries: [intoLaunch('2026-02-30T10:00:00.000Z')],
      },
    });
    const answer = await handlers['record/get']({ payload: {}, context: context('acc-viewer') });
    expect(answer.ok && answer.data.history.launchEnteredAt).toBe('2026-06-08T10:00:00.000Z');
    expect(answer.ok && answer.data.observations?.map((due) => [due.checkpoint, due.dueAt, due.state])).toEqual([
      ['1h', '2026-06-08T11:00:00.000Z', 'overdue'],
      ['24h', '2026-06-09T10:00:00.000Z', 'overdue'],
      ['72h', '2026-06-11T10:00:00.000Z', 'upcoming'],
    ]);
  });

  it('routes an accepted request by the rules and puts a compliance approver on a regulated plan', async () => {
    const record = { ...completeRecord('regulated'), triage: undefined, plan: { ...completeRecord('regulated').plan, approvers: [] } };
    const { handlers, store, jira } = setup(record);
    store.data.set(storageKeys.config, {
      schemaVersion: 2,
      revision: 1,
      config: { ...config(), routing: [{ assetType: 'email', assigneeId: 'acc-lifecycle' }] },
    });
    jira.addPerson('acc-lifecycle');
    const answer = await handlers['triage/decide']({
      payload: { expectedRevision: 0, decision: 'accept', scores: SCORES },
      context: context('acc-ops'),
    });
    expect(answer.ok && answer.data.record.plan.approvers).toEqual([{ accountId: COMPLIANCE, role: 'compliance' }]);
    expect(store.data.get(storageKeys.auditPage('10001', 1))).toMatchObject({
      entries: [{ detail: 'triage decision: accept; the first compliance approver added to the approval path' }],
    });
    expect(jira.issue('10001').assigneeId).toBe('acc-lifecycle');
    expect(answer.ok && answer.data.warnings).toEqual([]);
  });

  it('saves a finished request as a template, and starts a new request from it', async () => {
    const finished = {
      ...completeRecord('revenue'),
      checks: {
        ...completeRecord('revenue').checks,
        'qa.forms-tested': { by: 'acc-ops', at: '2026-06-05T10:00:00.000Z', done: true, note: 'test the EMEA form too' },
      },
      retrospective: { template: 'The webinar invite and its reminder cadence. Skip the paid social part.' },
    };
    const w = world(finished, 'Measure + Improve');
    for (const who of ['acc-ops']) {
      w.jira.grant(who, '10001', 'browse');
      w.jira.grant(who, '10001', 'edit');
      w.jira.grant(who, '10002', 'browse');
      w.jira.grant(who, '10002', 'edit');
    }
    w.jira.addIssue({ id: '10002', key: 'MKT-2', status: 'Planning' });
    const handlers = panelHandlers(w.deps);
    const saved = await handlers['template/save']({
      payload: { expectedRevision: 0, name: 'Webinar invite' },
      context: context('acc-ops'),
    });
    expect(saved.ok).toBe(true);
    // The retrospective's answer is kept as the reason the template exists, from the record, not the payload; and the
    // request it came from, whose plan it carries: only people who may browse that request are offered it.
    const stored = [...w.store.data.entries()].find(([key]) => key.startsWith(storageKeys.templatesPrefix));
    expect(stored?.[1]).toMatchObject({
      name: 'Webinar invite',
      fromIssueId: '10001',
      why: 'The webinar invite and its reminder cadence. Skip the paid social part.',
    });
    expect(w.store.data.get(storageKeys.auditPage('10001', 1))).toMatchObject({
      entries: [{ detail: 'saved as the template "Webinar invite"' }],
    });
    expect(
      await handlers['template/save']({ payload: { expectedRevision: 1, name: 'webinar INVITE' }, context: context('acc-ops') }),
    ).toMatchObject({ ok: false, error: { code: 'TEMPLATE.NAME_TAKEN' } });
    // A name is one line of visible text: it becomes the new request's summary, and must be told apart in the list.
    for (const name of ['Line one\nLine two', '\u200b', '---'])
      expect(await handlers['template/save']({ payload: { expectedRevision: 1, name }, context: context('acc-ops') })).toMatchObject({
        ok: false,
        error: { code: 'PAYLOAD.INVALID' },
      });
    // One person keeps at most ten templates, so whoever may edit a finished request cannot fill the site's fifty.
    const [storedKey, storedTemplate] = stored as [string, { id: string; name: string }];
    for (let n = 2; n <= MAX_TEMPLATES_PER_PERSON; n++)
      w.store.data.set(`${storedKey}-${String(n)}`, {
        ...storedTemplate,
        id: `${storedTemplate.id}-${String(n)}`,
        name: `Kept ${String(n)}`,
      });
    expect(
      await handlers['template/save']({ payload: { expectedRevision: 1, name: 'One more' }, context: context('acc-ops') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'TEMPLATE.TOO_MANY', message: expect.stringContaining('you already keep 10 templates') as string },
    });
    for (let n = 2; n <= MAX_TEMPLATES_PER_PERSON; n++) w.store.data.delete(`${storedKey}-${String(n)}`);

    const listed = await handlers['record/get']({ payload: {}, context: context('acc-ops', '10002') });
    const templateId = listed.ok ? listed.data.templates[0]!.id : '';
    // Someone who may edit MKT-2 but not browse MKT-1 is neither offered the template nor can start from it.
    w.jira.grant('acc-outsider', '10002', 'browse');
    w.jira.grant('acc-outsider', '10002', 'edit');
    const outsiders = await handlers['record/get']({ payload: {}, context: context('acc-outsider', '10002') });
    expect(outsiders.ok && outsiders.data.templates).toEqual([]);
    expect(
      await handlers['template/apply']({ payload: { expectedRevision: 0, templateId }, context: context('acc-outsider', '10002') }),
    ).toMatchObject({ ok: false, error: { code: 'TEMPLATE.NOT_FOUND' } });
    const started = await handlers['template/apply']({
      payload: { expectedRevision: 0, templateId },
      context: context('acc-ops', '10002'),
    });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(started.data.record.plan).toMatchObject({
      dependencies: ['none'],
      tracking: { events: ['webinar_signup'] },
      launchCriteria: 'Landing page live, emails scheduled, tracking verified',
    });
    expect(started.data.record.assets.map((asset) => [asset.type, asset.spec, asset.name])).toEqual([
      ['email', '600px HTML email, 3 modules', 'draft-email-1'],
    ]);
    expect(started.data.record.checks['qa.forms-tested']).toMatchObject({ done: false, note: 'test the EMEA form too' });
    expect(
      await handlers['template/apply']({ payload: { expectedRevision: 1, templateId }, context: context('acc-ops', '10002') }),
    ).toMatchObject({ ok: false, error: { code: 'COMMAND.TEMPLATE_NEEDS_EMPTY_PLAN' } });
  });

  it('keeps templates to finished requests', async () => {
    const { handlers } = setup();
    expect(
      await handlers['template/save']({ payload: { expectedRevision: 0, name: 'Too early' }, context: context('acc-ops') }),
    ).toMatchObject({ ok: false, error: { code: 'TEMPLATE.NOT_FINISHED' } });
  });

  it('finds people to pick, without apps, for a caller who can see the issue', async () => {
    const { jira, deps } = setup();
    jira.addPerson('acc-casey', 'Casey Compliance');
    const search = panelHandlers(deps)['people/search'];
    expect(await search({ payload: { query: 'casey' }, context: context('acc-viewer') })).toEqual({
      ok: true,
      data: [{ accountId: 'acc-casey', displayName: 'Casey Compliance' }],
    });
    expect(jira.requests.filter((request) => request.path.startsWith('/rest/api/3/user/search')).map((request) => request.path)).toEqual([
      '/rest/api/3/user/search?query=casey&maxResults=10',
    ]);
    expect(await search({ payload: { query: 'c' }, context: context('acc-viewer') })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD.INVALID' },
    });
    expect(await search({ payload: { query: 'casey' }, context: context('acc-stranger') })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION.DENIED' },
    });
    expect(jira.requests.filter((request) => request.path.startsWith('/rest/api/3/user/search'))).toHaveLength(1);
  });

  it('keeps a tier downgrade for the quarterly audit, with who and why', async () => {
    const { handlers, store } = setup();
    const answer = await handlers['triage/set-tier']({
      payload: { expectedRevision: 0, tier: 'low-risk', reason: 'internal promo only' },
      context: context('acc-ops'),
    });
    expect(answer.ok).toBe(true);
    const decisions = [...store.data].filter(([key]) => key.startsWith('governance:'));
    expect(decisions).toEqual([
      [
        `governance:2026-Q2:10001:${NOW.getTime()}`,
        {
          key: 'MKT-1',
          by: 'acc-ops',
          at: NOW.toISOString(),
          action: 'tier.lowered',
          detail: expect.stringContaining('internal promo only'),
        },
      ],
    ]);
  });

  it('refuses a caller who cannot see the issue', async () => {
    const { handlers } = setup();
    expect(await handlers['record/get']({ payload: {}, context: context('acc-stranger') })).toEqual({
      ok: false,
      error: { code: 'PERMISSION.DENIED', message: 'you cannot see this issue' },
    });
  });

  it('refuses a caller without edit permission and writes nothing', async () => {
    const { handlers, store, jira } = setup();
    const answer = await handlers['checklist/answer']({
      payload: { expectedRevision: 0, code: 'qa.forms-tested', done: false },
      context: context('acc-viewer'),
    });
    expect(answer).toEqual({ ok: false, error: { code: 'PERMISSION.DENIED', message: 'you do not have permission to edit this issue' } });
    expect(store.writes).toBe(0);
    expect(jira.requests.filter((request) => request.method !== 'POST' && request.method !== 'GET')).toEqual([]);
  });

  it('takes the issue from the context, never from the payload', async () => {
    const { handlers, store, jira } = setup();
    jira.addIssue({ id: '20002' });
    const answer = await handlers['checklist/answer']({
      payload: { expectedRevision: 0, code: 'qa.forms-tested', done: false, issueId: '20002' },
      context: context('acc-ops'),
    });
    expect(answer.ok).toBe(true);
    expect(store.data.has(storageKeys.record('20002'))).toBe(false);
  });

  it('refuses the compliance approval of a regulated request by its own assignee', async () => {
    const { handlers, store } = setup({ ...completeRecord('regulated'), approvals: [] });
    const answer = await handlers['approval/compliance']({ payload: { expectedRevision: 0 }, context: context(ASSIGNEE) });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'COMMAND.SEPARATION_OF_DUTIES',
        message: 'only a member of the Compliance role (set by an admin) can approve as Compliance',
      },
    });
    expect(store.writes).toBe(0);
  });

  it('saves an approval by the named compliance approver, audits it and mirrors the summary', async () => {
    // Brand approves after compliance on the regulated path; only compliance is missing.
    const record = completeRecord('regulated');
    const { handlers, store, jira } = setup({ ...record, approvals: record.approvals.filter((approval) => approval.role === 'brand') });
    const answer = await handlers['approval/compliance']({ payload: { expectedRevision: 0 }, context: context(COMPLIANCE) });
    expect(answer.ok && answer.data.warnings).toEqual([]);
    const saved = store.data.get(storageKeys.record('10001')) as { revision: number };
    expect(saved.revision).toBe(1);
    expect(store.data.get(storageKeys.auditPage('10001', 1))).toMatchObject({
      entries: [{ by: COMPLIANCE, action: 'compliance.approved' }],
    });
    expect(jira.issue('10001').properties[SUMMARY_PROPERTY_KEY]).toMatchObject({
      currentGate: 'qa',
      currentGateReady: 'yes',
      missingCount: 0,
    });
  });

  it('answers a malformed payload with an error naming the field, writing nothing', async () => {
    const { handlers, store } = setup();
    const answer = await handlers['asset/add']({
      payload: { type: 'email', spec: '', name: 'x', trackedUrls: 'not-a-list', expectedRevision: 0 },
      context: context('acc-ops'),
    });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'PAYLOAD.INVALID',
        // In words, beside the form: no resolver key, field path or zod's own phrasing.
        message: 'Asset spec is required; Tracked links: not in a form Flight Plan can read',
      },
    });
    expect(store.writes).toBe(0);
  });

  it('refuses a stale write instead of overwriting', async () => {
    const { handlers, store } = setup();
    const first = await handlers['plan/update']({ payload: { launchCriteria: 'A', expectedRevision: 0 }, context: context('acc-ops') });
    expect(first.ok).toBe(true);
    const second = await handlers['plan/update']({ payload: { launchCriteria: 'B', expectedRevision: 0 }, context: context(ASSIGNEE) });
    expect(!second.ok && second.error.code).toBe('RECORD.STALE');
    expect((store.data.get(storageKeys.record('10001')) as { plan: { launchCriteria: string } }).plan.launchCriteria).toBe('A');
  });

  it('copies a tier change to the Governance tier field, in the words the panel uses', async () => {
    const { handlers, jira } = setup(completeRecord('low-risk'));
    const answer = await handlers['triage/set-tier']({ payload: { expectedRevision: 0, tier: 'revenue' }, context: context('acc-ops') });
    expect(answer.ok).toBe(true);
    expect(jira.issue('10001').custom[FIELD_IDS.tier]).toBe('Revenue');
  });

  it('refuses a call made outside an issue', async () => {
    const { handlers } = setup();
    expect(await handlers['record/get']({ payload: {}, context: { accountId: 'acc-ops', extension: {} } })).toEqual({
      ok: false,
      error: { code: 'CONTEXT.NO_ISSUE', message: 'this resolver only runs on an issue' },
    });
  });

  it('keeps the record when mirroring fails, and says so', async () => {
    const { handlers, store, jira } = setup();
    const jiraAnswers = jira.transport;
    (jira as { transport: typeof jiraAnswers }).transport = async (path, init) =>
      init.method === 'PUT' ? { status: 500, headers: { get: () => null }, text: async () => '{}' } : jiraAnswers(path, init);
    const answer = await handlers['checklist/answer']({
      payload: { expectedRevision: 0, code: 'qa.forms-tested', done: false },
      context: context('acc-ops'),
    });
    expect(answer.ok && answer.data.warnings[0]).toMatch(/^the change was saved but the JQL summary was not updated/);
    expect(store.writes).toBe(1);
  });
});
