import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxProcess, type SandboxProcess } from '../browser/sandbox-server';

/**
 * `POST /sandbox/reset`, which the browser tests call before each test so that none depends on another: the
 * site's issues, the app's storage and secrets, and the clock all go back to where the sandbox started.
 */
describe('the sandbox reset', () => {
  let sandbox: SandboxProcess | undefined;
  beforeAll(async () => {
    sandbox = await startSandboxProcess(['--bare']);
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${sandbox!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const createTask = async (summary: string) => {
    const created = await post('/rest/api/3/issue', { fields: { project: { key: 'BRD' }, issuetype: { name: 'Task' }, summary } });
    expect(created.status).toBe(201);
    return ((await created.json()) as { key: string }).key;
  };
  const crmSecret = async (functionKey: 'crm/webtrigger' | 'crm/rotate-secret') => {
    const answer = await post('/sandbox/invoke', {
      functionKey,
      moduleKey: 'flight-plan-admin',
      extension: { type: 'jira:adminPage' },
    });
    return ((await answer.json()) as { data: { secret: string | null } }).data.secret;
  };
  const clockOffsetHours = async () =>
    ((await (await fetch(`${sandbox!.url}/sandbox/clock`)).json()) as { offsetHours: number }).offsetHours;

  it('puts back the issues, the app storage and the clock as the sandbox started', async () => {
    const first = await createTask('Order plants for the office');
    expect(await crmSecret('crm/webtrigger')).toBeNull();
    expect(await crmSecret('crm/rotate-secret')).toMatch(/\S{20,}/);
    expect((await post('/sandbox/clock', { advanceHours: 48 })).status).toBe(200);
    expect(await clockOffsetHours()).toBe(48);

    expect((await post('/sandbox/reset', {})).status).toBe(204);

    expect((await fetch(`${sandbox!.url}/rest/api/3/issue/${first}`)).status).toBe(404);
    expect(await crmSecret('crm/webtrigger')).toBeNull();
    expect(await clockOffsetHours()).toBe(0);
    // The site's counters went back too: the next issue takes the first one's key again.
    expect(await createTask('Order plants again')).toBe(first);
    // The configuration the routes hold was refilled in place: the project and its issue types still answer.
    expect((await fetch(`${sandbox!.url}/rest/api/3/project/BRD`)).status).toBe(200);
  });
});
