import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { acceptedWorkJql, currentTeamLoad, routedAssignee } from '../../src/use-cases/team-load';
import { APP_FIELD_IDS, userByRole } from '../../sandbox/catalogue';
import { jiraApiOn, setUpSite, SITE_NOW } from '../sandbox/sandbox-site';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { storageKeys } from '../../src/use-cases/ports';
import { completeRecord, config } from '../fakes/fixtures';
import { MemoryStore } from '../fakes/memory-store';

const BUILDER = userByRole('builder').accountId;
const OPS = userByRole('ops-lead').accountId;
const COMPLIANCE = userByRole('compliance').accountId;

/**
 * MKT set up on a sandbox site (every search checked against Jira's spec) with requests assigned as given: `[assignee,
 * status, Effort]`.
 */
const siteWith = async (requests: readonly (readonly [string | null, string, number | null])[]) => {
  const site = await setUpSite();
  for (const [index, [assignee, status, effort]] of requests.entries()) {
    await site.call('POST', '/issue', {
      fields: { project: { key: 'MKT' }, issuetype: { name: 'Marketing Request' }, summary: `Request ${index + 1}` },
    });
    const issue = site.jira.find(`MKT-${index + 1}`)!;
    issue.assigneeId = assignee;
    issue.statusId = site.store.data.config.statuses.find((candidate) => candidate.name === status)!.id;
    if (effort !== null) issue.custom[APP_FIELD_IDS.effort] = effort;
  }
  const jira = jiraApiOn(site.jira, { kind: 'app' });
  return { site, jira };
};

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
    const team = await currentTeamLoad(jira, DEFAULT_CONFIG);
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
    expect(await routedAssignee(jira, DEFAULT_CONFIG, rule)).toEqual({ assigneeId: OPS, problem: null });
    // A rule with one person needs no loads: it is that person.
    expect(await routedAssignee(jira, DEFAULT_CONFIG, { assetType: 'email', assigneeId: BUILDER })).toEqual({
      assigneeId: BUILDER,
      problem: null,
    });
    // Nobody else has work: the one who has none gets it.
    expect((await routedAssignee(jira, DEFAULT_CONFIG, { ...rule, alternates: [OPS, COMPLIANCE] })).assigneeId).toBe(COMPLIANCE);
  });

  it("falls back to the rule's first person, saying why, when Jira cannot answer", async () => {
    const { jira } = await siteWith([]);
    const failing = {
      ...jira,
      searchIssues: async () => ({ ok: false as const, error: { code: 'JIRA.UNAVAILABLE' as const, message: 'Jira did not answer' } }),
    };
    expect(await routedAssignee(failing, DEFAULT_CONFIG, { assigneeId: BUILDER, alternates: [OPS] })).toEqual({
      assigneeId: BUILDER,
      problem: "the team's loads could not be read (Jira did not answer)",
    });
  });

  it("routes a triage lead's Accept in the panel to the least loaded of the people the rule names", async () => {
    const { site, jira } = await siteWith([
      [BUILDER, 'Build', 5],
      [null, 'Triage', 2],
    ]);
    const request = site.jira.find('MKT-2')!;
    request.assigneeId = userByRole('requester').accountId;
    const store = new MemoryStore();
    const { triage: _undecided, ...record } = completeRecord('revenue');
    store.data.set(storageKeys.record(request.id), { ...record, issueId: request.id });
    const routing = [{ assetType: 'email', assigneeId: BUILDER, alternates: [OPS] }];
    store.data.set(storageKeys.config, {
      schemaVersion: CURRENT_CONFIG_VERSION,
      revision: 1,
      config: config({ roles: { ...config().roles, triageLeads: [COMPLIANCE] }, routing }),
    });
    const deps = () => ({ jira, jiraAsUser: jira, store, now: SITE_NOW });
    const answer = await panelHandlers(deps)['triage/decide']({
      payload: { expectedRevision: 0, decision: 'accept' },
      context: { accountId: COMPLIANCE, extension: { type: 'jira:issuePanel', issue: { id: request.id, key: 'MKT-2' } } },
    });
    if (!answer.ok) throw new Error(JSON.stringify(answer));
    expect(answer.data.warnings).toEqual([]);
    // Blake has 5 × 2/3 ahead, Morgan nothing: Morgan gets it.
    expect(request.assigneeId).toBe(OPS);
  });
});
