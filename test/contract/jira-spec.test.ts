import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JIRA_SPEC_FILE, JIRA_SPEC_URL, readJiraSpecText } from '../../scripts/jira-spec';
import { refreshJiraSpec } from '../../scripts/spec-refresh';
import { scratchDir } from '../fakes/scratch-dir';

const ROOT = path.resolve(__dirname, '../..');

describe("the project's copy of Atlassian's Jira OpenAPI spec", () => {
  it('lives inside the project, so a clone with nothing beside it has it', () => {
    expect(path.relative(ROOT, JIRA_SPEC_FILE)).toBe(path.join('spec', 'jira-platform.openapi.json.gz'));
  });

  it('is the Jira Cloud platform REST API v3 spec with its scopes', () => {
    const spec = JSON.parse(readJiraSpecText()) as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-atlassian-oauth2-scopes'?: unknown }>>;
    };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths).length).toBeGreaterThan(300);
    expect(spec.paths['/rest/api/3/issue/{issueIdOrKey}']?.['get']?.['x-atlassian-oauth2-scopes']).toBeDefined();
  });

  it('is refreshed from the URL Atlassian publishes it at (the one the Forge CLI linter downloads)', () => {
    expect(JIRA_SPEC_URL).toBe('https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json');
  });
});

describe('npm run spec:refresh', () => {
  const published = JSON.stringify({
    openapi: '3.0.1',
    info: { version: '1001.0.0-SNAPSHOT-test' },
    paths: { '/rest/api/3/myself': { get: {} }, '/rest/api/3/issue': { post: {} } },
  });
  const answers: Record<string, { status: number; type: string; body: string }> = {
    '/swagger-v3.v3.json': { status: 200, type: 'application/json', body: published },
    '/unavailable': { status: 503, type: 'text/plain', body: 'Service Unavailable' },
    '/maintenance': { status: 200, type: 'text/html', body: '<html>Down for maintenance</html>' },
    '/other-api': {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ openapi: '3.0.1', info: { version: '1' }, paths: { '/wiki/api/v2/pages': { get: {} } } }),
    },
  };
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      const answer = answers[request.url ?? ''] ?? { status: 404, type: 'text/plain', body: 'Not Found' };
      response.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const oldCopy = (): string => {
    const file = path.join(scratchDir('spec-refresh-'), 'jira.openapi.json.gz');
    writeFileSync(file, 'the old copy');
    return file;
  };

  it('writes the published spec gzipped, byte for byte, and says which version it is', async () => {
    const file = oldCopy();
    const refreshed = await refreshJiraSpec(`${base}/swagger-v3.v3.json`, file);
    expect(readJiraSpecText(file)).toBe(published);
    expect(refreshed).toEqual({ version: '1001.0.0-SNAPSHOT-test', operations: 2, bytes: readFileSync(file).length });
  });

  it('keeps the old copy when the download fails or is not the Jira platform spec', async () => {
    const file = oldCopy();
    await expect(refreshJiraSpec(`${base}/unavailable`, file)).rejects.toThrow(
      `${base}/unavailable answered 503 Service Unavailable; the project's copy is unchanged`,
    );
    await expect(refreshJiraSpec(`${base}/maintenance`, file)).rejects.toThrow('the answer is not JSON');
    await expect(refreshJiraSpec(`${base}/other-api`, file)).rejects.toThrow('the document has no /rest/api/3/ operations');
    await expect(refreshJiraSpec('http://127.0.0.1:1/swagger-v3.v3.json', file)).rejects.toThrow(
      /^could not reach http:\/\/127\.0\.0\.1:1\/swagger-v3\.v3\.json \(.+\); the project's copy is unchanged$/,
    );
    expect(readFileSync(file, 'utf8')).toBe('the old copy');
  });
});
