import { describe, expect, it } from 'vitest';
import { createJiraApi } from '../../src/adapters/jira-api';
import { createJiraClient, SYNC_FUNCTION_POLICY } from '../../src/adapters/jira-client';
import {
  campaignStorageKey,
  CRM_POST_OUTPUTS,
  MAX_POSTED_CAMPAIGNS,
  MAX_REMEMBERED_DELIVERIES,
} from '../../src/contracts/crm-figures.schema';
import { adminHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { receiveCrmPost, signatureOf, type WebTriggerRequest } from '../../src/use-cases/crm-webtrigger';
import { CRM_WEBTRIGGER_SECRET, MAX_VALUE_BYTES, serializedSize, storageKeys, type SecretStore } from '../../src/use-cases/ports';
import { readManifest } from '../../sandbox/app-host';
import { userByRole } from '../../sandbox/catalogue';
import { siteTransport } from '../../sandbox/seed';
import { MemoryStore } from '../fakes/memory-store';
import { sandboxSite, SITE_NOW } from '../sandbox/sandbox-site';

const NOW = SITE_NOW;
const SECRET = 'a'.repeat(64);

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return Promise.resolve(this.values.get(key));
  }
  async set(key: string, value: string) {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

const setup = () => {
  const store = new MemoryStore();
  const secrets = new MemorySecrets();
  secrets.values.set(CRM_WEBTRIGGER_SECRET, SECRET);
  const post = (request: WebTriggerRequest, now = NOW) => receiveCrmPost({ store, secrets, now }, request);
  const last = () => (store.data.get(storageKeys.crmDeliveries) as { last?: { accepted: boolean; message: string } } | undefined)?.last;
  return { store, secrets, post, last };
};

const body = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    delivery: 'wf-000001',
    sentAt: '2026-06-10T11:58:00Z',
    figures: [
      { campaign: 'spring-webinar', date: '2026-06-09', leads: 412, pipeline: 300_000 },
      { campaign: 'q3-launch', date: '2026-06-08', mqls: 12 },
    ],
    ...overrides,
  });
/** A post as Forge hands it to the function: raw body, headers as arrays, in whatever case the sender wrote them. */
const signed = (text: string, secret = SECRET): WebTriggerRequest => ({
  method: 'POST',
  body: text,
  headers: { 'Content-Type': ['application/json'], 'X-Flight-Plan-Signature': [signatureOf(secret, text)] },
});

describe('the CRM web trigger', () => {
  it('keeps the figures of a post signed with the site secret, as the import does, and marks the Outcomes view stale', async () => {
    const { store, post, last } = setup();
    expect(await post(signed(body()))).toEqual({
      output: 'accepted',
      message: 'Delivery wf-000001: 2 campaigns written, 2 new dates, 0 changed',
    });
    expect(store.data.get(campaignStorageKey('spring-webinar'))).toEqual({
      campaign: 'spring-webinar',
      revision: 1,
      entries: [
        { date: '2026-06-09', values: { leads: 412, pipeline: 300_000 }, source: 'Web trigger', at: NOW.toISOString(), manual: false },
      ],
    });
    expect(await store.committedRevisions([campaignStorageKey('spring-webinar')])).toEqual(
      new Map([[campaignStorageKey('spring-webinar'), 1]]),
    );
    expect(last()).toMatchObject({ accepted: true });
    // The mark cached Outcomes views over many campaigns compare, committed with the figures.
    expect(store.data.get(storageKeys.campaignFiguresWritten)).toBe(`${NOW.toISOString()} ${campaignStorageKey('q3-launch')} 1`);
  });

  it('writes a post of the most campaigns it takes, with the figures mark, in one transaction of 25 operations', async () => {
    const { store, post } = setup();
    const figures = Array.from({ length: MAX_POSTED_CAMPAIGNS }, (_, i) => ({ campaign: `c-${String(i)}`, date: '2026-06-01', leads: i }));
    expect(await post(signed(body({ figures })))).toMatchObject({ output: 'accepted' });
    expect(store.data.get(campaignStorageKey(`c-${String(MAX_POSTED_CAMPAIGNS - 1)}`))).toMatchObject({ revision: 1 });
    expect(store.data.has(storageKeys.campaignFiguresWritten)).toBe(true);
  });

  it('refuses a bad or missing signature, and a body changed after signing, writing nothing', async () => {
    const { store, post } = setup();
    const text = body();
    for (const request of [
      signed(text, 'b'.repeat(64)),
      { ...signed(text), headers: {} },
      { ...signed(text), body: text.replace('412', '999') },
      { ...signed(text), headers: { 'x-flight-plan-signature': ['sha256=00'] } },
    ]) {
      expect(await post(request)).toMatchObject({ output: 'unsigned' });
    }
    expect(store.writes).toBe(0);
  });

  it('refuses a replay: the same delivery again, or a post sent more than five minutes ago; the figures stay as they were', async () => {
    const { store, post, last } = setup();
    const request = signed(body());
    expect((await post(request)).output).toBe('accepted');
    const figures = store.data.get(campaignStorageKey('spring-webinar'));
    expect(await post(request)).toEqual({ output: 'replayed', message: 'Delivery wf-000001 was already received; a post is kept once' });
    expect(last()).toMatchObject({ accepted: false, message: 'Delivery wf-000001 was already received; a post is kept once' });
    expect((await post(signed(body({ delivery: 'wf-000002', sentAt: '2026-06-10T11:54:59Z' })))).output).toBe('stale');
    // A second past the window is stale too, from the future (a clock ahead).
    expect((await post(signed(body({ delivery: 'wf-000002', sentAt: '2026-06-10T12:05:01Z' })))).output).toBe('stale');
    expect(store.data.get(campaignStorageKey('spring-webinar'))).toEqual(figures);
    // Once its sentAt is past the window, a delivery is forgotten: the list stays bounded.
    const later = new Date(NOW.getTime() + 6 * 60_000);
    expect((await post(signed(body({ delivery: 'wf-000003', sentAt: later.toISOString() })), later)).output).toBe('accepted');
    expect((store.data.get(storageKeys.crmDeliveries) as { deliveries: { id: string }[] }).deliveries.map((d) => d.id)).toEqual([
      'wf-000003',
    ]);
  });

  it('refuses as busy a post that finds the replay memory full, rather than forget a delivery that could still be replayed', async () => {
    const { store, post } = setup();
    // A thousand posts in the last five minutes, each with the longest delivery id a post may carry.
    const deliveries = Array.from({ length: MAX_REMEMBERED_DELIVERIES }, (_, n) => ({
      id: `wf-${String(n).padStart(97, '0')}`,
      sentAt: new Date(NOW.getTime() - 60_000).toISOString(),
    }));
    const full = { revision: 7, deliveries };
    // Full, the list still fits a stored value, so the store never refuses the write that fills it.
    expect(serializedSize(full)).toBeLessThan(MAX_VALUE_BYTES);
    store.data.set(storageKeys.crmDeliveries, full);
    expect(await post(signed(body({ delivery: 'wf-new-one' })))).toMatchObject({ output: 'busy' });
    expect(store.data.has(campaignStorageKey('spring-webinar'))).toBe(false);
    // The oldest delivery is still remembered: its replay is refused, as every other.
    expect(await post(signed(body({ delivery: deliveries[0]?.id })))).toMatchObject({ output: 'replayed' });
  });

  it('still refuses a replay from a list an earlier version stored, longer and with sentAt as the sender wrote it', async () => {
    const { store, post } = setup();
    // Earlier versions kept up to 2,000 deliveries, each sentAt as it came: such a list must read, or replays get in.
    const deliveries = Array.from({ length: 1_500 }, (_, n) => ({
      id: `wf-old-${String(n)}`,
      sentAt: '2026-06-10T11:59:00.123456789+00:00',
    }));
    store.data.set(storageKeys.crmDeliveries, { revision: 3, deliveries });
    expect(await post(signed(body({ delivery: 'wf-old-0' })))).toMatchObject({ output: 'replayed' });
  });

  it('keeps when a post was sent as an instant of fixed length, however long the post wrote it', async () => {
    const { store, post } = setup();
    expect(await post(signed(body({ sentAt: `2026-06-10T11:58:00.${'1'.repeat(500)}Z` })))).toMatchObject({ output: 'accepted' });
    expect(store.data.get(storageKeys.crmDeliveries)).toMatchObject({
      deliveries: [{ id: 'wf-000001', sentAt: '2026-06-10T11:58:00.111Z' }],
    });
  });

  it('names what is wrong in a signed post for the admin page, writing no figures', async () => {
    const { store, post, last } = setup();
    const cases: [string, string][] = [
      ['{"delivery": ', 'The post is not JSON'],
      [body({ figures: [{ campaign: 'a-b', date: '2026-06-01', likes: 4 }] }), 'Figure 1: "likes" is not an indicator'],
      // A key JSON.parse keeps but a copied object cannot: the figure must be refused, not dropped without a word.
      [
        body({ figures: [{ campaign: 'a-b', date: '2026-06-01', leads: 4 }] }).replace('"leads":4', '"__proto__":7,"leads":4'),
        'Figure 1 (__proto__): is not an indicator key',
      ],
      [body({ figures: [{ campaign: 'a-b', date: '2026-06-11', leads: 4 }] }), 'Figure 1: 2026-06-11 is after today'],
      [
        body({
          figures: [
            { campaign: 'a-b', date: '2026-06-01', leads: 4 },
            { campaign: 'a-b', date: '2026-06-02', leads: -4 },
          ],
        }),
        'Figure 2 (leads): must not be negative',
      ],
      // Two figures of one campaign and date would be stored as two entries for that day, and the next post for it
      // would write its values over both: refused, as the CSV import refuses a campaign and date given twice.
      [
        body({
          figures: [
            { campaign: 'a-b', date: '2026-06-01', leads: 40 },
            { campaign: 'a-b', date: '2026-06-01', pipeline: 90_000 },
          ],
        }),
        'Figure 2: campaign a-b on 2026-06-01 is already given by figure 1',
      ],
      [body({ delivery: 'x' }), 'The delivery id must be at least 8 characters'],
      [
        body({ figures: Array.from({ length: 12 }, (_, i) => ({ campaign: `c-${String(i)}`, date: '2026-06-01', leads: i })) }),
        'A post holds at most 11 campaigns',
      ],
    ];
    for (const [text, message] of cases) {
      expect(await post(signed(text))).toMatchObject({ output: 'invalid', message: expect.stringContaining(message) as string });
      expect(last()).toMatchObject({ accepted: false, message: expect.stringContaining(message) as string });
    }
    expect(await post({ ...signed(body()), method: 'GET' })).toMatchObject({ output: 'not-post' });
    expect([...store.data.keys()]).toEqual([storageKeys.crmDeliveries]);
  });

  it('writes nothing over a campaign whose kept figures cannot be read: a figure entered by hand may be among them', async () => {
    const { store, post, last } = setup();
    const unreadable = {
      campaign: 'spring-webinar',
      revision: 4,
      entries: [
        { date: '2026-06-01', values: { leads: 900 }, source: 'Webinar tool', at: NOW.toISOString(), manual: true },
        { date: '2026-06-02', values: { leads: 950 }, source: 'x'.repeat(201), at: NOW.toISOString(), manual: false },
      ],
    };
    store.data.set(campaignStorageKey('spring-webinar'), unreadable);
    const message = 'The figures kept for campaign spring-webinar cannot be read, so this post was not written over them';
    expect(await post(signed(body()))).toMatchObject({ output: 'invalid', message: expect.stringContaining(message) as string });
    expect(last()).toMatchObject({ accepted: false, message: expect.stringContaining(message) as string });
    expect(store.data.get(campaignStorageKey('spring-webinar'))).toEqual(unreadable);
    expect(store.data.get(campaignStorageKey('q3-launch'))).toBeUndefined();
  });

  it('takes a signature written in capitals, as some tools write hex', async () => {
    const { post } = setup();
    const text = body();
    const upper = { ...signed(text), headers: { 'x-flight-plan-signature': [signatureOf(SECRET, text).toUpperCase()] } };
    expect(await post(upper)).toMatchObject({ output: 'accepted' });
  });

  it('refuses every post until an admin creates a secret', async () => {
    const { secrets, post, store } = setup();
    secrets.values.clear();
    expect(await post(signed(body()))).toMatchObject({ output: 'no-secret' });
    expect(store.writes).toBe(0);
  });

  it('answers only with outputs the manifest declares, each with a status and a plain body', () => {
    const module = readManifest().modules['webtrigger']?.find((candidate) => candidate.key === 'crm-figures');
    const response = module?.['response'] as { type: string; outputs: { key: string; statusCode: number; body: string }[] };
    expect(response.type).toBe('static');
    expect(response.outputs.map((output) => output.key).sort()).toEqual([...CRM_POST_OUTPUTS].sort());
    for (const output of response.outputs) expect(JSON.parse(output.body)).toMatchObject({ ok: output.statusCode === 200 });
  });
});

describe('the web trigger on the admin page', () => {
  const ADMIN = userByRole('admin').accountId;
  const REQUESTER = userByRole('requester').accountId;

  it('shows Jira admins the URL and secret, rotates it, and posts signed with the old one are refused', async () => {
    const site = sandboxSite();
    const jira = createJiraApi(
      createJiraClient({
        transport: siteTransport(site.jira, { kind: 'app' }),
        sleep: async () => Promise.resolve(),
        now: Date.now,
        random: () => 0,
        policy: SYNC_FUNCTION_POLICY,
      }),
    );
    const { store, secrets, post } = setup();
    secrets.values.clear();
    const url = 'https://4a6d16a1.hello.atlassian-dev.net/x1/XUBR5WnG2Hk2V52APDdGaRSDm';
    const handlers = adminHandlers(
      () => ({ jira, store, now: NOW }),
      undefined,
      () => ({ jira, store, now: NOW, secrets, webTriggerUrl: async () => url }),
    );
    const context = (accountId: string) => ({ accountId, extension: { type: 'jira:adminPage' } });
    expect(await handlers['crm/webtrigger']({ context: context(ADMIN) })).toEqual({ ok: true, data: { url, secret: null, last: null } });
    const first = await handlers['crm/rotate-secret']({ context: context(ADMIN) });
    if (!first.ok || first.data.secret === null) throw new Error('the admin was refused a new secret');
    expect(first.data.secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await post(signed(body(), first.data.secret))).output).toBe('accepted');
    const second = await handlers['crm/rotate-secret']({ context: context(ADMIN) });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.data.secret).not.toBe(first.data.secret);
    expect(second.data.last).toMatchObject({ accepted: true, message: 'Delivery wf-000001: 2 campaigns written, 2 new dates, 0 changed' });
    expect((await post(signed(body({ delivery: 'wf-000009' }), first.data.secret))).output).toBe('unsigned');
    // Someone who is not a Jira admin sees nothing and changes nothing.
    for (const key of ['crm/rotate-secret', 'crm/webtrigger'] as const)
      expect(await handlers[key]({ context: context(REQUESTER) })).toMatchObject({ ok: false, error: { code: 'PERMISSION.NOT_ADMIN' } });
    expect(secrets.values.get(CRM_WEBTRIGGER_SECRET)).toBe(second.data.secret);
  });
});
