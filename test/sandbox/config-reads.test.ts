import { describe, expect, it } from 'vitest';
import { userByRole } from '../../sandbox/catalogue';
import { DEMO_PEOPLE, type SitePeople } from '../../sandbox/jira/people';
import type { RestCaller } from '../../sandbox/jira/rest-shapes';
import { sandboxSite } from './sandbox-site';
import { inSpecShape } from './spec-shape';

/**
 * The sandbox's answers to the reads the gadget edit view and Set up project make, held to Atlassian's OpenAPI spec:
 * the answer's shape (its response schema) and the rules its description states. A new site has MKT and BRD
 * (company-managed) and SOC (team-managed).
 */
const EXECUTIVE: RestCaller = { kind: 'user', accountId: userByRole('executive').accountId };

describe('GET /project/search, as "Get projects paginated" says', () => {
  const keysOf = (answer: { body?: unknown }) => (answer.body as { values: { key: string }[] }).values.map((project) => project.key);

  it('pages with startAt and maxResults, and says where the next page is', async () => {
    const { call } = sandboxSite();
    const first = await call('GET', '/project/search?maxResults=2');
    inSpecShape('GET', '/project/search', first);
    expect(first.body).toMatchObject({ startAt: 0, maxResults: 2, total: 3, isLast: false });
    expect(keysOf(first)).toEqual(['BRD', 'MKT']);
    const next = new URL((first.body as { nextPage: string }).nextPage);
    const second = await call('GET', `/project/search${next.search}`);
    inSpecShape('GET', '/project/search', second);
    expect(second.body).toMatchObject({ startAt: 2, maxResults: 2, total: 3, isLast: true });
    expect(second.body).not.toHaveProperty('nextPage');
    expect(keysOf(second)).toEqual(['SOC']);
    // "If a value greater than 100 is provided, the maxResults parameter will default to 100."
    expect((await call('GET', '/project/search?maxResults=500')).body).toMatchObject({ maxResults: 100 });
  });

  it('keeps only the projects the caller may act on as `action` asks, by the permissions the spec names', async () => {
    const { call } = sandboxSite();
    // The executive browses every project but may create issues in none, and does not administer Jira.
    expect(keysOf(await call('GET', '/project/search', undefined, EXECUTIVE))).toEqual(['BRD', 'MKT', 'SOC']);
    expect(keysOf(await call('GET', '/project/search?action=browse', undefined, EXECUTIVE))).toEqual(['BRD', 'MKT', 'SOC']);
    expect(keysOf(await call('GET', '/project/search?action=create', undefined, EXECUTIVE))).toEqual([]);
    expect(keysOf(await call('GET', '/project/search?action=edit', undefined, EXECUTIVE))).toEqual([]);
    expect(keysOf(await call('GET', '/project/search?action=edit'))).toEqual(['BRD', 'MKT', 'SOC']);
    expect((await call('GET', '/project/search?action=delete')).status).toBe(400);
  });

  it('counts a project administrator of one project (Administer projects there) for view and edit, not for browse', async () => {
    const brandLead = userByRole('requester');
    const brdId = () => store.data.config.projects.find((project) => project.key === 'BRD')!.id;
    // Holds Administer projects on BRD only, and nothing else: no Browse projects, no Administer Jira.
    const people: SitePeople = {
      ...DEMO_PEOPLE,
      holds: (_, permission, target) => permission === 'ADMINISTER_PROJECTS' && target?.projectId === brdId(),
    };
    const { call, store } = sandboxSite({ people });
    const asBrandLead: RestCaller = { kind: 'user', accountId: brandLead.accountId };
    expect(keysOf(await call('GET', '/project/search', undefined, asBrandLead))).toEqual(['BRD']);
    expect(keysOf(await call('GET', '/project/search?action=edit', undefined, asBrandLead))).toEqual(['BRD']);
    expect(keysOf(await call('GET', '/project/search?action=browse', undefined, asBrandLead))).toEqual([]);
  });
});

describe('POST /jql/parse, in the spec shape', () => {
  it('answers a good query, one with an error and one with a warning as ParsedJqlQueries', async () => {
    const { call } = sandboxSite();
    const answer = await call('POST', '/jql/parse?validation=strict', {
      queries: ['project = MKT ORDER BY created DESC', 'project = = MKT', 'project = NOPE'],
    });
    inSpecShape('POST', '/jql/parse', answer);
    const queries = (answer.body as { queries: { errors?: string[]; warnings?: string[] }[] }).queries;
    expect(queries[0]).not.toHaveProperty('errors');
    expect(queries[1]?.errors).toHaveLength(1);
    expect(queries[2]?.warnings).toEqual(["The value 'NOPE' does not exist for the field 'project'."]);
  });

  it('needs validation (strict, warn or none, required by the spec), and with none checks nothing', async () => {
    const { call } = sandboxSite();
    const queries = { queries: ['project = = MKT'] };
    expect((await call('POST', '/jql/parse', queries)).status).toBe(400);
    expect((await call('POST', '/jql/parse?validation=loose', queries)).status).toBe(400);
    const unchecked = await call('POST', '/jql/parse?validation=none', queries);
    expect(unchecked.body).toEqual({ queries: [{ query: 'project = = MKT' }] });
  });
});

describe('GET /fieldconfigurationscheme/project, as "Get field configuration schemes for projects" says', () => {
  it('needs projectId, and lists classic projects only: a team-managed project is in no row', async () => {
    const { call, store } = sandboxSite();
    const idOf = (key: string) => store.data.config.projects.find((project) => project.key === key)!.id;
    expect((await call('GET', '/fieldconfigurationscheme/project')).status).toBe(400);
    const answer = await call('GET', `/fieldconfigurationscheme/project?projectId=${idOf('MKT')}&projectId=${idOf('SOC')}`);
    inSpecShape('GET', '/fieldconfigurationscheme/project', answer);
    expect((answer.body as { values: unknown[] }).values).toEqual([{ projectIds: [idOf('MKT')] }]);
  });
});
