import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RoutingRule } from '../../src/domain/app-config';
import type { JiraApi } from '../../src/use-cases/jira-port';
import { acceptedWorkJql, currentTeamLoad, MAX_LOAD_REQUESTS, routingOrder } from '../../src/use-cases/team-load';
import { APP_FIELD_IDS, userByRole } from '../../sandbox/catalogue';
import type { JiraSite } from '../../sandbox/jira/rest';
import { jiraApiOn, REQUIRED_BRIEF, setUpSite, SITE_NOW } from '../sandbox/sandbox-site';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { storageKeys } from '../../src/use-cases/ports';
import { completeRecord, config } from '../fakes/fixtures';
import { MemoryStore } from '../fakes/memory-store';

const BUILDER = userByRole('builder').accountId;
const OPS = userByRole('ops-lead').accountId;
const COMPLIANCE = userByRole('compliance').accountId;
const REQUESTER = userByRole('requester').accountId;

/**
 * MKT set up on a sandbox site (every search checked against Jira's spec) with requests assigned as given: `[assignee,
 * status, Effort]`.
 */
const siteWith = async (requests: readonly (readonly [string | null, string, number | null])[]) => {
  const site = await setUpSite();
  for (const [index, [assignee, status, effort]] of requests.entries()) {
    await site.call('POST', '/issue', {
      fields: { project: { key: 'MKT' }, issuetype: { name: 'Marketing Request' }, summary: `Request ${index + 1}`, ...REQUIRED_BRIEF },
    });
    const issue = site.jira.find(`MKT-${index + 1}`)!;
    issue.assigneeId = assignee;
    issue.statusId = site.store.data.config.statuses.find((candidate) => candidate.name === status)!.id;
    if (effort !== null) issue.custom[APP_FIELD_IDS.effort] = effort;
  }
  const jira = jiraApiOn(site.jira, { kind: 'app' });
  return { site, jira };
};

/** The routing order of a rule on the site, for a request filed by `reporterId`, its Effort read by the site's field id. */
const orderFor = (jira: JiraApi, rule: RoutingRule, reporterId: string | null = null) =>
  routingOrder(jira, DEFAULT_CONFIG, rule, { reporterId, effortFieldId: APP_FIELD_IDS.effort });

describe("the team's load, read from Jira", () => {
  it('adds up each person’s accepted requests by Effort and the stages still ahead, with their names', async () => {
    const { jira } = await siteWith([
      [BUILDER, 'Build', 4], // 4 × 2/3
      [BUILDER, 'QA + Governance', 2], // 2 × 1/3
      [OPS, 'Planning', null], // unscored: 3
      [COMPLIANCE, 'Triage', 5], // not accepted yet
      [null, 'Build', 5], // nobody's
      [COMPLIANCE, 'Launch', 5], // launched
    ]);
    const team = await currentTeamLoad(jira, DEFAULT_CONFIG, APP_FIELD_IDS.effort);
    expect(team.ok && team.value.loads).toEqual([
      { accountId: BUILDER, load: 3.3, requests: 2 },
      { accountId: OPS, load: 3, requests: 1 },
    ]);
    expect(team.ok && team.value.names.get(BUILDER)).toBe(userByRole('builder').displayName);
  });

  it('asks only for the people a rule names when routing, and gives the request to the least loaded', async () => {
    const { jira } = await siteWith([
      [BUILDER, 'Build', 4],
      [OPS, 'QA + Governance', 2],
    ]);
    expect(acceptedWorkJql(DEFAULT_CONFIG, [BUILDER, OPS])).toBe(
      `(issuetype = "Marketing Request") AND status in ("Planning", "Build", "QA + Governance") AND assignee in ("${BUILDER}", "${OPS}") ORDER BY created ASC`,
    );
    const rule = { assetType: 'email', assigneeId: BUILDER, alternates: [OPS] };
    expect(await orderFor(jira, rule)).toEqual({
      candidates: [OPS, BUILDER],
      problem: null,
    });
    // A rule with one person needs no loads: it is that person.
    expect(await orderFor(jira, { assetType: 'email', assigneeId: BUILDER })).toEqual({
      candidates: [BUILDER],
      problem: null,
    });
    // Nobody else has work: the one who has none comes first.
    expect((await orderFor(jira, { ...rule, alternates: [OPS, COMPLIANCE] })).candidates[0]).toBe(COMPLIANCE);
    // The requester is never a candidate for their own request.
    expect((await orderFor(jira, { ...rule, alternates: [OPS, COMPLIANCE] }, COMPLIANCE)).candidates).toEqual([OPS, BUILDER]);
  });

  it('falls back to the order the rule names people in, saying why in plain words, when Jira cannot answer', async () => {
    const { jira } = await siteWith([]);
    const failing = {
      ...jira,
      searchIssues: async () => ({ ok: false as const, error: { code: 'JIRA.UNAVAILABLE' as const, message: 'Jira did not answer' } }),
    };
    expect(await orderFor(failing, { assigneeId: BUILDER, alternates: [OPS] })).toEqual({
      candidates: [BUILDER, OPS],
      problem: "the team's loads could not be read",
    });
  });

  /** A triage lead accepts MKT-2 (filed by the requester) in the panel, with one routing rule for its email asset. */
  const acceptInPanel = async (
    rule: { assigneeId: string; alternates?: string[] },
    setUp: (request: NonNullable<ReturnType<JiraSite['find']>>) => void = () => undefined,
  ) => {
    const { site, jira } = await siteWith([
      [BUILDER, 'Build', 5],
      [null, 'Triage', 2],
    ]);
    const request = site.jira.find('MKT-2')!;
    request.reporterId = REQUESTER;
    setUp(request);
    const searches: unknown[] = [];
    const handle = site.jira.handle.bind(site.jira);
    site.jira.handle = (asked) => {
      if (asked.path.endsWith('/search/jql')) searches.push(asked.body);
      return handle(asked);
    };
    const store = new MemoryStore();
    const { triage: _undecided, ...record } = completeRecord('revenue');
    store.data.set(storageKeys.record(request.id), { ...record, issueId: request.id });
    store.data.set(storageKeys.config, {
      schemaVersion: CURRENT_CONFIG_VERSION,
      revision: 1,
      config: config({ roles: { ...config().roles, triageLeads: [COMPLIANCE] }, routing: [{ assetType: 'email', ...rule }] }),
    });
    const deps = () => ({ jira, jiraAsUser: jira, store, now: SITE_NOW });
    const context = { accountId: COMPLIANCE, extension: { type: 'jira:issuePanel', issue: { id: request.id, key: 'MKT-2' } } };
    // The lead decides on the scores the panel shows.
    const shown = await panelHandlers(deps)['record/get']({ payload: {}, context });
    if (!shown.ok) throw new Error(JSON.stringify(shown));
    const answer = await panelHandlers(deps)['triage/decide']({
      payload: { expectedRevision: 0, decision: 'accept', scores: shown.data.facts.scores },
      context,
    });
    if (!answer.ok) throw new Error(JSON.stringify(answer));
    return { warnings: answer.data.warnings, request, searches };
  };

  it("routes a triage lead's Accept in the panel to the least loaded of the people the rule names", async () => {
    const { warnings, request } = await acceptInPanel({ assigneeId: BUILDER, alternates: [OPS] }, (issue) => {
      issue.assigneeId = REQUESTER;
    });
    expect(warnings).toEqual([]);
    // Blake has 5 × 2/3 ahead, Morgan nothing: Morgan gets it.
    expect(request.assigneeId).toBe(OPS);
  });

  it("reads for the loads only the four fields they need, Effort by the id the request's own schema gives", async () => {
    const { request, searches } = await acceptInPanel({ assigneeId: BUILDER, alternates: [OPS] });
    expect(request.assigneeId).toBe(OPS);
    expect(searches).toEqual([
      {
        jql: acceptedWorkJql(DEFAULT_CONFIG, [BUILDER, OPS]),
        fields: ['assignee', 'status', 'project', APP_FIELD_IDS.effort],
        maxResults: 1000,
      },
    ]);
    // Effort read that way weighs: one request each, Blake's of Effort 1 and Morgan's of Effort 5.
    const { jira } = await siteWith([
      [BUILDER, 'Build', 1],
      [OPS, 'Build', 5],
    ]);
    const rule = { assigneeId: OPS, alternates: [BUILDER] };
    expect((await orderFor(jira, rule)).candidates).toEqual([BUILDER, OPS]);
  });

  it('skips a person Jira will not assign (a departed account) for the next least loaded, saying so by name', async () => {
    const { warnings, request } = await acceptInPanel({ assigneeId: BUILDER, alternates: ['acc-departed-person'] });
    // The departed account has no load, so it comes first; Jira refuses it, and Blake gets the request.
    expect(request.assigneeId).toBe(BUILDER);
    expect(warnings).toEqual([
      `accepted, but Jira would not let it be assigned to someone no longer on this site, so it went to ${userByRole('builder').displayName}`,
    ]);
    expect(warnings.join(' ')).not.toMatch(/acc-|\/rest\/|issue\//);
  });

  it('never gives a request to its own requester, however free they are', async () => {
    const { warnings, request } = await acceptInPanel({ assigneeId: BUILDER, alternates: [REQUESTER] });
    // The requester has no load at all, Blake has some: Blake gets it all the same.
    expect(request.assigneeId).toBe(BUILDER);
    expect(warnings).toEqual([]);
    const alone = await acceptInPanel({ assigneeId: REQUESTER });
    expect(alone.request.assigneeId).toBeNull();
    expect(alone.warnings).toEqual([
      'accepted, but not routed: the routing rules name only its requester, and nobody is given their own request',
    ]);
  });
});

describe('a load over more requests than one search answers', () => {
  it('counts every accepted request past the first 1,000, so a busier person is not taken for a free one', async () => {
    // 1,000 old requests of Blake's in QA (a third of Effort 1 each) and 70 newer ones of Morgan's in Planning (Effort 5).
    const { jira } = await siteWith([
      ...Array.from({ length: 1000 }, () => [BUILDER, 'QA + Governance', 1] as const),
      ...Array.from({ length: 70 }, () => [OPS, 'Planning', 5] as const),
    ]);
    const team = await currentTeamLoad(jira, DEFAULT_CONFIG, APP_FIELD_IDS.effort, [BUILDER, OPS]);
    expect(team.ok && team.value).toMatchObject({
      loads: [
        { accountId: OPS, load: 350, requests: 70 },
        { accountId: BUILDER, load: 333.3, requests: 1000 },
      ],
      cutShort: false,
    });
    expect((await orderFor(jira, { assigneeId: OPS, alternates: [BUILDER] })).candidates).toEqual([BUILDER, OPS]);
  }, 120_000);

  it('says when it was cut short at its bound, rather than answer a silently low load', async () => {
    const { jira } = await siteWith([
      ...Array.from({ length: MAX_LOAD_REQUESTS }, () => [BUILDER, 'QA + Governance', 1] as const),
      [OPS, 'Planning', 5],
    ]);
    const team = await currentTeamLoad(jira, DEFAULT_CONFIG, APP_FIELD_IDS.effort, [BUILDER, OPS]);
    expect(team.ok && team.value.cutShort).toBe(true);
    expect(await orderFor(jira, { assigneeId: OPS, alternates: [BUILDER] })).toEqual({
      candidates: [OPS, BUILDER],
      problem: 'the loads count only the 3,000 oldest accepted requests of the people it names, so they may be low',
    });
  }, 120_000);
});
