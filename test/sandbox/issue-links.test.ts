import { describe, expect, it } from 'vitest';
import { userByRole } from '../../sandbox/catalogue';
import type { RestCaller } from '../../sandbox/jira/rest-shapes';
import { REQUIRED_BRIEF, setUpSite } from './sandbox-site';
import { inSpecShape } from './spec-shape';

/**
 * The sandbox's issue links against Atlassian's OpenAPI spec (request bodies are checked by the site's
 * `requestProblem`; answers here with the spec's response schemas) and its issue linking model
 * (https://developer.atlassian.com/cloud/jira/platform/issue-linking-model/).
 */
const EXECUTIVE: RestCaller = { kind: 'user', accountId: userByRole('executive').accountId };

const linkedSite = async () => {
  const site = await setUpSite();
  for (const summary of ['Launch webinar', 'Landing page', 'Press release']) {
    const created = await site.call('POST', '/issue', {
      fields: { project: { key: 'MKT' }, issuetype: { name: 'Marketing Request' }, summary, ...REQUIRED_BRIEF },
    });
    expect(created.status).toBe(201);
  }
  const links = async (key: string) =>
    ((await site.call('GET', `/issue/${key}?fields=issuelinks`)).body as { fields: { issuelinks: Record<string, unknown>[] } }).fields
      .issuelinks;
  const keysOf = async (jql: string) =>
    ((await site.call('POST', '/search/jql', { jql, fields: ['summary'] })).body as { issues: { key: string }[] }).issues.map(
      (issue) => issue.key,
    );
  return { ...site, links, keysOf };
};

describe("the sandbox's issue links", () => {
  it("lists Jira Cloud's default link types in the spec's shape", async () => {
    const { call } = await linkedSite();
    const types = await call('GET', '/issueLinkType');
    inSpecShape('GET', '/issueLinkType', types);
    expect((types.body as { issueLinkTypes: { name: string; inward: string; outward: string }[] }).issueLinkTypes).toContainEqual(
      expect.objectContaining({ id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }),
    );
    const relates = await call('GET', '/issueLinkType/10003');
    inSpecShape('GET', '/issueLinkType/{issueLinkTypeId}', relates);
    expect(relates.body).toMatchObject({ name: 'Relates', inward: 'relates to', outward: 'relates to' });
    expect((await call('GET', '/issueLinkType/99')).status).toBe(404);
  });

  it('records "MKT-1 blocks MKT-2" from outwardIssue to inwardIssue, and shows it on both issues', async () => {
    const { call, links } = await linkedSite();
    const made = await call('POST', '/issueLink', {
      type: { name: 'Blocks' },
      outwardIssue: { key: 'MKT-1' },
      inwardIssue: { key: 'MKT-2' },
    });
    expect(made).toEqual({ status: 201 });

    // On the blocked issue the entry names the blocker as `inwardIssue` (labelled "is blocked by"); on the blocker, `outwardIssue`.
    const [onBlocked] = await links('MKT-2');
    expect(onBlocked).toMatchObject({
      type: { name: 'Blocks', inward: 'is blocked by' },
      inwardIssue: { key: 'MKT-1', fields: { summary: 'Launch webinar', status: { name: 'Intake' } } },
    });
    expect(onBlocked).not.toHaveProperty('outwardIssue');
    const [onBlocker] = await links('MKT-1');
    expect(onBlocker).toMatchObject({ id: onBlocked!['id'], outwardIssue: { key: 'MKT-2' } });
    expect(await links('MKT-3')).toEqual([]);

    // A change of both issues, as Jira records it: a Link entry in each one's history, read from its side.
    const history = (await call('GET', '/issue/MKT-2?expand=changelog')).body as { changelog: { histories: { items: unknown[] }[] } };
    expect(history.changelog.histories.at(-1)?.items).toEqual([
      expect.objectContaining({ field: 'Link', to: 'MKT-1', toString: 'This issue is blocked by MKT-1' }),
    ]);

    const link = await call('GET', `/issueLink/${String(onBlocked!['id'])}`);
    inSpecShape('GET', '/issueLink/{linkId}', link);
    expect(link.body).toMatchObject({ outwardIssue: { key: 'MKT-1' }, inwardIssue: { key: 'MKT-2' } });
  });

  it('answers a repeated link 201 without making a second, and puts the comment on the outward issue', async () => {
    const { call, links } = await linkedSite();
    const body = { type: { id: '10000' }, outwardIssue: { key: 'MKT-1' }, inwardIssue: { key: 'MKT-2' } };
    await call('POST', '/issueLink', body);
    const comment = {
      body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Blocks the launch' }] }] },
    };
    expect(await call('POST', '/issueLink', { ...body, comment })).toEqual({ status: 201 });
    expect(await links('MKT-2')).toHaveLength(1);
    const comments = (await call('GET', '/issue/MKT-1/comment')).body as { comments: { body: unknown }[] };
    expect(comments.comments.map((entry) => entry.body)).toEqual([comment.body]);
  });

  it('refuses as Jira does: an issue or a type that does not exist, and a caller who may not link issues', async () => {
    const { call, links } = await linkedSite();
    const link = (outward: string, inward: string, type: unknown = { name: 'Blocks' }, caller?: RestCaller) =>
      call('POST', '/issueLink', { type, outwardIssue: { key: outward }, inwardIssue: { key: inward } }, caller);
    expect((await link('MKT-1', 'MKT-99')).status).toBe(404);
    expect((await link('MKT-1', 'MKT-2', { name: 'Depends' })).status).toBe(404);
    expect((await link('MKT-1', 'MKT-2', { name: 'Blocks' }, EXECUTIVE)).status).toBe(404);
    // The body the spec refuses (no inwardIssue) never reaches the links.
    expect((await call('POST', '/issueLink', { type: { name: 'Blocks' }, outwardIssue: { key: 'MKT-1' } })).status).toBe(400);
    expect(await links('MKT-1')).toEqual([]);
  });

  it('deletes a link, and only for a caller who may link issues', async () => {
    const { call, links } = await linkedSite();
    await call('POST', '/issueLink', { type: { name: 'Relates' }, outwardIssue: { key: 'MKT-1' }, inwardIssue: { key: 'MKT-3' } });
    const id = String((await links('MKT-1'))[0]!['id']);
    expect((await call('DELETE', `/issueLink/${id}`, undefined, EXECUTIVE)).status).toBe(404);
    expect(await call('DELETE', `/issueLink/${id}`)).toEqual({ status: 204 });
    expect(await links('MKT-3')).toEqual([]);
    expect((await call('DELETE', `/issueLink/${id}`)).status).toBe(404);
  });

  it("answers JQL on links: linkedIssues(key[, description]) from that issue's side, and issueLinkType", async () => {
    const { call, keysOf } = await linkedSite();
    // MKT-1 blocks MKT-2 and MKT-3; MKT-2 relates to MKT-3.
    await call('POST', '/issueLink', { type: { name: 'Blocks' }, outwardIssue: { key: 'MKT-1' }, inwardIssue: { key: 'MKT-2' } });
    await call('POST', '/issueLink', { type: { name: 'Blocks' }, outwardIssue: { key: 'MKT-1' }, inwardIssue: { key: 'MKT-3' } });
    await call('POST', '/issueLink', { type: { name: 'Relates' }, outwardIssue: { key: 'MKT-2' }, inwardIssue: { key: 'MKT-3' } });

    expect(await keysOf('issue in linkedIssues("MKT-2", "is blocked by")')).toEqual(['MKT-1']);
    expect(await keysOf('issue in linkedIssues(MKT-1, "blocks") ORDER BY key')).toEqual(['MKT-2', 'MKT-3']);
    expect(await keysOf('issue in linkedIssues("MKT-3")')).toEqual(['MKT-1', 'MKT-2']);
    expect(await keysOf('issue not in linkedIssues("MKT-1") AND project = MKT')).toEqual(['MKT-1']);
    expect(await keysOf('issueLinkType = "is blocked by"')).toEqual(['MKT-2', 'MKT-3']);
    expect(await keysOf('issueLinkType in ("blocks")')).toEqual(['MKT-1']);
    expect((await call('POST', '/search/jql', { jql: 'issue in linkedIssues("MKT-42")' })).status).toBe(400);
  });
});
