import { failure, ok, type Failure, type Result } from '../result';
import { sha256Base64url } from '../sha256';
import type { CrmRow } from './crm-csv';
import type { KeptEntry } from './kept-figures';
import type { CalendarDate } from './snapshots';

/**
 * What one report row does to its campaign: `added` a date the campaign had no CRM figures for,
 * `changed` a date whose CRM figures it changes (`before` → `after`), `unchanged` figures already kept.
 */
export interface RowChange {
  readonly campaign: string;
  readonly date: CalendarDate;
  readonly line: number;
  readonly change: 'added' | 'changed' | 'unchanged';
  readonly before: Readonly<Record<string, number>> | null;
  readonly after: Readonly<Record<string, number>>;
  /**
   * The row's figures that a figure entered by hand for the same date goes on counting over, by key, with the figure
   * entered by hand: the import keeps the row's figure beside it, but reports go on showing the one entered by hand.
   */
  readonly keptByHand: Readonly<Record<string, number>>;
}

export interface CampaignImport {
  readonly campaign: string;
  /** The campaign keeps no figures yet. */
  readonly isNew: boolean;
  readonly rows: readonly RowChange[];
}

export interface CrmImportPlan {
  readonly campaigns: readonly CampaignImport[];
  /** Rows with no figure at all (every cell empty): nothing to keep. */
  readonly emptyRows: number;
}

type CrmImportFailure = Failure<'CRM_IMPORT.INVALID'>;

const sameValues = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([key, value]) => b[key] === value);

/**
 * What importing a report's rows would change, campaign by campaign, against what each campaign
 * keeps. A row's figures join the CRM figures kept for its campaign and date: a figure the row
 * leaves empty keeps its value (an empty cell means "not said", not zero), and figures a person
 * entered by hand stay as they are. A row dated after today, or a campaign that would keep more than
 * `maxEntries` dated figures, refuses the whole import by line or by name: nothing is half-imported.
 */
export const planCrmImport = (
  rows: readonly CrmRow[],
  kept: ReadonlyMap<string, readonly KeptEntry[]>,
  today: CalendarDate,
  maxEntries: number,
): Result<CrmImportPlan, CrmImportFailure> => {
  const byCampaign = new Map<string, RowChange[]>();
  let emptyRows = 0;
  for (const row of rows) {
    if (row.date > today)
      return failure(
        'CRM_IMPORT.INVALID',
        `line ${row.line}: ${row.date} is after today; a report gives what the CRM showed on a day that has passed`,
      );
    if (Object.keys(row.values).length === 0) {
      emptyRows++;
      continue;
    }
    const entries = kept.get(row.campaign) ?? [];
    const crmEntry = entries.find((entry) => !entry.manual && entry.date === row.date);
    const after = { ...crmEntry?.values, ...row.values };
    const change: RowChange['change'] = crmEntry === undefined ? 'added' : sameValues(crmEntry.values, after) ? 'unchanged' : 'changed';
    // Of two entered by hand for one date, the later counts (`campaignSnapshots`).
    const byHand = new Map<string, number>();
    for (const entry of entries)
      if (entry.manual && entry.date === row.date) for (const [key, value] of Object.entries(entry.values)) byHand.set(key, value);
    const keptByHand = Object.fromEntries(
      Object.keys(row.values).flatMap((key) => (byHand.has(key) ? [[key, byHand.get(key) as number]] : [])),
    );
    const list = byCampaign.get(row.campaign) ?? [];
    list.push({ campaign: row.campaign, date: row.date, line: row.line, change, before: crmEntry?.values ?? null, after, keptByHand });
    byCampaign.set(row.campaign, list);
  }
  const campaigns: CampaignImport[] = [];
  for (const [campaign, changes] of byCampaign) {
    const entries = kept.get(campaign) ?? [];
    const total = entries.length + changes.filter((row) => row.change === 'added').length;
    if (total > maxEntries) {
      return failure(
        'CRM_IMPORT.INVALID',
        `campaign ${campaign} would keep ${total.toLocaleString('en-US')} dated figures, over the ${maxEntries} a campaign keeps; import fewer dates for it`,
      );
    }
    campaigns.push({ campaign, isNew: entries.length === 0, rows: changes });
  }
  return ok({ campaigns, emptyRows });
};

/** The rows of a campaign that write something. */
export const rowsToWrite = (campaign: CampaignImport): readonly RowChange[] => campaign.rows.filter((row) => row.change !== 'unchanged');

/**
 * What an import would write, as a SHA-256 digest: each campaign it writes, the revision its figures were read at, and
 * the rows it writes with their figures, stamped with `source`, in the site's `currency`. The preview gives it and the
 * import must match it, so an import writes what its preview showed: not another file, another mapping or date, over
 * figures changed since, or money figures read in a currency the site no longer keeps.
 */
export const importFingerprint = (
  plan: CrmImportPlan,
  revisionOf: (campaign: string) => number,
  source: string,
  currency: string,
): string =>
  sha256Base64url(
    JSON.stringify([
      source,
      currency,
      plan.campaigns.flatMap((campaign) => {
        const rows = rowsToWrite(campaign);
        return rows.length === 0
          ? []
          : [[campaign.campaign, revisionOf(campaign.campaign), rows.map((row) => [row.date, row.change, row.after])]];
      }),
    ]),
  );
