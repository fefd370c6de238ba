/**
 * The one CSV writer for every CSV the app makes (the quarterly audit, the lexicon export).
 * Quoting follows RFC 4180: a cell with a comma, a double quote, CR or LF is quoted and its
 * quotes doubled, so a bare CR can never start a new row. Formula injection is neutralised as
 * OWASP recommends (https://owasp.org/www-community/attacks/CSV_Injection): a text cell that
 * starts with `=`, `+`, `-`, `@`, tab, CR or LF is prefixed with a single quote, which
 * spreadsheets read as "this is text", and quoted.
 */
export type CsvCell = string | number;

/** Characters that make a spreadsheet read a cell as a formula when they come first. */
const FORMULA_START = /^[=+\-@\t\r\n]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as CSV text. Numbers are the app's own figures and are written as they are. */
export const csvCell = (value: CsvCell): string => {
  if (typeof value === 'number') return String(value);
  const neutralised = FORMULA_START.test(value);
  const text = neutralised ? `'${value}` : value;
  return neutralised || NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Rows as CSV, one line each, ending with a line break. */
export const csvRows = (rows: readonly (readonly CsvCell[])[]): string => rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n';

/**
 * Reads back a cell the writer neutralised: a single quote before a formula character is
 * dropped, so an exported lexicon imports unchanged.
 */
export const unneutralisedCell = (text: string): string =>
  text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
