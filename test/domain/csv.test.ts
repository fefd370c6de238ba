import { describe, expect, it } from 'vitest';
import { csvCell, csvRows, unneutralisedCell } from '../../src/domain/csv';
import { lexiconFromCsv, lexiconToCsv } from '../../src/domain/lexicon-csv';
import { auditCsv, quarterlyAudit } from '../../src/domain/quarterly-audit';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';

describe('the CSV writer', () => {
  it('quotes a cell with a comma, a quote, CR or LF, so a bare CR never starts a row', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\rbreak')).toBe('"line\rbreak"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(-3)).toBe('-3');
  });

  it('neutralises a text cell that a spreadsheet would read as a formula (OWASP CSV injection)', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\n']) {
      expect(csvCell(`${start}cmd|' /C calc'!A0`), JSON.stringify(start)).toBe(`"'${start}cmd|' /C calc'!A0"`);
    }
    expect(unneutralisedCell("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unneutralisedCell("'quoted")).toBe("'quoted");
  });

  it("writes the issue's reason as one quoted cell on its own row", () => {
    const csv = csvRows([['tier downgrade', 'MKT-1', "budget cut\r=cmd|' /C calc'!A0"]]);
    expect(csv).toBe(`tier downgrade,MKT-1,"budget cut\r=cmd|' /C calc'!A0"\n`);
  });

  it('is the writer of the quarterly audit: a downgrade reason cannot inject a formula or a row', () => {
    const at = '2026-05-01T10:00:00.000Z';
    const audit = quarterlyAudit(
      {
        histories: [],
        blocks: [],
        libraryUses: [],
        approvalEvents: [],
        outcomeRequests: [],
        snapshots: [],
        decisions: [
          { key: 'MKT-1', by: 'acc-ops', at, detail: '=HYPERLINK("http://x")\rbudget cut\r=cmd|\' /C calc\'!A0', action: 'tier.lowered' },
        ],
      },
      DEFAULT_CONFIG,
      '2026-Q2',
      Date.parse('2026-06-30T00:00:00.000Z'),
    );
    const csv = auditCsv(audit, (accountId) => accountId);
    expect(csv).toContain(`tier downgrade,MKT-1,${at},acc-ops,"'=HYPERLINK(""http://x"")\rbudget cut\r=cmd|' /C calc'!A0"\n`);
  });

  it('is the writer of the lexicon export, which imports back unchanged', () => {
    const lexicon = [
      { term: '-50% off', category: 'claim' as const },
      { term: 'risk free', category: 'claim' as const, unlessCopyContains: ['@terms'] },
    ];
    const csv = lexiconToCsv(lexicon);
    expect(csv).toBe(`term,category,unless\n"'-50% off",claim,\nrisk free,claim,"'@terms"\n`);
    expect(lexiconFromCsv(csv)).toEqual({ ok: true, value: lexicon });
  });
});
