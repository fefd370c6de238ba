import { describe, expect, it } from 'vitest';
import { userByRole } from '../../sandbox/catalogue';
import { setupDepsOnSite } from '../../sandbox/seed';
import { checkGadgetJql, loadHealthGadget, projectChoices } from '../../src/use-cases/gadgets';
import { MemoryStore } from '../fakes/memory-store';
import { setUpSite, SITE_NOW } from '../sandbox/sandbox-site';

const VIEWER = userByRole('requester').accountId;

/**
 * A gadget's edit view asks Jira, as the viewer, which projects they may pick and whether a JQL query
 * runs, before it saves (issue 15: a bad key or query saved breaks the gadget for every viewer). Against
 * the sandbox site, whose every request is checked against Atlassian's OpenAPI spec.
 */
describe("a gadget's edit view", () => {
  const viewerDeps = async () => {
    const site = await setUpSite();
    const store = new MemoryStore();
    const { jira } = setupDepsOnSite(site.jira, VIEWER, store, SITE_NOW);
    return { site, deps: { jira, jiraAsUser: jira, store, now: SITE_NOW } };
  };

  it('offers the projects Jira lists for the viewer, by key or name, each named', async () => {
    const { deps } = await viewerDeps();
    const all = await projectChoices(deps, '');
    expect(all.ok && all.value).toContainEqual({ key: 'MKT', name: expect.any(String) as string });
    const byName = await projectChoices(deps, 'market');
    expect(byName.ok && byName.value.map((project) => project.key)).toEqual(['MKT']);
    const none = await projectChoices(deps, 'no such project');
    expect(none.ok && none.value).toEqual([]);
  });

  it("checks JQL with Jira's parse: a query that runs has no problems; a bad one has Jira's own words", async () => {
    const { deps } = await viewerDeps();
    expect(await checkGadgetJql(deps, 'project = MKT ORDER BY created DESC')).toEqual({ ok: true, value: { problems: [] } });
    expect(await checkGadgetJql(deps, 'project = NOPE')).toEqual({
      ok: true,
      value: { problems: ["The value 'NOPE' does not exist for the field 'project'."] },
    });
    expect(await checkGadgetJql(deps, 'universe = 42')).toEqual({
      ok: true,
      value: { problems: ["Field 'universe' does not exist or you do not have permission to view it."] },
    });
    const unclosed = await checkGadgetJql(deps, 'project = "MKT');
    expect(unclosed.ok && unclosed.value.problems).toHaveLength(1);
  });

  it("says a saved query Jira refuses in Jira's words, never the REST path or status", async () => {
    const { deps } = await viewerDeps();
    const answer = await loadHealthGadget(deps, VIEWER, { jql: 'universe = 42' });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'GADGET.BAD_JQL',
        message: "Jira could not run the gadget's JQL: Field 'universe' does not exist or you do not have permission to view it.",
      },
    });
  });
});
