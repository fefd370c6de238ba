import { describe, expect, it } from 'vitest';
import { loadJiraSpec } from '../../scripts/jira-openapi';
import { setUpSite } from './sandbox-site';
import { inSpecShape } from './spec-shape';

/**
 * The sandbox's paged configuration lists, held to the OpenAPI spec: a page holds at most the route's documented
 * default (the spec gives no maximum, and Jira Cloud caps a larger `maxResults`, saying so in the answer), and the `id`
 * filters the spec lists are applied, not ignored.
 */
const { spec } = loadJiraSpec();
const specDefaultPageSize = (template: string): number | undefined => {
  const parameters = (spec.paths[`/rest/api/3${template}`]?.['get']?.parameters ?? []) as {
    name: string;
    schema?: { default?: number };
  }[];
  return parameters.find((parameter) => parameter.name === 'maxResults')?.schema?.default;
};

describe('paged configuration lists', () => {
  it("cap a page at the route's documented default page size, and say so in maxResults", async () => {
    const { call, store } = await setUpSite();
    const mkt = store.data.config.projects.find((project) => project.key === 'MKT')!.id;
    const configurations = await call('GET', '/fieldconfiguration');
    const configurationId = (configurations.body as { values: { id: number }[] }).values[0]!.id;
    const routes: [template: string, query: string][] = [
      ['/fieldconfiguration', ''],
      ['/fieldconfiguration/{id}/fields', ''],
      ['/fieldconfigurationscheme', ''],
      ['/fieldconfigurationscheme/mapping', ''],
      ['/fieldconfigurationscheme/project', `&projectId=${mkt}`],
      ['/issuetypescheme', ''],
      ['/issuetypescheme/project', `&projectId=${mkt}`],
      ['/issuetypescreenscheme', ''],
      ['/issuetypescreenscheme/mapping', ''],
      ['/issuetypescreenscheme/project', `&projectId=${mkt}`],
      ['/screens', ''],
      ['/screenscheme', ''],
      ['/statuses/search', ''],
      ['/workflowscheme', ''],
    ];
    for (const [template, query] of routes) {
      const size = specDefaultPageSize(template);
      expect(size, `${template} has a default page size in the spec`).toBeTypeOf('number');
      const path = template.replace('{id}', String(configurationId));
      const answer = await call('GET', `${path}?maxResults=1000${query}`);
      expect(answer.status, template).toBe(200);
      // The spec's item schema of /fieldconfiguration (FieldConfigurationDetails) is its request body, write-only and
      // without `id`; its own example answer has `id` and `isDefault`, as the sandbox does.
      if (template !== '/fieldconfiguration') inSpecShape('GET', template, answer);
      expect((answer.body as { maxResults: number }).maxResults, template).toBe(size);
      // Asked for fewer, a page holds what was asked.
      expect(((await call('GET', `${path}?maxResults=1${query}`)).body as { maxResults: number }).maxResults, template).toBe(1);
    }
  });

  it('pages a list longer than a page: the next page starts where the first stopped', async () => {
    const { call } = await setUpSite();
    for (let index = 0; index < 60; index++) {
      expect((await call('POST', '/fieldconfiguration', { name: `Configuration ${index}` })).status).toBe(200);
    }
    const first = (await call('GET', '/fieldconfiguration?maxResults=200')).body as { values: unknown[]; total: number; isLast: boolean };
    expect(first.values).toHaveLength(50);
    expect(first.isLast).toBe(false);
    const second = (await call('GET', '/fieldconfiguration?startAt=50')).body as { values: unknown[]; isLast: boolean };
    expect(second.values).toHaveLength(first.total - 50);
    expect(second.isLast).toBe(true);
  });

  it('keeps only the field configurations and schemes the `id` parameters name', async () => {
    const { call } = await setUpSite();
    const created = await Promise.all(
      ['Alpha', 'Beta', 'Gamma'].map(async (name) => (await call('POST', '/fieldconfiguration', { name })).body as { id: number }),
    );
    const [alpha, , gamma] = created.map((configuration) => configuration.id);
    const configurations = await call('GET', `/fieldconfiguration?id=${alpha}&id=${gamma}`);
    expect((configurations.body as { values: { name: string }[] }).values.map((row) => row.name)).toEqual(['Alpha', 'Gamma']);

    const scheme = (await call('POST', '/fieldconfigurationscheme', { name: 'Only this one' })).body as { id: string };
    const schemes = await call('GET', `/fieldconfigurationscheme?id=${scheme.id}`);
    inSpecShape('GET', '/fieldconfigurationscheme', schemes);
    expect((schemes.body as { values: { name: string }[] }).values.map((row) => row.name)).toEqual(['Only this one']);
  });
});
