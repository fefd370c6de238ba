import { parseCalendarDate } from '../business-days';
import { failure, ok, type Failure, type Result } from '../result';
import { SPEND } from './catalogue';
import type { CampaignSnapshot } from './snapshots';

/**
 * A CRM campaign report as CSV: a header `campaign,date` followed by any catalogue indicators and
 * `spend`, then one row of cumulative figures per campaign and date. An empty cell means no value.
 */
export type CrmCsvFailure = Failure<'CRM_CSV.INVALID'>;

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

/** Maps header cells to value keys; the first two must be campaign and date. Keys match the catalogue in any letter case. */
const columnsOf = (header: CsvRecord, catalogue: readonly string[]): Result<string[], CrmCsvFailure> => {
  const names = header.cells.map((cell) => cell.trim());
  const where = `line ${header.line}`;
  if (names[0]?.toLowerCase() !== 'campaign' || names[1]?.toLowerCase() !== 'date') {
    return failure('CRM_CSV.INVALID', `${where}: the header must start with campaign,date`);
  }
  const known = new Map([...catalogue, SPEND].map((key) => [key.toLowerCase(), key]));
  const keys: string[] = [];
  for (const name of names.slice(2)) {
    const key = known.get(name.toLowerCase());
    if (key === undefined) {
      return failure(
        'CRM_CSV.INVALID',
        `${where}: column "${name}" is not an indicator or spend (known: ${[...catalogue, SPEND].join(', ')})`,
      );
    }
    if (keys.includes(key)) return failure('CRM_CSV.INVALID', `${where}: column "${name}" appears twice`);
    keys.push(key);
  }
  return ok(keys);
};

/**
 * Reads a CRM campaign report. The error names the line and the column at fault; a campaign and
 * date given twice is refused, since it is not clear which row holds the figures.
 * @example crmSnapshotsFromCsv('campaign,date,leads\nq3-launch,2026-06-01,120\n', ['leads'])
 *   // ok([{ campaign: 'q3-launch', date: '2026-06-01', values: { leads: 120 } }])
 */
export const crmSnapshotsFromCsv = (text: string, catalogue: readonly string[]): Result<CampaignSnapshot[], CrmCsvFailure> => {
  const records = csvRecords(text);
  if (!records.ok) return records;
  const [header, ...rows] = records.value;
  if (header === undefined) return failure('CRM_CSV.INVALID', 'the file is empty: it needs a header campaign,date,…');
  const columns = columnsOf(header, catalogue);
  if (!columns.ok) return columns;
  const keys = columns.value;

  const snapshots: CampaignSnapshot[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const where = `line ${row.line}`;
    if (row.cells.length !== keys.length + 2) {
      return failure('CRM_CSV.INVALID', `${where}: expected ${keys.length + 2} cells as in the header, found ${row.cells.length}`);
    }
    const [campaign = '', date = '', ...figures] = row.cells.map((cell) => cell.trim());
    if (campaign === '') return failure('CRM_CSV.INVALID', `${where}: the campaign is empty`);
    if (campaign.length > CAMPAIGN_MAX_LENGTH)
      return failure('CRM_CSV.INVALID', `${where}: the campaign is longer than ${CAMPAIGN_MAX_LENGTH} characters`);
    if (parseCalendarDate(date) === null) return failure('CRM_CSV.INVALID', `${where}: date "${date}" is not a date like 2026-06-30`);
    const values: Record<string, number> = {};
    for (const [index, figure] of figures.entries()) {
      if (figure === '') continue;
      const key = keys[index] as string;
      if (!FIGURE.test(figure)) {
        return failure(
          'CRM_CSV.INVALID',
          `${where}: ${key} "${figure}" is not a number (write it like 1200 or 1200.50, without separators or currency)`,
        );
      }
      values[key] = Number(figure);
    }
    const id = JSON.stringify([campaign, date]);
    const earlier = seen.get(id);
    if (earlier !== undefined)
      return failure('CRM_CSV.INVALID', `${where}: campaign ${campaign} on ${date} is already given on line ${earlier}`);
    seen.set(id, row.line);
    snapshots.push({ campaign, date, values });
  }
  return ok(snapshots);
};
