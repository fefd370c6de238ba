import { describe, expect, it } from 'vitest';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import type { ForecastSummary } from '../../src/contracts/forecast-store.schema';
import type { RefreshJob } from '../../src/contracts/metrics-store.schema';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { MIN_FORECAST_BASIS } from '../../src/domain/forecast/launch-forecast';
import { EMPTY_BUCKET, groupByBucket, withFreshHistories } from '../../src/domain/metrics/history-buckets';
import type { IssueHistory } from '../../src/domain/metrics/issue-metrics';
import { gadgetHandlers } from '../../src/handlers/resolvers/gadgets.resolver';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { storageKeys } from '../../src/use-cases/ports';
import { readAllHistories, runRefreshPage } from '../../src/use-cases/refresh-metrics';
import { forecastGroupOf, storedForecastOf } from '../../src/use-cases/refresh-forecasts';
import { TestJira } from '../fakes/test-jira';
import { MemoryStore } from '../fakes/memory-store';
import { testDeps } from '../fakes/site-deps';

const NOW = new Date('2026-06-30T12:00:00.000Z');
const DAY = 86_400_000;
const at = (date: string): number => Date.parse(`${date}T12:00:00.000Z`);
const PATH = ['Intake', 'Triage', 'Planning', 'Build', 'QA + Governance', 'Launch'];

/** A request that walked the path, `days[i]` in each stage, from `created`; it stops after `stages` moves. */
const walked = (id: string, created: number, days: readonly number[], stages: number, dueDate: string | null): IssueHistory => {
  const changes = [];
  let time = created;
  for (let move = 0; move < stages; move++) {
    time += (days[move] as number) * DAY;
    changes.push({ at: time, fromStatus: PATH[move] as string, toStatus: PATH[move + 1] as string });
  }
  return { id, key: `MKT-${id}`, tier: 'revenue', createdAt: created, dueDate, currentStatus: PATH[stages] as string, changes };
};

/**
 * Forty launches 2, 1, 3, 5–9 and 2 days in Intake … QA, two a week from January; and four open
 * requests, three of them in Build since two days ago.
 */
const world = (extra: readonly IssueHistory[] = []) => {
  const launches = Array.from({ length: 40 }, (_, i) =>
    walked(String(1 + i), at('2026-01-05') + i * 3.5 * DAY, [2, 1, 3, 5 + (i % 5), 2], 5, null),
  );
  const buildSince = NOW.getTime() - 2 * DAY;
  const open = [
    // In Build, due tomorrow: at least 3 more days of Build and 2 of QA are ahead.
    walked('101', buildSince - 6 * DAY, [2, 1, 3], 3, '2026-07-01'),
    // Due in two months: certain.
    walked('102', buildSince - 6 * DAY, [2, 1, 3], 3, '2026-08-30'),
    // No date asked for.
    walked('103', NOW.getTime() - 3 * DAY, [2, 1], 2, null),
    // Due a week out: 3–7 more days of Build and 2 of QA, so some simulations make it.
    walked('104', buildSince - 6 * DAY, [2, 1, 3], 3, '2026-07-07'),
  ];
  const jira = new TestJira();
  const store = new MemoryStore();
  for (const [bucket, histories] of groupByBucket([...launches, ...open, ...extra]))
    store.data.set(storageKeys.metricsBucket(bucket), withFreshHistories(EMPTY_BUCKET, histories));
  store.data.set(storageKeys.config, { schemaVersion: CURRENT_CONFIG_VERSION, revision: 1, config: DEFAULT_CONFIG });
  jira.browseProjects.set('acc-lead', new Set([jira.projectId('MKT')]));
  jira.addPerson('acc-blake', 'Blake Builder');
  jira.addIssue({ id: '101', key: 'MKT-101', assignee: 'acc-blake', status: 'Build', app: { effort: 3 } });
  jira.addIssue({ id: '104', key: 'MKT-104', assignee: null });
  return { jira, store };
};

/** MKT-101 moves from Build to Launch a second ago: it is no longer forecast. */
const launch101 = async (store: MemoryStore) => {
  const launched = (await readAllHistories(store)).map((history) =>
    history.id === '101'
      ? {
          ...history,
          currentStatus: 'Launch',
          changes: [...history.changes, { at: NOW.getTime() - 1_000, fromStatus: 'Build', toStatus: 'Launch' }],
        }
      : history,
  );
  for (const [bucket, inBucket] of groupByBucket(launched))
    store.data.set(storageKeys.metricsBucket(bucket), withFreshHistories(EMPTY_BUCKET, inBucket));
};

const VIEWS_JOB: RefreshJob = { jql: DEFAULT_CONFIG.metricsJql, startedAt: NOW.toISOString(), page: 1, step: 'views' };

const refreshed = async (extra: readonly IssueHistory[] = []) => {
  const { jira, store } = world(extra);
  const outcome = await runRefreshPage(testDeps(jira, store, NOW)(), VIEWS_JOB);
  expect(outcome.ok).toBe(true);
  return { jira, store, summary: store.data.get(storageKeys.forecastSummary) as ForecastSummary };
};

describe('forecasts stored by the metrics refresh', () => {
  it('stores a forecast for every open request in its group, and none for a launched one', async () => {
    const { store } = await refreshed();
    const forecastOf = (id: string) => storedForecastOf(store.data.get(storageKeys.forecastGroup(forecastGroupOf(id))), id);
    // Build takes 5–9 days and QA 2: two days into Build, launch is 5–9 days away.
    expect(forecastOf('101')).toMatchObject({
      launchP50: '2026-07-07',
      onTimeProbability: 0,
      basis: 40,
      dueDate: '2026-07-01',
      computedAt: NOW.toISOString(),
    });
    expect(forecastOf('102')).toMatchObject({ onTimeProbability: 1 });
    expect(forecastOf('103')).toMatchObject({ onTimeProbability: null });
    expect(forecastOf('1')).toBeNull();
    const p85 = forecastOf('104')!.launchP85;
    expect(p85 >= '2026-07-08' && p85 <= '2026-07-09').toBe(true);
  });

  it("keeps a blocked request's forecast no earlier than its blocker's, and the triage queue's if-accepted dates", async () => {
    // In Triage since yesterday, blocked by MKT-101 (in Build); and the same request unblocked.
    const inTriage = (id: string, blockedBy: readonly string[]) => ({
      ...walked(id, NOW.getTime() - 3 * DAY, [2], 1, '2026-07-10'),
      ...(blockedBy.length > 0 ? { blockedBy } : {}),
    });
    // MKT-107 is MKT-104's twin (in Build, due a week out), but waits on MKT-106, still in Triage.
    const waiting = { ...walked('107', NOW.getTime() - 8 * DAY, [2, 1, 3], 3, '2026-07-07'), blockedBy: ['106'] };
    const { store, summary } = await refreshed([inTriage('105', ['101']), inTriage('106', []), waiting]);
    const forecastOf = (id: string) => storedForecastOf(store.data.get(storageKeys.forecastGroup(forecastGroupOf(id))), id)!;
    const accepted = summary.ifAccepted!;
    // Accepted now: Planning 3, Build 5–9, QA 2 days.
    expect(accepted['106']![0] >= '2026-07-10' && accepted['106']![0] <= '2026-07-14').toBe(true);
    expect(accepted['105']![0] >= forecastOf('101').launchP85).toBe(true);
    expect(forecastOf('105').launchP85 >= forecastOf('101').launchP85).toBe(true);
    // Held back: no earlier than its blocker, later than its unblocked twin, and no chance by its date.
    expect(forecastOf('107').launchP85 >= forecastOf('106').launchP85).toBe(true);
    expect(forecastOf('107').launchP85 > forecastOf('104').launchP85).toBe(true);
    expect(forecastOf('107').onTimeProbability).toBe(0);
    expect(Object.keys(accepted).sort()).toEqual(['105', '106']);
  });

  it('lists the at-risk candidates worst first with their owners from Jira, the throughput and the backtest line', async () => {
    const { summary, jira } = await refreshed();
    expect(summary.atRisk.map(({ key, owner, stage, dueDate }) => ({ key, owner, stage, dueDate }))).toEqual([
      { key: 'MKT-101', owner: 'Blake Builder', stage: 'build', dueDate: '2026-07-01' },
      { key: 'MKT-104', owner: null, stage: 'build', dueDate: '2026-07-07' },
    ]);
    expect(summary.atRisk[1]!.onTimeProbability).toBeGreaterThan(0);
    expect(summary.atRisk[1]!.onTimeProbability).toBeLessThan(0.9);
    expect(jira.queries).toContain('id in (101, 104)');
    expect(summary.basis).toBe(40);
    // The throughput's own figures are checked in the domain tests; here, that the refresh stores them.
    expect(summary.throughputNext4Weeks!.p50).toBeGreaterThan(0);
    expect(summary.throughputNext4Weeks!.p85).toBeLessThanOrEqual(summary.throughputNext4Weeks!.p50);
    expect(summary.backtest).toMatchObject({ weeksAgo: 8 });
    expect(summary.backtest!.scored).toBeGreaterThan(0);
  });

  it('stores no team load, rather than every Effort guessed, when the field list cannot be read', async () => {
    const { jira, store } = world();
    jira.fieldListStatus = 503;
    expect((await runRefreshPage(testDeps(jira, store, NOW)(), VIEWS_JOB)).ok).toBe(true);
    const summary = store.data.get(storageKeys.forecastSummary) as ForecastSummary;
    expect(summary.teamLoadByProject).toBeUndefined();
    // The forecasts themselves are still stored.
    expect(summary.atRisk.map(({ key }) => key)).toEqual(['MKT-101', 'MKT-104']);
  });

  it('keeps the at-risk list when Jira cannot name the owners', async () => {
    const { jira, store } = world();
    jira.searchStatus = 400;
    expect((await runRefreshPage(testDeps(jira, store, NOW)(), VIEWS_JOB)).ok).toBe(true);
    expect((store.data.get(storageKeys.forecastSummary) as ForecastSummary).atRisk.map(({ key, owner }) => [key, owner])).toEqual([
      ['MKT-101', null],
      ['MKT-104', null],
    ]);
  });
});

describe('At-risk launches on Workflow health', () => {
  const load = async (store: MemoryStore, jira: TestJira, config: unknown = { projects: ['MKT'], tier: 'all', periodDays: 90 }) => {
    const handlers = gadgetHandlers(() => ({ ...testDeps(jira, store, NOW)(), enqueue: async () => undefined }));
    const answer = await handlers['health/get']({ context: { accountId: 'acc-lead', extension: { gadgetConfiguration: config } } });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data;
  };

  it('shows the requests below the admin threshold, worst first, and follows a new threshold without a refresh', async () => {
    const { store, jira, summary } = await refreshed();
    const view = await load(store, jira);
    expect(view.forecast?.thresholdPercent).toBe(50);
    const below50 = summary.atRisk.filter((candidate) => candidate.onTimeProbability < 0.5).map((candidate) => candidate.key);
    expect(view.forecast?.atRisk.map((launch) => launch.key)).toEqual(below50);
    expect(summary.projects).toEqual(['MKT']);
    expect(view.forecast?.teamFigures).toEqual({
      backtest: summary.backtest,
      throughputNext4Weeks: summary.throughputNext4Weeks,
      basis: summary.basis,
    });

    store.data.set(storageKeys.config, {
      schemaVersion: CURRENT_CONFIG_VERSION,
      revision: 2,
      config: { ...DEFAULT_CONFIG, atRiskBelowPercent: 90 },
    });
    const warm = await load(store, jira);
    expect(warm.fromCache).toBe(true);
    expect(warm.forecast?.atRisk.map((launch) => launch.key)).toEqual(['MKT-101', 'MKT-104']);
    store.data.set(storageKeys.config, {
      schemaVersion: CURRENT_CONFIG_VERSION,
      revision: 3,
      config: { ...DEFAULT_CONFIG, atRiskBelowPercent: 5 },
    });
    expect((await load(store, jira)).forecast?.atRisk.map((launch) => launch.key)).toEqual(['MKT-101']);
  });

  it("shows the team's throughput and backtest only on a view that takes in every request they are computed over", async () => {
    const { store, jira, summary } = await refreshed();
    jira.browseProjects.set('acc-lead', new Set([jira.projectId('MKT'), jira.projectId('BRD')]));
    const teamFiguresOn = async (config: unknown) => (await load(store, jira, config)).forecast?.teamFigures ?? null;
    const whole = { projects: ['MKT'], tier: 'all', periodDays: 90 };
    expect(await teamFiguresOn(whole)).not.toBeNull();
    expect(await teamFiguresOn({ ...whole, projects: ['MKT', 'BRD'] })).not.toBeNull();
    // One tier, or a JQL query: the site's figures are not the view's.
    expect(await teamFiguresOn({ ...whole, tier: 'regulated' })).toBeNull();
    expect(await teamFiguresOn({ jql: 'project = MKT', tier: 'all', periodDays: 90 })).toBeNull();
    // A site whose figures take in BRD too: a view of MKT alone, or of BRD alone, shows none of them.
    store.data.set(storageKeys.forecastSummary, { ...summary, projects: ['BRD', 'MKT'] });
    expect(await teamFiguresOn({ ...whole, periodDays: 30 })).toBeNull();
    expect(await teamFiguresOn({ ...whole, projects: ['BRD'], periodDays: 30 })).toBeNull();
    expect(await teamFiguresOn({ ...whole, projects: ['BRD', 'MKT'], periodDays: 30 })).not.toBeNull();
    // A summary stored before it named its projects, or over too many to name: none, until the next refresh.
    const { projects: _, ...older } = summary;
    store.data.set(storageKeys.forecastSummary, older);
    expect(await teamFiguresOn({ ...whole, periodDays: 180 })).toBeNull();
    store.data.set(storageKeys.forecastSummary, { ...summary, projects: null });
    expect(await teamFiguresOn({ ...whole, periodDays: 365 })).toBeNull();
  });

  /** A refreshed site whose stored summary holds these loads, as `[project, account, name, load, requests]`. */
  const refreshedWithLoads = async (teamLoadByProject: NonNullable<ForecastSummary['teamLoadByProject']>) => {
    const refresh = await refreshed();
    refresh.store.data.set(storageKeys.forecastSummary, { ...refresh.summary, teamLoadByProject });
    return refresh;
  };

  it("shows each person's load of accepted work, as the refresh measured it", async () => {
    const { store, jira, summary } = await refreshed();
    // MKT-101, in Build with Effort 3: two of its three stages ahead.
    expect(summary.teamLoadByProject).toEqual([['MKT', 'acc-blake', 'Blake Builder', 2, 1]]);
    expect((await load(store, jira)).forecast?.teamLoad).toEqual([{ accountId: 'acc-blake', name: 'Blake Builder', load: 2, requests: 1 }]);
  });

  /** The site with `count` more MKT builders, each with one request of Effort 5 in Planning (5 points). */
  const withMktBuilders = (count: number) => {
    const { jira, store } = world();
    for (let person = 1; person <= count; person++) {
      jira.addPerson(`acc-mkt-${person}`, `MKT builder ${person}`);
      jira.addIssue({ id: String(1_000 + person), assignee: `acc-mkt-${person}`, status: 'Planning', app: { effort: 5 } });
    }
    return { jira, store };
  };

  it("ranks each project's people before the cap, so a small project's people are not cut for a big one's, and says who was left out", async () => {
    // MKT: 301 builders, each with one request of Effort 5 in Planning (5 points); BRD: one builder with 0.3 points.
    const { jira, store } = withMktBuilders(301);
    jira.addPerson('acc-brd', 'Brook Brand');
    jira.addIssue({ project: 'BRD', id: '2000', assignee: 'acc-brd', status: 'QA + Governance', app: { effort: 1 } });
    jira.browseProjects.set('acc-lead', new Set([jira.projectId('MKT'), jira.projectId('BRD')]));
    expect((await runRefreshPage(testDeps(jira, store, NOW)(), VIEWS_JOB)).ok).toBe(true);
    const summary = store.data.get(storageKeys.forecastSummary) as ForecastSummary;
    // The site-wide 300 heaviest were all MKT's: Brook was cut, and nothing said so.
    expect(summary.teamLoadByProject?.filter(([project]) => project === 'BRD')).toEqual([['BRD', 'acc-brd', 'Brook Brand', 0.3, 1]]);
    // Past the cap each person is kept or left out whole; the three lightest of MKT's 302 are left out.
    expect(summary.teamLoadByProject).toHaveLength(300);
    expect(summary.teamLoadPeopleLeftOut).toEqual([[['MKT'], 3]]);

    const brd = await load(store, jira, { projects: ['BRD'], tier: 'all', periodDays: 90 });
    expect(brd.forecast).toMatchObject({
      teamLoad: [{ accountId: 'acc-brd', name: 'Brook Brand', load: 0.3, requests: 1 }],
      teamLoadNotListed: 0,
      teamLoadIncomplete: false,
    });
    // MKT lists its 30 heaviest and says how many more there are (Blake, with MKT-101, is among the 302).
    const mkt = await load(store, jira);
    expect(mkt.forecast?.teamLoad).toHaveLength(30);
    expect(mkt.forecast?.teamLoadNotListed).toBe(272);
  });

  it("shows a person's whole load over a gadget's projects while the loads fit, and counts each person left out once", async () => {
    // MKT has 40 loaded builders; Casey is the lightest there (0.3 points, one request in QA)
    // and carries two Planning requests of Effort 5 in BRD. Each project used to keep only its 30 heaviest even far under
    // the 300 cap: Casey was listed with BRD's 10 points alone, and counted as left out as well.
    const { jira, store } = withMktBuilders(39);
    jira.addPerson('acc-casey', 'Casey Crossover');
    jira.addIssue({ id: '1100', assignee: 'acc-casey', status: 'QA + Governance', app: { effort: 1 } });
    jira.addIssue({ project: 'BRD', id: '2001', assignee: 'acc-casey', status: 'Planning', app: { effort: 5 } });
    jira.addIssue({ project: 'BRD', id: '2002', assignee: 'acc-casey', status: 'Planning', app: { effort: 5 } });
    jira.browseProjects.set('acc-lead', new Set([jira.projectId('MKT'), jira.projectId('BRD')]));
    expect((await runRefreshPage(testDeps(jira, store, NOW)(), VIEWS_JOB)).ok).toBe(true);

    const both = await load(store, jira, { projects: ['MKT', 'BRD'], tier: 'all', periodDays: 90 });
    expect(both.forecast?.teamLoad?.find((person) => person.accountId === 'acc-casey')).toMatchObject({ load: 10.3, requests: 3 });
    // 41 people with a load (Blake, with MKT-101, among them): 30 listed, 11 not, Casey counted once.
    expect(both.forecast?.teamLoad).toHaveLength(30);
    expect(both.forecast).toMatchObject({ teamLoadNotListed: 11, teamLoadIncomplete: false });
  });

  it('past the cap, leaves a person out whole and counts them once in a view over all their projects', async () => {
    const { store, jira, summary } = await refreshed();
    store.data.set(storageKeys.forecastSummary, {
      ...summary,
      teamLoadByProject: [['MKT', 'acc-blake', 'Blake Builder', 2, 1]],
      teamLoadPeopleLeftOut: [
        [['BRD'], 5],
        [['BRD', 'MKT'], 2],
      ],
      teamLoadLeftOutUncounted: 0,
    } satisfies ForecastSummary);
    jira.browseProjects.set('acc-lead', new Set([jira.projectId('MKT'), jira.projectId('BRD')]));
    // The two working in both projects are counted once over both, not once per project (9).
    expect((await load(store, jira, { projects: ['MKT', 'BRD'], tier: 'all', periodDays: 90 })).forecast).toMatchObject({
      teamLoad: [{ accountId: 'acc-blake', load: 2, requests: 1 }],
      teamLoadNotListed: 7,
      teamLoadIncomplete: false,
    });
    expect((await load(store, jira)).forecast?.teamLoadNotListed).toBe(2);
    // People left out whose projects the summary could not name: any view may be missing some, and says so.
    store.data.set(storageKeys.forecastSummary, {
      ...summary,
      teamLoadPeopleLeftOut: [],
      teamLoadLeftOutUncounted: 4,
    } satisfies ForecastSummary);
    expect((await load(store, jira)).forecast).toMatchObject({ teamLoadNotListed: 0, teamLoadIncomplete: true });
  });

  it('keeps two people of the same name apart, each row known by its account (the list is keyed by it)', async () => {
    const { store, jira } = await refreshedWithLoads([
      ['MKT', 'acc-sam-1', 'Sam Lee', 4, 2],
      ['MKT', 'acc-sam-2', 'Sam Lee', 1, 1],
    ]);
    expect((await load(store, jira)).forecast?.teamLoad).toEqual([
      { accountId: 'acc-sam-1', name: 'Sam Lee', load: 4, requests: 2 },
      { accountId: 'acc-sam-2', name: 'Sam Lee', load: 1, requests: 1 },
    ]);
  });

  it("shows a viewer only the load in the gadget's projects, and none on a JQL gadget", async () => {
    // Blake also carries work in BRD, a project the viewer of an MKT gadget was never checked for.
    const { store, jira } = await refreshedWithLoads([
      ['BRD', 'acc-morgan', 'Morgan Secret', 5, 2],
      ['BRD', 'acc-blake', 'Blake Builder', 3, 1],
      ['MKT', 'acc-blake', 'Blake Builder', 2, 1],
    ]);
    expect((await load(store, jira)).forecast?.teamLoad).toEqual([{ accountId: 'acc-blake', name: 'Blake Builder', load: 2, requests: 1 }]);
    const jqlView = await load(store, jira, { projects: [], jql: 'project = MKT', tier: 'all', periodDays: 90 });
    expect(jqlView.forecast?.teamLoad).toBeNull();
  });

  it('keeps to the gadget scope: another tier or project lists none', async () => {
    const { store, jira } = await refreshed();
    expect((await load(store, jira, { projects: ['MKT'], tier: 'regulated', periodDays: 90 })).forecast?.atRisk).toEqual([]);
  });

  it('shows no forecast part before the first refresh that made forecasts', async () => {
    const { store, jira } = world();
    expect((await load(store, jira)).forecast).toBeNull();
  });
});

describe("the panel's forecast", () => {
  const ask = (store: MemoryStore, jira: TestJira, accountId: string, issueId: string) =>
    panelHandlers(testDeps(jira, store, NOW))['forecast/get']({
      context: { accountId, extension: { issue: { id: issueId, key: `MKT-${issueId}`, type: 'Marketing Request' } } },
    });

  it('answers a viewer who can see the request with its stored forecast and the date it was computed against', async () => {
    const { store, jira } = await refreshed();
    jira.grant('acc-riley', '104', 'browse');
    const answer = await ask(store, jira, 'acc-riley', '104');
    expect(answer).toMatchObject({ ok: true, data: { forecast: { dueDate: '2026-07-07', basis: 40 }, declinedBlockers: null } });
    // A request the refresh made no forecast for.
    jira.addIssue({ id: '1', key: 'MKT-1' });
    jira.grant('acc-riley', '1', 'browse');
    expect(await ask(store, jira, 'acc-riley', '1')).toEqual({
      ok: true,
      data: { forecast: null, declinedBlockers: null, tooFewLaunches: null },
    });
  });

  it('says too few launches are why there is none, while the refresh had fewer than a forecast rests on', async () => {
    const { store, jira, summary } = await refreshed();
    store.data.set(storageKeys.forecastSummary, { ...summary, basis: 3 });
    jira.addIssue({ id: '1', key: 'MKT-1' });
    jira.grant('acc-riley', '1', 'browse');
    expect(await ask(store, jira, 'acc-riley', '1')).toEqual({
      ok: true,
      data: { forecast: null, declinedBlockers: null, tooFewLaunches: { launched: 3, needed: MIN_FORECAST_BASIS } },
    });
  });

  it('allows for a loaded builder: the same request forecast later when its assignee holds three times the usual load', async () => {
    const { jira, store } = world();
    // 101 (Blake's) and 104 stand alike: in Build for two days, with the same history behind them.
    jira.addPerson('acc-dana', 'Dana Designer');
    jira.addPerson('acc-sam', 'Sam Writer');
    jira.issue('104').assigneeId = 'acc-sam';
    jira.setStatus('104', 'Build');
    jira.setAppField('104', 'effort', 3);
    jira.addIssue({ id: '102', key: 'MKT-102', assignee: 'acc-dana', status: 'Build', app: { effort: 3 } });
    // Blake holds three more requests like 101 (2 points each): 8 points, against the usual 2 of Dana and Sam.
    for (const id of ['901', '902', '903'])
      jira.addIssue({ id, key: `MKT-${id}`, assignee: 'acc-blake', status: 'Build', app: { effort: 3 } });
    expect((await runRefreshPage(testDeps(jira, store, NOW)(), VIEWS_JOB)).ok).toBe(true);
    const forecastOf = (id: string) => storedForecastOf(store.data.get(storageKeys.forecastGroup(forecastGroupOf(id))), id);
    const loaded = forecastOf('101');
    const usual = forecastOf('104');
    expect(usual).toMatchObject({ loadFactor: 1 });
    // 4 times the usual load, held to 3: the 3–7 days of Build left and the 2 of QA take three times as long.
    expect(loaded).toMatchObject({ loadFactor: 3 });
    expect(Date.parse(loaded!.launchP50) - NOW.getTime()).toBeGreaterThan(2.5 * (Date.parse(usual!.launchP50) - NOW.getTime()));
    jira.grant('acc-riley', '101', 'browse');
    expect(await ask(store, jira, 'acc-riley', '101')).toMatchObject({ ok: true, data: { forecast: { loadFactor: 3 } } });
  });

  it('says a declined blocker is why there is none, naming only the blockers the viewer may browse', async () => {
    const { store, jira } = await refreshed();
    // MKT-1 has no forecast: it waits on MKT-2 and MKT-3, both declined (Riley may not browse MKT-3), and on MKT-5, open.
    jira.addIssue({ id: '1', key: 'MKT-1' });
    jira.addIssue({ id: '2', key: 'MKT-2', status: 'Declined' });
    jira.addIssue({ id: '3', key: 'MKT-3', status: 'Declined', summary: 'Secret rebrand' });
    jira.addIssue({ id: '5', key: 'MKT-5', status: 'Build' });
    jira.store.data.issueLinks = ['2', '3', '5'].map((id) => ({ id: `link-${id}`, typeId: '10000', outwardId: id, inwardId: '1' }));
    for (const id of ['1', '2', '5']) jira.grant('acc-riley', id, 'browse');
    const answer = await ask(store, jira, 'acc-riley', '1');
    expect(answer).toEqual({
      ok: true,
      data: { forecast: null, declinedBlockers: { count: 2, words: 'MKT-2 and a request you cannot see' }, tooFewLaunches: null },
    });
    expect(JSON.stringify(answer)).not.toMatch(/MKT-3|Secret rebrand/);
  });

  it('refuses a caller who cannot see the request', async () => {
    const { store, jira } = await refreshed();
    expect(await ask(store, jira, 'acc-outsider', '104')).toMatchObject({ ok: false, error: { code: 'PERMISSION.DENIED' } });
  });
});

describe('the on-time band mirrored for JQL', () => {
  it("writes each open request's band to its forecast property, only when it changed, and deletes it once the request is no longer forecast", async () => {
    const { jira, store } = world();
    for (const id of ['102', '103']) jira.addIssue({ id, key: `MKT-${id}` });
    const deps = testDeps(jira, store, NOW)();
    expect((await runRefreshPage(deps, VIEWS_JOB)).ok).toBe(true);
    const property = (id: string) => jira.issue(id).properties['flight-plan-forecast'];
    expect([property('101'), property('102'), property('103')]).toEqual([
      { onTime: 'at-risk', onTimeChance: 0 },
      { onTime: 'likely', onTimeChance: 100 },
      { onTime: 'no-date' },
    ]);
    // Due in a week, with a middling chance: the band follows the admin's threshold of 50%.
    const chance104 = storedForecastOf(store.data.get(storageKeys.forecastGroup(forecastGroupOf('104'))), '104')!.onTimeProbability!;
    expect(property('104')).toEqual({ onTime: chance104 < 0.5 ? 'at-risk' : 'possible', onTimeChance: Math.round(chance104 * 20) * 5 });

    // Nothing changed: nothing is written again.
    const writes = () => jira.requests.filter((request) => request.path.includes('/properties/flight-plan-forecast')).length;
    const before = writes();
    expect((await runRefreshPage(deps, VIEWS_JOB)).ok).toBe(true);
    expect(writes()).toBe(before);

    // MKT-101 launches: its property goes.
    jira.issue('101').properties['flight-plan-forecast'] = { onTime: 'at-risk', onTimeChance: 0 };
    await launch101(store);
    expect((await runRefreshPage(deps, VIEWS_JOB)).ok).toBe(true);
    expect(property('101')).toBeUndefined();
    expect(jira.requests.filter((request) => request.method === 'DELETE').map((request) => request.path)).toEqual([
      '/rest/api/3/issue/101/properties/flight-plan-forecast',
    ]);
  });

  it('tries a failed write again on the next refresh', async () => {
    const { jira, store } = world();
    const deps = testDeps(jira, store, NOW)();
    jira.propertyStatus = 503;
    expect((await runRefreshPage(deps, VIEWS_JOB)).ok).toBe(true);
    expect(jira.issue('101').properties['flight-plan-forecast']).toBeUndefined();
    jira.propertyStatus = 200;
    expect((await runRefreshPage(deps, VIEWS_JOB)).ok).toBe(true);
    expect(jira.issue('101').properties['flight-plan-forecast']).toEqual({ onTime: 'at-risk', onTimeChance: 0 });
  });

  it('deletes the property of a request no longer forecast on the next refresh when Jira failed the delete', async () => {
    // The delete was tried once: the request is in no group's forecasts after it, so nothing remembered to try again and
    // JQL kept finding a launched request "at risk".
    const { jira, store } = world();
    const deps = testDeps(jira, store, NOW)();
    expect((await runRefreshPage(deps, VIEWS_JOB)).ok).toBe(true);
    expect(jira.issue('101').properties['flight-plan-forecast']).toEqual({ onTime: 'at-risk', onTimeChance: 0 });
    await launch101(store);
    jira.propertyStatus = 503;
    expect((await runRefreshPage(deps, VIEWS_JOB)).ok).toBe(true);
    expect(jira.issue('101').properties['flight-plan-forecast']).toBeDefined();
    jira.propertyStatus = 200;
    expect((await runRefreshPage(deps, VIEWS_JOB)).ok).toBe(true);
    expect(jira.issue('101').properties['flight-plan-forecast']).toBeUndefined();
    // Deleted, it is forgotten: the refresh after that sends no delete.
    const deletes = () => jira.requests.filter((request) => request.method === 'DELETE').length;
    const before = deletes();
    expect((await runRefreshPage(deps, VIEWS_JOB)).ok).toBe(true);
    expect(deletes()).toBe(before);
  });
});
