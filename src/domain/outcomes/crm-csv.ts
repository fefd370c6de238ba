import { EARLIEST_GIVEN_YEAR, LATEST_GIVEN_YEAR, parseGivenDate } from '../business-days';

/** Why a figure's date is refused: the stored figures keep only dates in these years. */
const NOT_A_GIVEN_DATE = `is not a date from ${EARLIEST_GIVEN_YEAR} to ${LATEST_GIVEN_YEAR} like 2026-06-30`;
import { failure, ok, type Failure, type Result } from '../result';
import { MAX_METRIC_TARGET, SPEND } from './catalogue';
import { CURRENCY_PREFIX, otherCurrencyOf } from './currency';
import type { CalendarDate, CampaignSnapshot } from './snapshots';

/**
 * A CRM campaign report as CSV: a header `campaign,date` followed by any catalogue indicators and
 * `spend`, then one row of cumulative figures per campaign and date. An empty cell means no value.
 */
type CrmCsvFailure = Failure<'CRM_CSV.INVALID'>;

/** A report's row as a snapshot, with the line it starts on, so a later check can name it too. */
export interface CrmRow extends CampaignSnapshot {
  readonly line: number;
}

interface CsvRecord {
  /** The line the record starts on, counting from 1. */
  readonly line: number;
  readonly cells: readonly string[];
}

const CAMPAIGN_MAX_LENGTH = 255;
const FIGURE = /^\d+(\.\d+)?$/;

/**
 * Splits CSV text into records as RFC 4180 reads it: cells may be quoted, a quoted cell may hold
 * commas, line breaks and doubled quotes. Lines that are entirely blank are skipped.
 */
const csvRecords = (text: string): Result<CsvRecord[], CrmCsvFailure> => {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = (): void => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '' || wasQuoted) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    wasQuoted = false;
  };
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
        const next = text[i + 1];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          return failure('CRM_CSV.INVALID', `line ${line}: a quoted cell must end at a comma or the end of the line`);
        }
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"') {
      if (cell.trim() !== '') return failure('CRM_CSV.INVALID', `line ${line}: a quote inside a cell that does not start with one`);
      quoted = true;
      wasQuoted = true;
      cell = '';
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else cell += c;
  }
  if (quoted) return failure('CRM_CSV.INVALID', `line ${recordLine}: a quoted cell is not closed`);
  endRecord();
  return ok(records);
};

/** Where each value sits in a report's rows: the campaign's column, the date's (or one date for the whole file), each figure's. */
interface ResolvedColumns {
  readonly campaign: number;
  readonly date: number | { readonly asOf: CalendarDate };
  readonly figures: readonly (readonly [key: string, column: number])[];
  /**
   * Null for Flight Plan CSV, whose figures are plain numbers. Otherwise the site's currency: "1,200.50" and
   * "$1,200.50" read as 1200.5, as a CRM's own export writes figures as its screen shows them, and an amount written
   * in another currency is refused.
   */
  readonly currency: string | null;
}

/** Maps header cells to value keys; the first two must be campaign and date. Keys match the catalogue in any letter case. */
const columnsOf = (header: CsvRecord, catalogue: readonly string[]): Result<ResolvedColumns, CrmCsvFailure> => {
  const names = header.cells.map((cell) => cell.trim());
  const where = `line ${header.line}`;
  if (names[0]?.toLowerCase() !== 'campaign' || names[1]?.toLowerCase() !== 'date') {
    return failure('CRM_CSV.INVALID', `${where}: the header must start with campaign,date`);
  }
  const known = new Map([...catalogue, SPEND].map((key) => [key.toLowerCase(), key]));
  const figures: [string, number][] = [];
  for (const [offset, name] of names.slice(2).entries()) {
    const key = known.get(name.toLowerCase());
    if (key === undefined) {
      return failure(
        'CRM_CSV.INVALID',
        `${where}: column "${name}" is not an indicator or spend (known: ${[...catalogue, SPEND].join(', ')})`,
      );
    }
    if (figures.some(([other]) => other === key)) return failure('CRM_CSV.INVALID', `${where}: column "${name}" appears twice`);
    figures.push([key, offset + 2]);
  }
  return ok({ campaign: 0, date: 1, figures, currency: null });
};

/** `1200`, `1200.5`; with grouping also `1,200.50`, `$1,200.50`, `USD 1200.50` (groups of three only, so "1,2" is refused). */
const figureOf = (cell: string, grouped: boolean): number | null => {
  if (FIGURE.test(cell)) return Number(cell);
  if (!grouped) return null;
  const bare = cell.replace(CURRENCY_PREFIX, '');
  if (FIGURE.test(bare)) return Number(bare);
  return /^\d{1,3}(,\d{3})*(\.\d+)?$/.test(bare) ? Number(bare.replace(/,/g, '')) : null;
};

/**
 * A CRM's figure that reads two ways: `1.200` is 1.2 where a dot marks decimals and 1,200 where it groups thousands (a
 * German export of 1,200 leads). Refused rather than guessed: read as 1.2, a campaign's leads fell a thousandfold unseen.
 */
const isAmbiguousGrouping = (cell: string): boolean => /^\d{1,3}\.\d{3}$/.test(cell.replace(CURRENCY_PREFIX, ''));

/** Each data row as a snapshot, with the line it starts on; the first row at fault is named by its line and column. */
const rowsOf = (rows: readonly CsvRecord[], columns: ResolvedColumns, width: number): Result<CrmRow[], CrmCsvFailure> => {
  const snapshots: CrmRow[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const where = `line ${row.line}`;
    if (row.cells.length !== width) {
      return failure('CRM_CSV.INVALID', `${where}: expected ${width} cells as in the header, found ${row.cells.length}`);
    }
    const cells = row.cells.map((cell) => cell.trim());
    const campaign = cells[columns.campaign] ?? '';
    const date = typeof columns.date === 'number' ? (cells[columns.date] ?? '') : columns.date.asOf;
    if (campaign === '') return failure('CRM_CSV.INVALID', `${where}: the campaign is empty`);
    if (campaign.length > CAMPAIGN_MAX_LENGTH)
      return failure('CRM_CSV.INVALID', `${where}: the campaign is longer than ${CAMPAIGN_MAX_LENGTH} characters`);
    if (parseGivenDate(date) === null) return failure('CRM_CSV.INVALID', `${where}: date "${date}" ${NOT_A_GIVEN_DATE}`);
    const values: Record<string, number> = {};
    for (const [key, column] of columns.figures) {
      const figure = cells[column] ?? '';
      if (figure === '') continue;
      const other = columns.currency === null ? null : otherCurrencyOf(figure, columns.currency);
      if (other !== null)
        return failure(
          'CRM_CSV.INVALID',
          `${where}: ${key} "${figure}" is in ${other}, not ${columns.currency ?? ''}, the currency this site keeps its figures in (set on the admin page): convert the report to ${columns.currency ?? ''} first, as figures in two currencies cannot be added up`,
        );
      const grouped = columns.currency !== null;
      if (grouped && isAmbiguousGrouping(figure))
        return failure(
          'CRM_CSV.INVALID',
          `${where}: ${key} "${figure}" could be a decimal or a thousands group: write thousands without the dot (${figure.replace('.', '')}), or a decimal with other than three digits after the dot`,
        );
      const value = figureOf(figure, grouped);
      if (value === null || value > MAX_METRIC_TARGET) {
        return failure(
          'CRM_CSV.INVALID',
          value === null
            ? `${where}: ${key} "${figure}" is not a number (write it like 1200 or 1200.50${grouped ? ', or 1,200.50 with a comma between thousands' : ', without separators or currency'})`
            : `${where}: ${key} "${figure}" is larger than any campaign's figure can be`,
        );
      }
      values[key] = value;
    }
    const id = JSON.stringify([campaign, date]);
    const earlier = seen.get(id);
    if (earlier !== undefined)
      return failure('CRM_CSV.INVALID', `${where}: campaign ${campaign} on ${date} is already given on line ${earlier}`);
    seen.set(id, row.line);
    snapshots.push({ campaign, date, values, line: row.line });
  }
  return ok(snapshots);
};

/**
 * Reads a CRM campaign report in Flight Plan's own columns. The error names the line and the column at
 * fault; a campaign and date given twice is refused, since it is not clear which row holds the figures.
 * @example crmSnapshotsFromCsv('campaign,date,leads\nq3-launch,2026-06-01,120\n', ['leads'])
 *   // ok([{ campaign: 'q3-launch', date: '2026-06-01', values: { leads: 120 }, line: 2 }])
 */
export const crmSnapshotsFromCsv = (text: string, catalogue: readonly string[]): Result<CrmRow[], CrmCsvFailure> => {
  const records = csvRecords(text);
  if (!records.ok) return records;
  const [header, ...rows] = records.value;
  if (header === undefined) return failure('CRM_CSV.INVALID', 'the file is empty: it needs a header campaign,date,…');
  const columns = columnsOf(header, catalogue);
  if (!columns.ok) return columns;
  return rowsOf(rows, columns.value, header.cells.length);
};

/**
 * Which report column holds what, by the column's name in the header (any letter case). A preset
 * lists the names a CRM's export uses; a custom mapping names one each. Without a date column, every
 * row is as of one date the person importing gives.
 */
export interface CrmColumnMapping {
  readonly campaign: readonly string[];
  readonly date: readonly string[];
  /** Value key (a catalogue indicator or spend) → the column names it may have. */
  readonly figures: Readonly<Record<string, readonly string[]>>;
}

/**
 * The column names CRM exports use, from their field labels. Salesforce: the Campaign object's labels
 * (developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-campaign.html):
 * a campaign report has no snapshot date, so the importer gives one. HubSpot: the campaign metrics it
 * reports (knowledge.hubspot.com/campaigns/understand-campaign-metrics); an export's exact headers vary
 * by subscription, so a mapping covers what a preset misses.
 */
export const CRM_PRESETS = {
  salesforce: {
    label: 'Salesforce campaign report',
    mapping: {
      campaign: ['Campaign Name', 'Name'],
      date: ['As of Date', 'Date'],
      figures: {
        leads: ['Leads in Campaign', 'Leads'],
        opportunities: ['Opportunities in Campaign', 'Num Total Opportunities'],
        pipeline: ['Value Opportunities in Campaign', 'Total Value Opportunities'],
        revenue: ['Value Won Opportunities in Campaign', 'Total Value Won Opportunities'],
        spend: ['Actual Cost in Campaign', 'Actual Cost'],
      },
    },
  },
  hubspot: {
    label: 'HubSpot campaign export',
    mapping: {
      campaign: ['Campaign name', 'Campaign', 'Name'],
      date: ['Date'],
      figures: {
        leads: ['New contacts (first touch)', 'New contacts'],
        revenue: ['Revenue', 'Attributed revenue'],
        spend: ['Total campaign spend', 'Total campaign expenses', 'Spend'],
      },
    },
  },
} as const satisfies Record<string, { label: string; mapping: CrmColumnMapping }>;

const resolveMapping = (
  header: CsvRecord,
  mapping: CrmColumnMapping,
  catalogue: readonly string[],
  asOf: CalendarDate | null,
  currency: string,
): Result<ResolvedColumns, CrmCsvFailure> => {
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const where = `line ${header.line}`;
  const find = (candidates: readonly string[]): number => {
    for (const candidate of candidates) {
      const index = names.indexOf(candidate.trim().toLowerCase());
      if (index >= 0) return index;
    }
    return -1;
  };
  const quoted = (candidates: readonly string[]) => candidates.map((name) => `"${name}"`).join(' or ');
  const campaign = find(mapping.campaign);
  if (campaign < 0) return failure('CRM_CSV.INVALID', `${where}: no campaign column (${quoted(mapping.campaign)})`);
  const dateColumn = find(mapping.date);
  if (dateColumn < 0 && asOf === null)
    return failure('CRM_CSV.INVALID', `${where}: no date column (${quoted(mapping.date)}); give the date the figures are as of`);
  if (asOf !== null && parseGivenDate(asOf) === null)
    return failure('CRM_CSV.INVALID', `the date the figures are as of, "${asOf}", ${NOT_A_GIVEN_DATE}`);
  const allowed = new Set([...catalogue, SPEND]);
  const figures: [string, number][] = [];
  for (const [key, candidates] of Object.entries(mapping.figures)) {
    if (!allowed.has(key)) return failure('CRM_CSV.INVALID', `"${key}" is not an indicator of the catalogue or spend`);
    const column = find(candidates);
    if (column >= 0) figures.push([key, column]);
  }
  if (figures.length === 0) {
    const expected = Object.values(mapping.figures).flatMap((candidates) => candidates.slice(0, 1));
    return failure('CRM_CSV.INVALID', `${where}: no figure column found (expected one of ${quoted(expected)})`);
  }
  const used = [campaign, dateColumn, ...figures.map(([, column]) => column)].filter((column) => column >= 0);
  if (new Set(used).size !== used.length) return failure('CRM_CSV.INVALID', `${where}: one column is mapped to two figures`);
  // A column read whose name the header gives twice: which of the two holds the figure cannot be told.
  const twice = used.find((column) => names.indexOf(names[column] as string) !== names.lastIndexOf(names[column] as string));
  if (twice !== undefined) return failure('CRM_CSV.INVALID', `${where}: column "${header.cells[twice]?.trim() ?? ''}" appears twice`);
  // A date column in the file wins over the date given for the whole file only when the file has one.
  return ok({ campaign, date: dateColumn >= 0 ? dateColumn : { asOf: asOf as CalendarDate }, figures, currency });
};

/**
 * Reads a CRM export through a column mapping (a preset's or a custom one): other columns are left
 * alone, figures may be written as the CRM shows them ("$1,200.50"), and the error names the line.
 */
export const crmRowsFromMappedCsv = (
  text: string,
  mapping: CrmColumnMapping,
  catalogue: readonly string[],
  asOf: CalendarDate | null,
  currency: string,
): Result<CrmRow[], CrmCsvFailure> => {
  const records = csvRecords(text);
  if (!records.ok) return records;
  const [header, ...rows] = records.value;
  if (header === undefined) return failure('CRM_CSV.INVALID', 'the file is empty: it needs a header row');
  const columns = resolveMapping(header, mapping, catalogue, asOf, currency);
  if (!columns.ok) return columns;
  return rowsOf(rows, columns.value, header.cells.length);
};

/** A report's column names, for mapping them before anything is sent; none when the file does not read. */
export const csvHeaderNames = (text: string): string[] => {
  const records = csvRecords(text);
  return records.ok ? (records.value[0]?.cells.map((cell) => cell.trim()).filter((cell) => cell !== '') ?? []) : [];
};
