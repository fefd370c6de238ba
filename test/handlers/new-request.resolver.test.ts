import { describe, expect, it } from 'vitest';
import { newRequestHandlers } from '../../src/handlers/resolvers/new-request.resolver';
import { issueChangedHandler } from '../../src/handlers/triggers/issue-changed.trigger';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import type { RequestTemplate } from '../../src/domain/templates';
import { emptyRecord } from '../../src/domain/flight-plan-record';
import { storageKeys } from '../../src/use-cases/ports';
import { REQUESTER } from '../fakes/fixtures';
import { testDeps, world } from '../fakes/site-deps';
import { FIELD_IDS } from '../fakes/test-jira';

/**
 * The "New marketing request" project page (`jira:projectPage`): the templates a requester starts from at creation,
 * each with the context `CreateIssueModal` opens Jira's Create dialog with
 * (developer.atlassian.com/platform/forge/apis-reference/jira-api-bridge/createIssueModal/), and the new request's
 * Flight Plan started from the template once the dialog closed with it.
 */
const WEBINAR: RequestTemplate = {
  id: 'MKT-7-1',
  name: 'Partner webinar',
  fromKey: 'MKT-7',
  by: 'acc-ops',
  at: '2026-05-01T09:00:00.000Z',
  plan: { dependencies: ['Partner logo approval'], events: ['webinar_signup', 'webinar_attend'], launchCriteria: 'Landing page live' },
  assets: [
    { type: 'Landing page', spec: 'One page, form above the fold' },
    { type: 'Email', spec: '600px HTML, 3 modules' },
  ],
  qaNotes: { 'qa.forms-tested': 'test the partner form too' },
  why: 'The partner webinar flow and its reminder cadence.',
  successMetric: '150 registrations within 30 days of launch',
};

/** A second template, its plan unlike the webinar's. */
const SPRING: RequestTemplate = {
  ...WEBINAR,
  id: 'MKT-8-1',
  name: 'Spring sale',
  fromKey: 'MKT-8',
  plan: { dependencies: [], events: ['sale_click'] },
  assets: [{ type: 'Email', spec: 'Sale announcement' }],
};

const setup = () => {
  const w = world(null, 'Intake');
  w.store.data.set(storageKeys.template(WEBINAR.id), WEBINAR);
  const mkt = w.jira.projectId('MKT');
  w.jira.browseProjects.set(REQUESTER, new Set([mkt]));
  w.jira.grant(REQUESTER, '10001', 'browse');
  w.jira.grant(REQUESTER, '10001', 'edit');
  const onProject = (accountId: string, projectId = mkt) => ({
    accountId,
    extension: { type: 'jira:projectPage', project: { id: projectId, key: 'MKT', type: 'business' } },
  });
  return { ...w, mkt, onProject, handlers: newRequestHandlers(w.deps) };
};

describe('the New marketing request page', () => {
  it("offers the templates, each opening Jira's Create dialog on a Marketing Request with its name and Success metric", async () => {
    const { jira, mkt, onProject, handlers } = setup();
    const answer = await handlers['templates/offer']({ payload: {}, context: onProject(REQUESTER) });
    expect(answer).toEqual({
      ok: true,
      data: {
        projectName: expect.any(String),
        setUp: true,
        templates: [
          {
            id: WEBINAR.id,
            name: 'Partner webinar',
            fromKey: 'MKT-7',
            why: 'The partner webinar flow and its reminder cadence.',
            assetTypes: ['Landing page', 'Email'],
            planItems: 3,
            qaNotes: 1,
            createContext: {
              projectId: mkt,
              issueTypeId: jira.issueTypeId('Marketing Request'),
              summary: 'Partner webinar',
              [FIELD_IDS.successMetric]: '150 registrations within 30 days of launch',
            },
          },
        ],
      },
    });
    // The description is the requester's own business context, judged by the intake gate: never pre-filled.
    expect(answer.ok && answer.data.templates[0]?.createContext).not.toHaveProperty('description');
  });

  it('answers only a viewer who may browse the project, and only on a project page', async () => {
    const { onProject, handlers } = setup();
    expect(await handlers['templates/offer']({ payload: {}, context: onProject('acc-stranger') })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION.DENIED' },
    });
    expect(
      await handlers['templates/offer']({
        payload: {},
        context: { accountId: REQUESTER, extension: { type: 'jira:issuePanel', issue: { id: '10001' } } },
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONTEXT.NO_PROJECT' } });
  });

  it('offers nothing on a project without the Marketing Request type, and says it is not set up', async () => {
    const { jira, onProject, handlers } = setup();
    const brand = jira.projectId('BRD');
    jira.browseProjects.set(REQUESTER, new Set([brand]));
    expect(await handlers['templates/offer']({ payload: {}, context: onProject(REQUESTER, brand) })).toMatchObject({
      ok: true,
      data: { setUp: false, templates: [] },
    });
  });

  it('offers no template saved from a request the viewer may not browse, nor lets them choose it', async () => {
    const { store, onProject, handlers } = setup();
    const secret = { ...WEBINAR, id: 'SEC-1-1', name: 'Falcon launch', fromKey: 'SEC-1', fromIssueId: '10090' };
    store.data.set(storageKeys.template(secret.id), secret);
    const offered = await handlers['templates/offer']({ payload: {}, context: onProject(REQUESTER) });
    expect(offered.ok && offered.data.templates.map((template) => template.name)).toEqual(['Partner webinar']);
    expect(await handlers['templates/choose']({ payload: { templateId: secret.id }, context: onProject(REQUESTER) })).toMatchObject({
      ok: false,
      error: { code: 'TEMPLATE.NOT_FOUND' },
    });
  });

  it("starts the created request's Flight Plan from the template chosen for it: plan items, assets and QA notes", async () => {
    const { jira, store, onProject } = setup();
    store.data.set(storageKeys.record('10001'), emptyRecord('10001'));
    // Chosen at 08:55; MKT-1 is created at 09:00.
    const page = newRequestHandlers(testDeps(jira, store, new Date('2026-06-01T08:55:00.000Z')));
    const chosen = await page['templates/choose']({ payload: { templateId: WEBINAR.id }, context: onProject(REQUESTER) });
    const chosenAt = chosen.ok ? chosen.data.chosenAt : '';
    const start = () =>
      page['templates/start-created']({ payload: { issueId: '10001', templateId: WEBINAR.id, chosenAt }, context: onProject(REQUESTER) });
    expect(await start()).toEqual({ ok: true, data: { key: 'MKT-1', templateName: 'Partner webinar' } });
    const record = store.data.get(storageKeys.record('10001')) as ReturnType<typeof emptyRecord>;
    expect(record.plan).toMatchObject({
      dependencies: ['Partner logo approval'],
      tracking: { events: ['webinar_signup', 'webinar_attend'] },
      launchCriteria: 'Landing page live',
    });
    expect(record.assets.map((asset) => asset.type)).toEqual(['Landing page', 'Email']);
    expect(record.checks['qa.forms-tested']).toMatchObject({ done: false, note: 'test the partner form too' });
    // Started once: asked again, the page is told it was started, and nothing is applied twice.
    expect(await start()).toEqual({ ok: true, data: { key: 'MKT-1', templateName: 'Partner webinar' } });
    expect(store.data.get(storageKeys.record('10001'))).toEqual(record);
  });

  it('starts no request from a choice that is not waiting for it: used, made after it, or never made', async () => {
    const { jira, store, onProject } = setup();
    for (const [id, created] of [
      ['10002', '2026-05-20T09:00:00.000+0000'],
      ['10003', '2026-06-01T09:10:00.000+0000'],
    ] as const) {
      jira.addIssue({ id, key: `MKT-${id.slice(-1)}`, status: 'Intake', created });
      jira.grant(REQUESTER, id, 'browse');
      jira.grant(REQUESTER, id, 'edit');
      store.data.set(storageKeys.record(id), emptyRecord(id));
    }
    const page = newRequestHandlers(testDeps(jira, store, new Date('2026-06-01T08:55:00.000Z')));
    const start = (issueId: string, chosenAt?: string) =>
      page['templates/start-created']({ payload: { issueId, templateId: WEBINAR.id, chosenAt }, context: onProject(REQUESTER) });
    const notWaiting = {
      ok: false,
      error: { code: 'TEMPLATE.NOT_FOUND', message: expect.stringContaining('no choice of that template waits') },
    };
    // Never chosen: a page cannot start any request it may edit from a template it names.
    expect(await start('10003')).toMatchObject(notWaiting);
    const chosen = await page['templates/choose']({ payload: { templateId: WEBINAR.id }, context: onProject(REQUESTER) });
    const chosenAt = chosen.ok ? chosen.data.chosenAt : '';
    // MKT-2 was created two weeks before the choice: the choice cannot be for it.
    expect(await start('10002', chosenAt)).toMatchObject(notWaiting);
    expect(await start('10003', chosenAt)).toMatchObject({ ok: true });
    // Used for MKT-3: it starts no other request.
    store.data.set(storageKeys.record('10001'), emptyRecord('10001'));
    expect(await start('10001', chosenAt)).toMatchObject(notWaiting);
    for (const id of ['10001', '10002']) expect(store.data.get(storageKeys.record(id))).toEqual(emptyRecord(id));
  });

  it('starts nothing on a request the caller may not edit, in another project than the page, of another type, or from a template gone', async () => {
    const { jira, onProject, handlers, store } = setup();
    const start = (accountId: string, templateId = WEBINAR.id, projectId?: string) =>
      handlers['templates/start-created']({ payload: { issueId: '10001', templateId }, context: onProject(accountId, projectId) });
    jira.grant('acc-viewer', '10001', 'browse');
    expect(await start('acc-viewer')).toMatchObject({ ok: false, error: { code: 'PERMISSION.DENIED' } });
    expect(await start(REQUESTER, WEBINAR.id, jira.projectId('BRD'))).toMatchObject({
      ok: false,
      error: { code: 'TEMPLATE.OTHER_PROJECT' },
    });
    expect(await start(REQUESTER, 'gone')).toMatchObject({ ok: false, error: { code: 'TEMPLATE.NOT_FOUND' } });
    // The requester switched the Create dialog to a Task: it gets no Flight Plan.
    jira.setIssueType('10001', 'Task');
    expect(await start(REQUESTER)).toMatchObject({ ok: false, error: { code: 'TEMPLATE.NOT_A_REQUEST' } });
    expect(store.data.get(storageKeys.record('10001'))).toBeUndefined();
    jira.setIssueType('10001', 'Marketing Request');
    expect(
      await handlers['templates/start-created']({ payload: { issueId: 'MKT-1', templateId: WEBINAR.id }, context: onProject(REQUESTER) }),
    ).toMatchObject({ ok: false, error: { code: 'PAYLOAD.INVALID' } });
  });
});

/**
 * The template travels with the requester, not the browser tab: "Start from …" keeps the choice before the dialog opens,
 * and the created-issue trigger (`avi:jira:created:issue`, whose `atlassianId` is the person who created it:
 * developer.atlassian.com/platform/forge/events-reference/jira/) starts the request from it when the page never
 * reports back. MKT-1 is created at 09:00 UTC on 1 June 2026.
 */
describe('a template chosen when the page closes before the Create dialog reports back', () => {
  const CHOSEN_AT = new Date('2026-06-01T08:55:00.000Z');
  const created = (atlassianId = REQUESTER) => ({
    eventType: 'avi:jira:created:issue',
    timestamp: Date.parse('2026-06-01T09:00:00.000Z'),
    atlassianId,
    issue: { id: '10001', key: 'MKT-1', fields: { issuetype: { name: 'Marketing Request' } } },
  });
  const chosenWorld = (chosenAt = CHOSEN_AT) => {
    const w = setup();
    w.store.data.set(storageKeys.record('10001'), emptyRecord('10001'));
    const page = newRequestHandlers(testDeps(w.jira, w.store, chosenAt));
    const trigger = issueChangedHandler(testDeps(w.jira, w.store, new Date('2026-06-01T09:00:40.000Z')));
    const record = () => w.store.data.get(storageKeys.record('10001')) as ReturnType<typeof emptyRecord>;
    const trail = async () => {
      const answer = await panelHandlers(w.deps)['record/audit']({
        payload: { page: 0 },
        context: { accountId: REQUESTER, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } },
      });
      return answer.ok ? answer.data.entries.map((entry) => entry.action) : [];
    };
    return { ...w, page, trigger, record, trail };
  };

  it('is started by the created-issue trigger, once, however often the event is delivered', async () => {
    const { page, trigger, onProject, record, trail, store } = chosenWorld();
    expect(await page['templates/choose']({ payload: { templateId: WEBINAR.id }, context: onProject(REQUESTER) })).toEqual({
      ok: true,
      data: { chosenAt: CHOSEN_AT.toISOString() },
    });
    // Kept a day at most by storage itself: a choice nobody uses does not stay.
    expect(store.expireAfterDays.get(storageKeys.templateChoice(REQUESTER))).toBe(1);
    expect(await trigger(created())).toBeUndefined();
    expect(record().assets.map((asset) => asset.type)).toEqual(['Landing page', 'Email']);
    expect(record().plan.tracking.events).toEqual(['webinar_signup', 'webinar_attend']);
    // Marked used in the record's commit, still expiring: a write without an expiry would keep it for good in KVS.
    expect(store.expireAfterDays.get(storageKeys.templateChoice(REQUESTER))).toBe(1);
    await trigger(created());
    expect(await trail()).toEqual(['template.applied']);
  });

  it('is reported as started when the page reports back after the trigger, and started once when the page comes first', async () => {
    const late = chosenWorld();
    await late.page['templates/choose']({ payload: { templateId: WEBINAR.id }, context: late.onProject(REQUESTER) });
    await late.trigger(created());
    expect(
      await late.page['templates/start-created']({
        payload: { issueId: '10001', templateId: WEBINAR.id },
        context: late.onProject(REQUESTER),
      }),
    ).toEqual({ ok: true, data: { key: 'MKT-1', templateName: 'Partner webinar' } });
    expect(await late.trail()).toEqual(['template.applied']);

    const early = chosenWorld();
    await early.page['templates/choose']({ payload: { templateId: WEBINAR.id }, context: early.onProject(REQUESTER) });
    expect(
      await early.page['templates/start-created']({
        payload: { issueId: '10001', templateId: WEBINAR.id },
        context: early.onProject(REQUESTER),
      }),
    ).toEqual({ ok: true, data: { key: 'MKT-1', templateName: 'Partner webinar' } });
    await early.trigger(created());
    expect(await early.trail()).toEqual(['template.applied']);
  });

  it('is forgotten when the dialog is cancelled, and starts nothing for someone else, another project, or a request made long after', async () => {
    const cancelled = chosenWorld();
    const chosen = await cancelled.page['templates/choose']({
      payload: { templateId: WEBINAR.id },
      context: cancelled.onProject(REQUESTER),
    });
    expect(
      await cancelled.page['templates/forget-choice']({
        payload: { chosenAt: chosen.ok ? chosen.data.chosenAt : '' },
        context: cancelled.onProject(REQUESTER),
      }),
    ).toEqual({ ok: true, data: null });
    await cancelled.trigger(created());
    expect(cancelled.record().assets).toEqual([]);

    const other = chosenWorld();
    other.jira.grant('acc-ops', '10001', 'edit');
    await other.page['templates/choose']({ payload: { templateId: WEBINAR.id }, context: other.onProject(REQUESTER) });
    await other.trigger(created('acc-ops'));
    expect(other.record().assets).toEqual([]);

    const brand = chosenWorld();
    const brd = brand.jira.projectId('BRD');
    brand.jira.browseProjects.set(REQUESTER, new Set([brd]));
    await brand.page['templates/choose']({ payload: { templateId: WEBINAR.id }, context: brand.onProject(REQUESTER, brd) });
    await brand.trigger(created());
    expect(brand.record().assets).toEqual([]);

    // Chosen the evening before: the request created the next morning was made some other way.
    const stale = chosenWorld(new Date('2026-05-31T18:00:00.000Z'));
    await stale.page['templates/choose']({ payload: { templateId: WEBINAR.id }, context: stale.onProject(REQUESTER) });
    await stale.trigger(created());
    expect(stale.record().assets).toEqual([]);
  });

  it('starts a request from the choice made for it when a choice for the next request came before its event', async () => {
    // "Partner webinar" chosen at 08:59:50, MKT-1 created at 09:00:00 and the tab closed;
    // "Spring sale" chosen at 09:00:30 for a second request; MKT-1's created event arrives at 09:00:40. The second choice
    // replaced the first, and a minute's leeway let it start MKT-1.
    const { jira, store, onProject, trigger, record } = chosenWorld();
    store.data.set(storageKeys.template(SPRING.id), SPRING);
    const chooseAt = (at: string, templateId: string) =>
      newRequestHandlers(testDeps(jira, store, new Date(at)))['templates/choose']({
        payload: { templateId },
        context: onProject(REQUESTER),
      });
    await chooseAt('2026-06-01T08:59:50.000Z', WEBINAR.id);
    await chooseAt('2026-06-01T09:00:30.000Z', SPRING.id);
    expect(await trigger(created())).toBeUndefined();
    expect(record().assets.map((asset) => asset.type)).toEqual(['Landing page', 'Email']);
    expect(record().plan.tracking.events).toEqual(['webinar_signup', 'webinar_attend']);
    // The Spring sale choice waits for its own request.
    const stored = store.data.get(storageKeys.templateChoice(REQUESTER)) as { choices: { templateId: string; startedIssueId?: string }[] };
    expect(stored.choices).toEqual([
      expect.objectContaining({ templateId: WEBINAR.id, startedIssueId: '10001' }),
      expect.not.objectContaining({ startedIssueId: expect.anything() }),
    ]);
  });

  /** Chooses `templateId` on the page at `at`, as a tab's "Start from …" does: answers the choice's instant. */
  const chooseIn = async (w: ReturnType<typeof chosenWorld>, at: string, templateId: string): Promise<string> => {
    const answer = await newRequestHandlers(testDeps(w.jira, w.store, new Date(at)))['templates/choose']({
      payload: { templateId },
      context: w.onProject(REQUESTER),
    });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data.chosenAt;
  };
  const cancelIn = (w: ReturnType<typeof chosenWorld>, payload: { chosenAt?: string }) =>
    newRequestHandlers(testDeps(w.jira, w.store, new Date('2026-06-01T08:57:00.000Z')))['templates/forget-choice']({
      payload,
      context: w.onProject(REQUESTER),
    });
  const waitingChoices = (w: ReturnType<typeof chosenWorld>) =>
    (w.store.data.get(storageKeys.templateChoice(REQUESTER)) as { choices: { templateId: string; startedIssueId?: string }[] }).choices
      .filter((choice) => choice.startedIssueId === undefined)
      .map((choice) => choice.templateId);

  it("forgets only the cancelled dialog's choice: another tab's dialog creates its request from its own template", async () => {
    // two tabs, the webinar chosen in the first and the spring sale in the second; the
    // first dialog is cancelled, and the second creates MKT-1 with its page closed before it reports back. The cancel
    // forgot the latest choice of the project, the spring sale, so the trigger started MKT-1 from the webinar.
    const w = chosenWorld();
    w.store.data.set(storageKeys.template(SPRING.id), SPRING);
    const first = await chooseIn(w, '2026-06-01T08:55:00.000Z', WEBINAR.id);
    await chooseIn(w, '2026-06-01T08:56:00.000Z', SPRING.id);
    expect(await cancelIn(w, { chosenAt: first })).toEqual({ ok: true, data: null });
    expect(waitingChoices(w)).toEqual([SPRING.id]);
    await w.trigger(created());
    expect(w.record().assets.map((asset) => asset.type)).toEqual(['Email']);
    expect(w.record().plan.tracking.events).toEqual(['sale_click']);
    expect(await w.trail()).toEqual(['template.applied']);
  });

  it('leaves a request to its page when dialogs of two templates were open: the trigger cannot tell which created it', async () => {
    // Two tabs, the webinar chosen in the first and the spring sale in the second; the first creates MKT-1. Its created
    // event came first and took the latest choice, the spring sale, and the page was then told MKT-1 had started from it.
    const w = chosenWorld();
    w.store.data.set(storageKeys.template(SPRING.id), SPRING);
    await chooseIn(w, '2026-06-01T08:55:00.000Z', WEBINAR.id);
    await chooseIn(w, '2026-06-01T08:56:00.000Z', SPRING.id);
    expect(await w.trigger(created())).toBeUndefined();
    expect(w.record().assets).toEqual([]);
    expect(
      await w.page['templates/start-created']({ payload: { issueId: '10001', templateId: WEBINAR.id }, context: w.onProject(REQUESTER) }),
    ).toEqual({ ok: true, data: { key: 'MKT-1', templateName: 'Partner webinar' } });
    expect(w.record().assets.map((asset) => asset.type)).toEqual(['Landing page', 'Email']);
    // The spring sale waits for the request the second tab's dialog creates.
    expect(waitingChoices(w)).toEqual([SPRING.id]);
  });

  it("leaves a request to its page while another tab's choice waits from before it, made over an hour before", async () => {
    // tab A chose the webinar at 07:55 and left its dialog open through a meeting; tab B
    // chose the spring sale at 08:56, its dialog still open. Tab A's dialog creates MKT-1 at 09:00, and its created event
    // is handled before tab A's page reports back: the trigger took tab B's choice, the only one that counted, and the
    // page was told MKT-1 started from the spring sale. (a choice never kept, is the page's: it no longer
    // opens a dialog for a choice the app did not keep.)
    const w = chosenWorld();
    w.store.data.set(storageKeys.template(SPRING.id), SPRING);
    const tabA = await chooseIn(w, '2026-06-01T07:55:00.000Z', WEBINAR.id);
    await chooseIn(w, '2026-06-01T08:56:00.000Z', SPRING.id);
    expect(await w.trigger(created())).toBeUndefined();
    expect(w.record().assets).toEqual([]);
    expect(
      await w.page['templates/start-created']({
        payload: { issueId: '10001', templateId: WEBINAR.id, chosenAt: tabA },
        context: w.onProject(REQUESTER),
      }),
    ).toEqual({ ok: true, data: { key: 'MKT-1', templateName: 'Partner webinar' } });
    expect(w.record().plan.tracking.events).toEqual(['webinar_signup', 'webinar_attend']);
    expect(waitingChoices(w)).toEqual([SPRING.id]);
  });

  it('starts a request from its choice when the only other waiting one was made over the longest a dialog stays open before it', async () => {
    // a tab closed with its dialog open the day before left a waiting choice, and the
    // trigger left every later request to its page for as long as the person kept using the page (each write sets the
    // stored choices' one-day expiry again).
    const w = chosenWorld();
    w.store.data.set(storageKeys.template(SPRING.id), SPRING);
    await chooseIn(w, '2026-05-31T08:00:00.000Z', SPRING.id);
    await chooseIn(w, '2026-06-01T08:55:00.000Z', WEBINAR.id);
    expect(await w.trigger(created())).toBeUndefined();
    expect(w.record().plan.tracking.events).toEqual(['webinar_signup', 'webinar_attend']);
    // The next choice dropped the closed tab's: nothing is left waiting to block a later request.
    expect((w.store.data.get(storageKeys.templateChoice(REQUESTER)) as { choices: unknown[] }).choices).toEqual([
      { projectId: w.mkt, templateId: WEBINAR.id, at: '2026-06-01T08:55:00.000Z', startedIssueId: '10001' },
    ]);
  });

  it('keeps one choice when the page asks twice for one press, the first kept and its answer lost: the trigger starts it', async () => {
    // one tab, the page closed before the dialog reported back. The second ask kept a second
    // choice, and with two waiting the trigger started nothing.
    const w = chosenWorld();
    const ask = (at: string, payload: { templateId: string; pressId?: string }) =>
      newRequestHandlers(testDeps(w.jira, w.store, new Date(at)))['templates/choose']({ payload, context: w.onProject(REQUESTER) });
    const press = { templateId: WEBINAR.id, pressId: 'c0ffee00-1b2c-4d5e-8f90-123456789abc' };
    await ask('2026-06-01T08:58:00.000Z', press);
    expect(await ask('2026-06-01T08:58:00.400Z', press)).toEqual({ ok: true, data: { chosenAt: '2026-06-01T08:58:00.000Z' } });
    expect(waitingChoices(w)).toEqual([WEBINAR.id]);
    expect(await w.trigger(created())).toBeUndefined();
    expect(w.record().plan.tracking.events).toEqual(['webinar_signup', 'webinar_attend']);

    // An older page sends no press id: each ask is a choice, as before. A press id the app would not store is refused.
    const older = chosenWorld();
    await chooseIn(older, '2026-06-01T08:58:00.000Z', WEBINAR.id);
    await chooseIn(older, '2026-06-01T08:58:00.400Z', WEBINAR.id);
    expect(waitingChoices(older)).toEqual([WEBINAR.id, WEBINAR.id]);
    expect(await ask('2026-06-01T08:59:00.000Z', { templateId: WEBINAR.id, pressId: 'x'.repeat(65) })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD.INVALID', message: expect.stringContaining('The press of "Start from …" (pressId) must be at most 64') },
    });
    expect(await ask('2026-06-01T08:59:00.000Z', { templateId: WEBINAR.id, pressId: '' })).toMatchObject({ ok: false });
    expect(waitingChoices(w)).toEqual([]);
  });

  it('marks the choice of the dialog that created the request used, when two tabs chose one template, so the other tab can cancel its own', async () => {
    // The trigger marked the latest choice used for MKT-1, the second tab's: that tab's cancel then found its choice used,
    // and the first tab's choice was left waiting to start the next request made in the project.
    const w = chosenWorld();
    const first = await chooseIn(w, '2026-06-01T08:55:00.000Z', WEBINAR.id);
    const second = await chooseIn(w, '2026-06-01T08:56:00.000Z', WEBINAR.id);
    await w.trigger(created());
    expect(
      await w.page['templates/start-created']({
        payload: { issueId: '10001', templateId: WEBINAR.id, chosenAt: first },
        context: w.onProject(REQUESTER),
      }),
    ).toEqual({ ok: true, data: { key: 'MKT-1', templateName: 'Partner webinar' } });
    expect(await w.trail()).toEqual(['template.applied']);
    expect(await cancelIn(w, { chosenAt: second })).toEqual({ ok: true, data: null });
    expect(waitingChoices(w)).toEqual([]);
    expect((w.store.data.get(storageKeys.templateChoice(REQUESTER)) as { choices: unknown[] }).choices).toEqual([
      { projectId: w.mkt, templateId: WEBINAR.id, at: first, startedIssueId: '10001' },
    ]);
  });

  it('forgets nothing when the cancel names a choice already used or gone, and refuses a name that is no instant', async () => {
    const w = chosenWorld();
    const used = await chooseIn(w, '2026-06-01T08:55:00.000Z', WEBINAR.id);
    await w.trigger(created());
    expect(await cancelIn(w, { chosenAt: used })).toEqual({ ok: true, data: null });
    expect(await cancelIn(w, { chosenAt: '2026-06-01T07:00:00.000Z' })).toEqual({ ok: true, data: null });
    expect(w.store.data.get(storageKeys.templateChoice(REQUESTER))).toMatchObject({
      revision: 2,
      choices: [{ templateId: WEBINAR.id, startedIssueId: '10001' }],
    });
    expect(await cancelIn(w, { chosenAt: 'the first tab' })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD.INVALID', message: expect.stringContaining('The template choice (chosenAt) must be') },
    });
  });

  it("takes a cancel without a name (a page loaded before choices had one) for the project's only waiting choice, and forgets none of two", async () => {
    const one = chosenWorld();
    await chooseIn(one, '2026-06-01T08:55:00.000Z', WEBINAR.id);
    expect(await cancelIn(one, {})).toEqual({ ok: true, data: null });
    expect(waitingChoices(one)).toEqual([]);

    const two = chosenWorld();
    two.store.data.set(storageKeys.template(SPRING.id), SPRING);
    await chooseIn(two, '2026-06-01T08:55:00.000Z', WEBINAR.id);
    await chooseIn(two, '2026-06-01T08:56:00.000Z', SPRING.id);
    expect(await cancelIn(two, {})).toEqual({ ok: true, data: null });
    expect(waitingChoices(two)).toEqual([WEBINAR.id, SPRING.id]);
  });

  it('puts no template on a request created before the choice was made', async () => {
    // MKT-1 was created at 09:00:00 some other way; the choice came 30 seconds later, for another request.
    const { page, trigger, onProject, record } = chosenWorld(new Date('2026-06-01T09:00:30.000Z'));
    await page['templates/choose']({ payload: { templateId: WEBINAR.id }, context: onProject(REQUESTER) });
    await trigger(created());
    expect(record().assets).toEqual([]);
  });

  it('is refused for a template that does not exist or a project the requester cannot see', async () => {
    const { page, onProject, jira } = chosenWorld();
    expect(await page['templates/choose']({ payload: { templateId: 'gone' }, context: onProject(REQUESTER) })).toMatchObject({
      ok: false,
      error: { code: 'TEMPLATE.NOT_FOUND' },
    });
    expect(
      await page['templates/choose']({ payload: { templateId: WEBINAR.id }, context: onProject(REQUESTER, jira.projectId('BRD')) }),
    ).toMatchObject({ ok: false, error: { code: 'PERMISSION.DENIED' } });
  });
});
