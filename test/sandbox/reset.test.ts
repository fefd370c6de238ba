import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxProcess, type SandboxProcess } from '../browser/sandbox-server';

/**
 * `POST /sandbox/reset`, which the browser tests call before each test so that none depends on another: the
 * site's issues, the app's storage and secrets, and the clock all go back to where the sandbox started.
 */
/** What the tests ask of a running sandbox, given its address. */
const sandboxCalls = (url: () => string) => {
  const post = (path: string, body: unknown) =>
    fetch(`${url()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  /** The admin page's call that reads (`crm/webtrigger`) or makes (`crm/rotate-secret`) the web trigger's secret. */
  const crmSecret = async (functionKey: 'crm/webtrigger' | 'crm/rotate-secret') => {
    const answer = await post('/sandbox/invoke', {
      functionKey,
      moduleKey: 'flight-plan-admin',
      extension: { type: 'jira:adminPage' },
    });
    return ((await answer.json()) as { data: { secret: string | null } }).data.secret;
  };
  return { post, crmSecret };
};

describe('the sandbox reset', () => {
  let sandbox: SandboxProcess | undefined;
  beforeAll(async () => {
    sandbox = await startSandboxProcess(['--bare']);
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  const { post, crmSecret } = sandboxCalls(() => sandbox!.url);
  const createTask = async (summary: string) => {
    const created = await post('/rest/api/3/issue', { fields: { project: { key: 'BRD' }, issuetype: { name: 'Task' }, summary } });
    expect(created.status).toBe(201);
    return ((await created.json()) as { key: string }).key;
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

describe('the sandbox reset, with a request still being handled', () => {
  let sandbox: SandboxProcess | undefined;
  beforeAll(async () => {
    // Each app storage call takes 300 ms, as real I/O takes time: a resolver call is still running when the reset comes.
    process.env['SANDBOX_KVS_LATENCY_MS'] = '300';
    try {
      sandbox = await startSandboxProcess(['--bare']);
    } finally {
      delete process.env['SANDBOX_KVS_LATENCY_MS'];
    }
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  const { post, crmSecret } = sandboxCalls(() => sandbox!.url);

  it('waits for it, so that nothing from before the reset is written into the restored site', async () => {
    // A page closed while its call runs (the test before) leaves the call running on the server.
    const rotating = crmSecret('crm/rotate-secret');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await post('/sandbox/reset', {})).status).toBe(204);
    // The call had finished before the site was put back: its secret went with the rest.
    expect(await rotating).toMatch(/\S{20,}/);
    expect(await crmSecret('crm/webtrigger')).toBeNull();
  }, 30_000);
});

describe('the sandbox as npm start runs it', () => {
  it('keeps no copy of its start, and says so when asked to reset', async () => {
    const sandbox = await startSandboxProcess(['--bare'], { resettable: false });
    try {
      const answer = await fetch(`${sandbox.url}/sandbox/reset`, { method: 'POST' });
      expect(answer.status).toBe(404);
      expect(((await answer.json()) as { message: string }).message).toContain('--resettable');
    } finally {
      await sandbox.stop();
    }
  }, 60_000);
});
