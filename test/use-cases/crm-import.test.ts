import { describe, expect, it } from 'vitest';
import { campaignStorageKey, type StoredCampaignFigures } from '../../src/contracts/crm-figures.schema';
import { adminHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { StorageError, storageKeys, type Commit } from '../../src/use-cases/ports';
import { TestJira } from '../fakes/test-jira';
import { MemoryStore } from '../fakes/memory-store';
import { config, NOW } from '../fakes/fixtures';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import { handlerOf } from '../fakes/resolver-calls';
import { testDeps } from '../fakes/site-deps';

/**
 * A store that records each commit's size, can fail the n-th commit as storage going down would, and can let another
 * writer in just before the n-th.
 */
class WatchedStore extends MemoryStore {
  readonly commitSizes: number[] = [];
  failCommit: number | null = null;
  meanwhile: { readonly beforeCommit: number; readonly write: () => Promise<void> } | null = null;
  override async commit(commit: Commit) {
    const other = this.meanwhile;
    if (other?.beforeCommit === this.commitSizes.length + 1) {
      this.meanwhile = null;
      await other.write();
    }
    if (this.failCommit === this.commitSizes.length + 1) {
      this.failCommit = null;
      throw new StorageError('app storage could not write', false);
    }
    // A KVS transaction holds 25 operations, a guarded write counting two.
    expect(commit.guarded.length * 2 + (commit.plain?.size ?? 0) + (commit.deletes?.length ?? 0)).toBeLessThanOrEqual(25);
    this.commitSizes.push(commit.guarded.length);
    return super.commit(commit);
  }
}

const setup = () => {
  const jira = new TestJira();
  const store = new WatchedStore();
  jira.admins.add('acc-admin');
  const handlers = adminHandlers(testDeps(jira, store, NOW));
  const context = (accountId = 'acc-admin') => ({ accountId, extension: { type: 'jira:adminPage' } });
  const call = (key: 'crm/preview' | 'crm/import', payload: unknown, accountId?: string) =>
    // Read loosely: the preview's and the import's answers differ, and each test looks at what it needs.
    handlerOf(handlers, key)({ payload, context: context(accountId) }) as Promise<{
      ok: boolean;
      data?: { previewed?: unknown };
      error?: { code: string; message: string };
    }>;
  const figures = (campaign: string) => store.data.get(campaignStorageKey(campaign)) as StoredCampaignFigures | undefined;
  return { store, call, figures };
};

const SALESFORCE = [
  'Campaign Name,Leads in Campaign,Opportunities in Campaign,Value Opportunities in Campaign,Actual Cost in Campaign',
  'spring-webinar,412,12,"300,000",4500',
  'q3-launch,95,,,',
].join('\n');

const previewThenImport = async (call: ReturnType<typeof setup>['call'], payload: Record<string, unknown>) => {
  const preview = await call('crm/preview', payload);
  expect(preview.ok).toBe(true);
  return call('crm/import', { ...payload, previewed: preview.data?.previewed });
};

/** A fingerprint no preview gave. */
const UNPREVIEWED = 'A'.repeat(43);

describe('importing a CRM report on the admin page', () => {
  it('previews what would change, writing nothing, then imports exactly that', async () => {
    const { store, call, figures } = setup();
    const payload = { csv: SALESFORCE, format: 'salesforce', asOf: '2026-06-09', fileName: 'June report.csv' };
    const preview = await call('crm/preview', payload);
    expect(preview).toMatchObject({
      ok: true,
      data: {
        rows: 2,
        added: 2,
        changed: 0,
        unchanged: 0,
        campaigns: [
          { campaign: 'spring-webinar', isNew: true, added: 1, changes: [{ date: '2026-06-09', line: 2, change: 'added' }] },
          { campaign: 'q3-launch', isNew: true, added: 1 },
        ],
        keptByHand: 0,
        previewed: expect.stringMatching(/^[\w-]{43}$/),
      },
    });
    expect(store.writes).toBe(0);

    expect(await call('crm/import', { ...payload, previewed: preview.data?.previewed })).toEqual({
      ok: true,
      data: { campaigns: 2, added: 2, changed: 0 },
    });
    expect(figures('spring-webinar')).toEqual({
      campaign: 'spring-webinar',
      revision: 1,
      entries: [
        {
          date: '2026-06-09',
          values: { leads: 412, opportunities: 12, pipeline: 300_000, spend: 4_500 },
          source: 'Import: June report.csv',
          by: 'acc-admin',
          at: NOW.toISOString(),
          manual: false,
        },
      ],
    });
    // Cached Outcomes views of these campaigns learn the figures changed: their committed revisions moved.
    expect(await store.committedRevisions([campaignStorageKey('q3-launch')])).toEqual(new Map([[campaignStorageKey('q3-launch'), 1]]));
    // The same file again changes nothing.
    expect(await call('crm/preview', payload)).toMatchObject({ ok: true, data: { added: 0, changed: 0, unchanged: 2 } });
  });

  it('imports a campaign whatever its name, "__proto__" too, once previewed, as it travels from the page as JSON', async () => {
    const { call, figures } = setup();
    const payload = { csv: 'campaign,date,leads\n__proto__,2026-06-09,5\nnormal-camp,2026-06-09,6', format: 'flight-plan' };
    // The page sends the payload back as JSON.
    const preview: unknown = JSON.parse(JSON.stringify(await call('crm/preview', payload)));
    const { previewed } = (preview as { data: { previewed: string } }).data;
    expect(await call('crm/import', { ...payload, previewed })).toEqual({ ok: true, data: { campaigns: 2, added: 2, changed: 0 } });
    expect(figures('__proto__')?.entries[0]?.values).toEqual({ leads: 5 });
  });

  it('names a bad row by its line and writes nothing, not even the good rows before it', async () => {
    const { store, call } = setup();
    const csv = `${SALESFORCE}\nsummer,12k,,,\n`;
    for (const key of ['crm/preview', 'crm/import'] as const) {
      expect(await call(key, { csv, format: 'salesforce', asOf: '2026-06-09', previewed: UNPREVIEWED })).toEqual({
        ok: false,
        error: {
          code: 'CRM_IMPORT.INVALID',
          message: 'line 4: leads "12k" is not a number (write it like 1200 or 1200.50, or 1,200.50 with a comma between thousands)',
        },
      });
    }
    expect(store.writes).toBe(0);
  });

  it('refuses at the preview a report naming more campaigns than an import takes, writing nothing', async () => {
    const { store, call } = setup();
    const rows = Array.from({ length: 1_001 }, (_, n) => `campaign-${String(n)},2026-06-09,1`);
    const csv = ['campaign,date,leads', ...rows].join('\n');
    expect(await call('crm/preview', { csv, format: 'flight-plan' })).toEqual({
      ok: false,
      error: { code: 'CRM_IMPORT.INVALID', message: 'the report names 1,001 campaigns; a report holds at most 1,000: import it in parts' },
    });
    expect(store.writes).toBe(0);
  });

  it('answers Jira admins only', async () => {
    const { store, call } = setup();
    expect(
      await call('crm/import', { csv: SALESFORCE, format: 'salesforce', asOf: '2026-06-09', previewed: UNPREVIEWED }, 'acc-someone'),
    ).toMatchObject({ ok: false, error: { code: 'PERMISSION.NOT_ADMIN' } });
    expect(store.writes).toBe(0);
  });

  it('refuses an import whose campaigns changed since the preview', async () => {
    const { store, call } = setup();
    const payload = { csv: SALESFORCE, format: 'salesforce', asOf: '2026-06-09' };
    const preview = await call('crm/preview', payload);
    await previewThenImport(call, { csv: 'campaign,date,leads\nq3-launch,2026-06-01,3\n', format: 'flight-plan' });
    const writes = store.writes;
    expect(await call('crm/import', { ...payload, previewed: preview.data?.previewed })).toMatchObject({
      ok: false,
      error: { code: 'CRM_IMPORT.STALE' },
    });
    expect(store.writes).toBe(writes);
  });

  it('refuses an import previewed under another site currency: the money figures shown were read in that one', async () => {
    const { store, call } = setup();
    const payload = { csv: SALESFORCE, format: 'salesforce', asOf: '2026-06-09' };
    const { previewed } = (await call('crm/preview', payload)).data ?? {};
    // An admin switched the site from US dollars to euros since: "300,000" would now be kept as 300,000 euros.
    store.data.set(storageKeys.config, { schemaVersion: CURRENT_CONFIG_VERSION, revision: 2, config: config({ currency: 'EUR' }) });
    expect(await call('crm/import', { ...payload, previewed })).toMatchObject({ ok: false, error: { code: 'CRM_IMPORT.STALE' } });
    expect(store.writes).toBe(0);
  });

  it('imports only the report as previewed: not another file, date, mapping or name, and not without a preview', async () => {
    const { store, call } = setup();
    const payload = { csv: SALESFORCE, format: 'salesforce', asOf: '2026-06-09', fileName: 'June.csv' };
    const { previewed } = (await call('crm/preview', payload)).data ?? {};
    const others = [
      { ...payload, csv: SALESFORCE.replace('412', '9412') },
      { ...payload, asOf: '2026-06-08' },
      { ...payload, fileName: 'July.csv' },
      {
        csv: SALESFORCE.replace('Campaign Name', 'UTM'),
        format: 'custom',
        mapping: { campaign: 'UTM', date: '', figures: { leads: 'Leads in Campaign' } },
        asOf: '2026-06-09',
      },
    ];
    for (const other of others) {
      expect(await call('crm/import', { ...other, previewed })).toEqual({
        ok: false,
        error: {
          code: 'CRM_IMPORT.STALE',
          message:
            "the import would no longer write what your preview showed: the report or how it is read changed, or a campaign's figures changed since (an import, the web trigger or a figure entered by hand); preview again",
        },
      });
    }
    expect(await call('crm/import', payload)).toEqual({
      ok: false,
      error: { code: 'PAYLOAD.INVALID', message: expect.stringContaining('Preview the import first') },
    });
    expect(store.writes).toBe(0);
    expect(await call('crm/import', { ...payload, previewed })).toMatchObject({ ok: true, data: { added: 2 } });
  });

  it('says which rows a figure entered by hand goes on counting over, and keeps both', async () => {
    const { store, call, figures } = setup();
    const byHand = { date: '2026-06-09', source: 'Webinar tool', by: 'acc-owner', at: NOW.toISOString(), manual: true };
    store.data.set(campaignStorageKey('spring-webinar'), {
      campaign: 'spring-webinar',
      revision: 2,
      entries: [
        { ...byHand, values: { leads: 300 } },
        { ...byHand, values: { leads: 350, spend: 4000 } },
        { ...byHand, date: '2026-06-08', values: { opportunities: 1 } },
      ],
    });
    const payload = { csv: SALESFORCE, format: 'salesforce', asOf: '2026-06-09' };
    const preview = await call('crm/preview', payload);
    expect(preview).toMatchObject({
      ok: true,
      data: {
        keptByHand: 1,
        campaigns: [
          // The later of two figures entered by hand for the date is the one that counts; opportunities has none that day.
          { campaign: 'spring-webinar', keptByHand: 1, changes: [{ change: 'added', keptByHand: { leads: 350, spend: 4000 } }] },
          { campaign: 'q3-launch', keptByHand: 0, changes: [{ keptByHand: {} }] },
        ],
      },
    });
    expect(await call('crm/import', { ...payload, previewed: preview.data?.previewed })).toMatchObject({ ok: true });
    expect(figures('spring-webinar')?.entries.map((entry) => [entry.manual, entry.values])).toEqual([
      [true, { leads: 300 }],
      [true, { leads: 350, spend: 4000 }],
      [true, { opportunities: 1 }],
      [false, { leads: 412, opportunities: 12, pipeline: 300_000, spend: 4_500 }],
    ]);
  });

  it('reads a custom mapping, and says what a payload lacks in words', async () => {
    const { call, figures } = setup();
    const csv = 'UTM,Day,MQL count\nfall-promo,2026-06-01,33\n';
    const mapping = { campaign: 'UTM', date: 'Day', figures: { mqls: 'MQL count', leads: '' } };
    expect(await previewThenImport(call, { csv, format: 'custom', mapping })).toMatchObject({ ok: true, data: { added: 1 } });
    expect(figures('fall-promo')?.entries[0]?.values).toEqual({ mqls: 33 });
    expect(await call('crm/preview', { csv, format: 'custom' })).toEqual({
      ok: false,
      error: { code: 'PAYLOAD.INVALID', message: 'Map the columns of the report first' },
    });
    expect(await call('crm/preview', { csv: '', format: 'custom', mapping })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD.INVALID', message: expect.stringContaining('The file is empty') },
    });
  });

  it('commits many campaigns twelve at a time (a KVS transaction holds 25 operations), and all of them', async () => {
    const { store, call, figures } = setup();
    const csv = ['campaign,date,leads', ...Array.from({ length: 30 }, (_, i) => `c${i},2026-06-01,${i}`)].join('\n');
    expect(await previewThenImport(call, { csv, format: 'flight-plan' })).toMatchObject({ ok: true, data: { campaigns: 30, added: 30 } });
    expect(store.commitSizes).toEqual([12, 12, 6]);
    expect(figures('c29')?.entries[0]?.values).toEqual({ leads: 29 });
    // Each commit also moved the mark cached Outcomes views over many campaigns compare: the last names the last write.
    expect(store.data.get(storageKeys.campaignFiguresWritten)).toBe(`${NOW.toISOString()} ${campaignStorageKey('c29')} 1`);
  });

  it('says how far it got when storage fails part way, and the same file again finishes it', async () => {
    const { store, call, figures } = setup();
    const csv = ['campaign,date,leads', ...Array.from({ length: 30 }, (_, i) => `c${i},2026-06-01,${i}`)].join('\n');
    store.failCommit = 2;
    expect(await previewThenImport(call, { csv, format: 'flight-plan' })).toEqual({
      ok: false,
      error: {
        code: 'CRM_IMPORT.PARTLY',
        message:
          '12 of 30 campaigns were imported before storage stopped; import the same file again to finish (what is already kept shows as unchanged)',
      },
    });
    expect(await call('crm/preview', { csv, format: 'flight-plan' })).toMatchObject({ ok: true, data: { unchanged: 12, added: 18 } });
    expect(await previewThenImport(call, { csv, format: 'flight-plan' })).toMatchObject({ ok: true, data: { campaigns: 18 } });
    expect(figures('c29')?.entries).toHaveLength(1);
    expect(figures('c0')?.entries).toHaveLength(1);
  });

  // Whether a figure was entered by hand used to be read from the end of its source, which an import takes from the
  // file's name: a report named "… (entered by hand)" counted over the CRM's later figures, as a person's would.
  it('keeps an import a CRM figure whatever its file is named, so the next report still replaces it', async () => {
    const { call, figures } = setup();
    const report = (leads: number, fileName: string) => ({
      csv: `campaign,date,leads\nspring-webinar,2026-06-09,${String(leads)}`,
      format: 'flight-plan',
      fileName,
    });
    expect(await previewThenImport(call, report(412, 'June (entered by hand)'))).toMatchObject({ ok: true });
    expect(await call('crm/preview', report(500, 'June again.csv'))).toMatchObject({ ok: true, data: { changed: 1 } });
    expect(await previewThenImport(call, report(500, 'June again.csv'))).toMatchObject({ ok: true, data: { changed: 1 } });
    expect(figures('spring-webinar')?.entries).toMatchObject([{ values: { leads: 500 }, source: 'Import: June again.csv', manual: false }]);
  });

  it('replaces what an unreadable campaign kept, and says so in the preview', async () => {
    const { store, call, figures } = setup();
    store.data.set(campaignStorageKey('q3-launch'), { campaign: 'q3-launch', revision: 'x' });
    const payload = { csv: SALESFORCE, format: 'salesforce', asOf: '2026-06-09' };
    expect(await call('crm/preview', payload)).toMatchObject({
      ok: true,
      data: {
        campaigns: [
          { campaign: 'spring-webinar', replacesUnreadable: false },
          { campaign: 'q3-launch', isNew: false, replacesUnreadable: true },
        ],
      },
    });
    expect(await previewThenImport(call, payload)).toMatchObject({ ok: true });
    expect(figures('q3-launch')).toMatchObject({ revision: 1, entries: [{ values: { leads: 95 } }] });
  });

  it('writes a figure the file left empty as it is kept by then, when another writer got in between two commits', async () => {
    const { store, call, figures } = setup();
    // Thirteen campaigns: two commits of at most twelve.
    const names = Array.from({ length: 13 }, (_, n) => `c${String(n).padStart(2, '0')}`);
    const report = (cells: string) => ({
      csv: ['campaign,date,leads,pipeline', ...names.map((name) => `${name},2026-06-01,${cells}`)].join('\n'),
      format: 'flight-plan',
    });
    const first = report('10,1000');
    await call('crm/import', { ...first, previewed: (await call('crm/preview', first)).data?.previewed });
    // The next report gives leads alone: its empty pipeline keeps what each campaign keeps.
    const leadsOnly = report('20,');
    const preview = await call('crm/preview', leadsOnly);
    const last = names[12] as string;
    store.meanwhile = {
      beforeCommit: store.commitSizes.length + 2,
      // The web trigger writes a newer pipeline for the last campaign between the import's two commits.
      write: async () => {
        const kept = figures(last) as StoredCampaignFigures;
        const entries = kept.entries.map((entry) => ({ ...entry, values: { ...entry.values, pipeline: 5000 }, source: 'Web trigger' }));
        const key = campaignStorageKey(last);
        await store.commit({
          guarded: [
            { key, value: { ...kept, revision: kept.revision + 1, entries }, readRevision: kept.revision, revision: kept.revision + 1 },
          ],
        });
      },
    };

    expect(await call('crm/import', { ...leadsOnly, previewed: preview.data?.previewed })).toMatchObject({ ok: true });

    // The import re-read the campaign and wrote its leads: the pipeline stays the web trigger's, not the preview's 1000.
    expect(figures(last)?.entries.map((entry) => entry.values)).toEqual([{ leads: 20, pipeline: 5000 }]);
    expect(figures(names[0] as string)?.entries.map((entry) => entry.values)).toEqual([{ leads: 20, pipeline: 1000 }]);
  });
});
