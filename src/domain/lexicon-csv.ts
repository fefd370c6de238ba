import { csvRows, unneutralisedCell } from './csv';
import type { LexiconEntry } from './lexicon-scan';
import { err, ok, type Result } from './result';

/** The lexicon as CSV, for admins who keep it in a spreadsheet: `term,category,unless` with `;` between unless-terms. */
const LEXICON_CSV_HEADER = 'term,category,unless';

export const lexiconToCsv = (lexicon: readonly LexiconEntry[]): string =>
  csvRows([
    LEXICON_CSV_HEADER.split(','),
    ...lexicon.map((entry) => [entry.term, entry.category, (entry.unlessCopyContains ?? []).join(';')]),
  ]);

/** Splits one CSV line into fields (RFC 4180 quoting); null when a quote is left open. */
const fieldsOf = (line: string): string[] | null => {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"' && current === '') quoted = true;
    else if (c === ',') {
      fields.push(current);
      current = '';
    } else current += c;
  }
  if (quoted) return null;
  fields.push(current);
  return fields;
};

/** Reads lexicon CSV; the error names the line and what is wrong with it. Blank lines are skipped. */
export const lexiconFromCsv = (csv: string): Result<LexiconEntry[], { readonly message: string }> => {
  const lines = csv.replace(/\r\n?/g, '\n').split('\n');
  const entries: LexiconEntry[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || (index === 0 && line.trim().toLowerCase() === LEXICON_CSV_HEADER)) continue;
    const fields = fieldsOf(line);
    const where = `line ${index + 1}`;
    if (fields === null) return err({ message: `${where}: a quoted field is not closed` });
    if (fields.length < 2 || fields.length > 3)
      return err({
        message: `${where}: expected term,category[,unless] but found ${fields.length} field${fields.length === 1 ? '' : 's'}`,
      });
    const [term = '', category = '', unless = ''] = fields.map((field) => unneutralisedCell(field).trim());
    if (term === '') return err({ message: `${where}: the term is empty` });
    if (category !== 'claim' && category !== 'regulated')
      return err({ message: `${where}: the category must be "claim" or "regulated", not "${category}"` });
    const unlessTerms = unless
      .split(';')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    entries.push({ term, category, ...(unlessTerms.length > 0 ? { unlessCopyContains: unlessTerms } : {}) });
  }
  return ok(entries);
};
