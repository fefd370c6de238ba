import { parseStoredConfig } from '../contracts/app-config.schema';
import {
  campaignEntrySchema,
  campaignStorageKey,
  isEnteredByHand,
  keptEntries,
  MAX_CAMPAIGN_ENTRIES,
  MAX_IMPORT_CAMPAIGNS,
  type CrmImportApplyPayload,
  type CrmImportPayload,
  type StoredCampaignFigures,
} from '../contracts/crm-figures.schema';
import type { CrmImportApplyCode, CrmImportCode } from '../contracts/resolvers';
import type { CrmImportDoneView, CrmImportPreviewView } from '../contracts/views/outcomes';
import { toCalendarDate } from '../domain/business-days';
import { SPEND } from '../domain/outcomes/catalogue';
import { CRM_PRESETS, crmRowsFromMappedCsv, crmSnapshotsFromCsv, type CrmColumnMapping, type CrmRow } from '../domain/outcomes/crm-csv';
import { importFingerprint, planCrmImport, rowsToWrite, type CampaignImport, type CrmImportPlan } from '../domain/outcomes/crm-import';
import { failure, ok, type Failure, type Result } from '../domain/result';
import type { AdminDeps } from './admin-config';
import { figuresWrittenMark, storedFigures } from './outcomes';
import { MAX_VALUE_BYTES, serializedSize, storageKeys, StorageError, type GuardedWrite } from './ports';

/** A guarded write is two of a KVS transaction's 25 operations, and the figures-written mark one (developer.atlassian.com/platform/forge/storage-reference/transactions/). */
const CAMPAIGNS_PER_COMMIT = 12;
const PREVIEW_CAMPAIGNS = 200;
const PREVIEW_CHANGES = 5;

const FORMAT_NAMES = {
  'flight-plan': 'Flight Plan CSV',
  salesforce: CRM_PRESETS.salesforce.label,
  hubspot: CRM_PRESETS.hubspot.label,
  custom: 'CRM report',
} as const;

/** A campaign as read for an import: what it keeps, and the revision a write commits from. */
export interface ReadCampaign {
  readonly figures: StoredCampaignFigures;
  readonly replacesUnreadable: boolean;
}

interface Prepared {
  readonly plan: CrmImportPlan;
  /** Where the import's figures say they came from: "Import: June report.csv". */
  readonly source: string;
  /** What the import would write (`importFingerprint`). */
  readonly fingerprint: string;
  readonly read: ReadonlyMap<string, ReadCampaign>;
  /** The file's rows as it gives them: an empty cell keeps what is kept, whatever the campaign keeps by then. */
  readonly rows: readonly CrmRow[];
  readonly keys: readonly { readonly key: string; readonly label: string }[];
}

const mappingOf = (payload: CrmImportPayload): CrmColumnMapping | null => {
  if (payload.format === 'salesforce' || payload.format === 'hubspot') return CRM_PRESETS[payload.format].mapping;
  if (payload.format !== 'custom' || payload.mapping === undefined) return null;
  const { campaign, date, figures } = payload.mapping;
  return {
    campaign: [campaign],
    date: date === '' ? [] : [date],
    figures: Object.fromEntries(Object.entries(figures).flatMap(([key, column]) => (column === '' ? [] : [[key, [column]]]))),
  };
};

/** Reads the campaigns a plan names, each once; an unreadable one is read as empty at its last committed revision, to be replaced. */
export const readCampaigns = async (deps: Pick<AdminDeps, 'store'>, campaigns: readonly string[]): Promise<Map<string, ReadCampaign>> => {
  const keys = campaigns.map(campaignStorageKey);
  const values = await deps.store.getMany(keys);
  const read = new Map<string, ReadCampaign>();
  const unreadable: string[] = [];
  for (const campaign of campaigns) {
    const figures = storedFigures(values.get(campaignStorageKey(campaign)), campaign);
    if (figures === null) unreadable.push(campaign);
    else read.set(campaign, { figures, replacesUnreadable: false });
  }
  if (unreadable.length > 0) {
    const revisions = await deps.store.committedRevisions(unreadable.map(campaignStorageKey));
    for (const campaign of unreadable) {
      const revision = revisions.get(campaignStorageKey(campaign)) ?? 0;
      read.set(campaign, { figures: { campaign, revision, entries: [] }, replacesUnreadable: true });
    }
  }
  return read;
};

/** Reads the file as its format says, and plans the import against what each campaign keeps. */
const prepare = async (deps: AdminDeps, payload: CrmImportPayload): Promise<Result<Prepared, Failure<CrmImportCode>>> => {
  const config = parseStoredConfig((await deps.store.getMany([storageKeys.config])).get(storageKeys.config));
  if (!config.ok) return config;
  const catalogue = config.value.config.indicators.map((indicator) => indicator.key);
  const mapping = mappingOf(payload);
  if (payload.format === 'custom' && mapping === null) return failure('PAYLOAD.INVALID', 'Map the columns of the report first');
  const rows =
    mapping === null
      ? crmSnapshotsFromCsv(payload.csv, catalogue)
      : crmRowsFromMappedCsv(payload.csv, mapping, catalogue, payload.asOf ?? null, config.value.config.currency);
  if (!rows.ok) return failure('CRM_IMPORT.INVALID', rows.error.message);
  const named = [...new Set(rows.value.map((row) => row.campaign))];
  // Refused at the preview, not only when its revisions come back with the import.
  if (named.length > MAX_IMPORT_CAMPAIGNS)
    return failure(
      'CRM_IMPORT.INVALID',
      `the report names ${named.length.toLocaleString('en-US')} campaigns; a report holds at most ${MAX_IMPORT_CAMPAIGNS.toLocaleString('en-US')}: import it in parts`,
    );
  const read = await readCampaigns(deps, named);
  const kept = new Map([...read].map(([campaign, { figures }]) => [campaign, keptEntries(figures)]));
  const plan = planCrmImport(rows.value, kept, toCalendarDate(deps.now), MAX_CAMPAIGN_ENTRIES);
  if (!plan.ok) return plan;
  const source = `Import: ${payload.fileName ?? FORMAT_NAMES[payload.format]}`.slice(0, 200);
  const revisionOf = (campaign: string) => (read.get(campaign) as ReadCampaign).figures.revision;
  return ok({
    plan: plan.value,
    source,
    fingerprint: importFingerprint(plan.value, revisionOf, source, config.value.config.currency),
    read,
    rows: rows.value,
    keys: [...config.value.config.indicators, { key: SPEND, label: 'spend' }],
  });
};

const count = (campaign: CampaignImport, change: 'added' | 'changed' | 'unchanged'): number =>
  campaign.rows.filter((row) => row.change === change).length;

/** What importing a CRM report would change, campaign by campaign; nothing is written. Jira admins only. */
export const previewCrmImport = async (
  deps: AdminDeps,
  payload: CrmImportPayload,
): Promise<Result<CrmImportPreviewView, Failure<CrmImportCode>>> => {
  const prepared = await prepare(deps, payload);
  if (!prepared.ok) return prepared;
  const { plan, read, rows, keys, fingerprint } = prepared.value;
  const campaigns = plan.campaigns.map((campaign) => ({
    campaign: campaign.campaign,
    isNew: campaign.isNew && read.get(campaign.campaign)?.replacesUnreadable !== true,
    replacesUnreadable: read.get(campaign.campaign)?.replacesUnreadable === true,
    added: count(campaign, 'added'),
    changed: count(campaign, 'changed'),
    unchanged: count(campaign, 'unchanged'),
    changes: rowsToWrite(campaign)
      .slice(0, PREVIEW_CHANGES)
      .map(({ date, line, change, before, after, keptByHand }) => ({ date, line, change, before, after, keptByHand })),
    keptByHand: rowsToWrite(campaign).filter((row) => Object.keys(row.keptByHand).length > 0).length,
  }));
  const total = (count: 'added' | 'changed' | 'unchanged' | 'keptByHand') => campaigns.reduce((sum, campaign) => sum + campaign[count], 0);
  return ok({
    rows: rows.length,
    added: total('added'),
    changed: total('changed'),
    unchanged: total('unchanged'),
    keptByHand: total('keptByHand'),
    emptyRows: plan.emptyRows,
    campaigns: campaigns.slice(0, PREVIEW_CAMPAIGNS),
    moreCampaigns: Math.max(0, campaigns.length - PREVIEW_CAMPAIGNS),
    previewed: fingerprint,
    keys,
  });
};

/** The campaign's figures with the import's rows: changed dates take their new figures, new dates are added. */
const importedFigures = (
  current: StoredCampaignFigures,
  campaign: CampaignImport,
  source: string,
  by: string | undefined,
  at: string,
): StoredCampaignFigures => {
  // A CRM's figures, whatever the file is named: only the panel writes figures entered by hand.
  const stamp = { source, ...(by === undefined ? {} : { by }), at, manual: false };
  const writes = rowsToWrite(campaign);
  const changedDates = new Map(writes.filter((row) => row.change === 'changed').map((row) => [row.date, row.after]));
  const entries = current.entries.map((entry) => {
    const after = isEnteredByHand(entry) ? undefined : changedDates.get(entry.date);
    return after === undefined ? entry : campaignEntrySchema.parse({ date: entry.date, values: after, ...stamp });
  });
  const added = writes
    .filter((row) => row.change === 'added')
    .map((row) => campaignEntrySchema.parse({ date: row.date, values: row.after, ...stamp }));
  return { campaign: current.campaign, revision: current.revision + 1, entries: [...entries, ...added] };
};

/** The guarded write of a campaign's figures with a plan's rows; refused when the value would pass what KVS stores. */
export const campaignWrite = (
  campaign: CampaignImport,
  current: StoredCampaignFigures,
  source: string,
  by: string | undefined,
  at: string,
): Result<GuardedWrite, Failure<'CRM_IMPORT.INVALID'>> => {
  const next = importedFigures(current, campaign, source, by, at);
  if (serializedSize(next) > MAX_VALUE_BYTES)
    return failure(
      'CRM_IMPORT.INVALID',
      `campaign ${campaign.campaign} would be over the 240 KiB a stored value holds; import fewer dates for it`,
    );
  return ok({ key: campaignStorageKey(campaign.campaign), value: next, readRevision: current.revision, revision: next.revision });
};

const stale = () =>
  failure(
    'CRM_IMPORT.STALE',
    "the import would no longer write what your preview showed: the report or how it is read changed, or a campaign's figures changed since (an import, the web trigger or a figure entered by hand); preview again",
  );

/**
 * Imports a previewed CRM report. It must write exactly what the preview showed (the preview's
 * fingerprint: the same rows, read the same way, over campaigns still at the revisions the preview read). Campaigns commit twelve at a time (a KVS transaction holds 25
 * operations): up to twelve the import is one atomic commit; beyond, a commit that meets another
 * writer re-reads its campaigns and applies the same rows again, since applying a row twice changes
 * nothing. If storage fails part way, the answer says how far it got, and importing the same file
 * again finishes it (what is kept previews as unchanged). Jira admins only.
 */
export const applyCrmImport = async (
  deps: AdminDeps,
  accountId: string,
  payload: CrmImportApplyPayload,
): Promise<Result<CrmImportDoneView, Failure<CrmImportApplyCode>>> => {
  const prepared = await prepare(deps, payload);
  if (!prepared.ok) return prepared;
  const { plan, read, rows, source, fingerprint } = prepared.value;
  if (fingerprint !== payload.previewed) return stale();
  const toWrite = plan.campaigns.filter((campaign) => rowsToWrite(campaign).length > 0);
  const at = deps.now.toISOString();
  const nextOf = (campaign: CampaignImport, current: StoredCampaignFigures) => campaignWrite(campaign, current, source, accountId, at);
  // Every write is built, and so checked, before the first commit.
  const firstWrites: GuardedWrite[] = [];
  for (const campaign of toWrite) {
    const write = nextOf(campaign, (read.get(campaign.campaign) as ReadCampaign).figures);
    if (!write.ok) return write;
    firstWrites.push(write.value);
  }
  let committed = 0;
  for (let start = 0; start < toWrite.length; start += CAMPAIGNS_PER_COMMIT) {
    const chunk = toWrite.slice(start, start + CAMPAIGNS_PER_COMMIT);
    try {
      let writes = firstWrites.slice(start, start + CAMPAIGNS_PER_COMMIT);
      for (let attempt = 1; ; attempt++) {
        // The mark beside the figures tells cached Outcomes views over many campaigns they are out of date (25 operations at most).
        const last = writes[writes.length - 1] as GuardedWrite;
        const plain = new Map([figuresWrittenMark(last.key, last.revision, deps.now)]);
        if ((await deps.store.commit({ guarded: writes, plain })) === 'committed') break;
        // Nothing is written yet: the preview no longer holds.
        if (start === 0 || attempt === 3) return start === 0 ? stale() : partly(committed, toWrite.length);
        const reread = await readCampaigns(
          deps,
          chunk.map((campaign) => campaign.campaign),
        );
        const again: GuardedWrite[] = [];
        for (const campaign of chunk) {
          // The file's rows, planned again against what the campaign keeps now: as the file gives them, not as merged
          // with what the preview read, or a cell the file left empty would write back a figure replaced since.
          const current = (reread.get(campaign.campaign) as ReadCampaign).figures;
          const replanned = planCrmImport(
            rows.filter((row) => row.campaign === campaign.campaign),
            new Map([[campaign.campaign, keptEntries(current)]]),
            toCalendarDate(deps.now),
            MAX_CAMPAIGN_ENTRIES,
          );
          if (!replanned.ok) return partly(committed, toWrite.length);
          const write = nextOf(replanned.value.campaigns[0] as CampaignImport, current);
          if (!write.ok) return partly(committed, toWrite.length);
          again.push(write.value);
        }
        writes = again;
      }
    } catch (error) {
      if (error instanceof StorageError && committed > 0) return partly(committed, toWrite.length);
      throw error;
    }
    committed += chunk.length;
  }
  const writes = toWrite.flatMap(rowsToWrite);
  return ok({
    campaigns: toWrite.length,
    added: writes.filter((row) => row.change === 'added').length,
    changed: writes.filter((row) => row.change === 'changed').length,
  });
};

const partly = (committed: number, total: number) =>
  failure(
    'CRM_IMPORT.PARTLY',
    `${committed} of ${total} campaigns were imported before storage stopped; import the same file again to finish (what is already kept shows as unchanged)`,
  );
