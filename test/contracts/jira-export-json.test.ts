import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMetricsExportJson } from '../../src/contracts/jira-export-json';
import { parseMetricsExport } from '../../src/contracts/jira-export.schema';
import { bytesReader, readUsualExport, warmUpReader, type ReadMore } from '../../src/contracts/jira-export-stream';

/**
 * The byte readers of `npm run metrics` stand in for `parseMetricsExport(JSON.parse(text))`: the same issues, the same
 * failures word for word, and for text that is not JSON the same SyntaxError. These tests hold it to that on exports
 * written every way JSON allows (whitespace, key order, escapes, numbers in exponent form, keys given twice), with
 * values of every type where the shapes expect one, and on bytes that are truncated, mutated or not UTF-8.
 */

type Answer = { threw: string } | { result: unknown };

const answer = (read: () => unknown): Answer => {
  try {
    return { result: read() };
  } catch (error) {
    return { threw: `${(error as Error).name}: ${(error as Error).message}` };
  }
};

/** What the command read before: the bytes decoded as UTF-8, JSON.parse, then the export's reading. */
const expected = (bytes: Buffer): Answer => answer(() => parseMetricsExport(JSON.parse(bytes.toString('utf8'))));
const actual = (bytes: Buffer): Answer => answer(() => parseMetricsExportJson(bytes));

// ---- Values ---------------------------------------------------------------------------------------------------------------

const METRIC_FIELD = 'customfield_10050';

const text = fc.oneof(
  fc.constantFrom('Intake', 'Build', 'QA + Governance', 'Launch', 'status', 'labels', '', 'In Review'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.constantFrom('é', 'Straße', '🚀 launch', '"quoted"', 'back\\slash', 'line\nbreak', '\u2028', '\ud800'),
);
/** Anything, where a shape expects one type. */
const other = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant([]),
  fc.constant({}),
  text,
);
const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined, freq: 4 });

/**
 * Exports as Jira writes them, with one value in `1 + 30 / offShape` (none at 0) of a type or form the shapes do not
 * expect, so that entries both pass the reader's own reading and go to the JSON.parse path.
 */
const exportsOf = (offShape: number) => {
  const either = <T>(value: fc.Arbitrary<T>) =>
    offShape === 0 ? value : fc.oneof({ weight: 30, arbitrary: value }, { weight: offShape, arbitrary: other });
  const instant = fc.oneof(
    fc
      .tuple(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('Z', '+0000', '+1100', '-0530'),
      )
      .map(([date, offset]) => date.toISOString().replace('Z', offset)),
    either(fc.constantFrom('2026-02-28T10:00:00.000+0000', '2026-06-01T10:00:00+1100')),
    ...(offShape === 0
      ? []
      : [
          fc.constantFrom(
            '2026-02-29T10:00:00.000+0000',
            '2026-06-01',
            'yesterday',
            '1',
            '',
            // No offset (Date.parse read it in the machine's time zone), or outside 1900–2999.
            '2025-01-02T00:00:00.000',
            '0100-01-01T00:00:00.000Z',
            '+275760-09-13T00:00:00.000Z',
          ),
        ]),
  );
  const item = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record(
        {
          field: maybe(either(fc.constantFrom('status', 'labels', 'Status'))),
          fieldtype: fc.constant('jira'),
          fieldId: maybe(either(fc.constantFrom('status', 'labels'))),
          from: maybe(other),
          fromString: maybe(either(fc.oneof(fc.constant(null), text))),
          to: maybe(other),
          toString: maybe(either(fc.oneof(fc.constant(null), text))),
        },
        { requiredKeys: [] },
      ),
    },
    ...(offShape === 0 ? [] : [{ weight: 1, arbitrary: other }]),
  );
  const history = fc.record(
    {
      id: maybe(either(fc.oneof(fc.constantFrom('1', '2', '3', '10'), fc.integer({ min: 0, max: 12 }), fc.constant(1e21)))),
      created: either(instant),
      author: maybe(fc.record({ accountId: fc.constant('acc-1'), active: fc.boolean() })),
      items: either(fc.array(item, { maxLength: 3 })),
    },
    { requiredKeys: ['created', 'items'] },
  );
  const histories = fc.array(history, { maxLength: 4 });
  const issue = fc.record(
    {
      id: either(fc.constantFrom('10001', '10002', '10003')),
      key: either(fc.constantFrom('MKT-1', 'MKT-2', 'MKT-3')),
      fields: either(
        fc.record(
          {
            created: either(instant),
            duedate: maybe(either(fc.oneof(fc.constant(null), fc.constantFrom('2026-06-05', '2026-6-5', '2025-99-99', '2025-02-30')))),
            status: either(fc.record({ name: either(text), id: fc.constant('3') }, { requiredKeys: [] })),
            issuelinks: maybe(
              fc.array(
                fc.record({
                  id: fc.constantFrom('500', '501'),
                  type: fc.record({ name: fc.constantFrom('Blocks', 'Relates') }),
                  inwardIssue: fc.record({ id: fc.constantFrom('10002', '10003'), key: fc.constant('MKT-2') }),
                }),
                { maxLength: 2 },
              ),
            ),
            [METRIC_FIELD]: maybe(either(fc.constantFrom('400 registrations within 30 days of launch', ''))),
            summary: maybe(text),
          },
          { requiredKeys: [] },
        ),
      ),
      changelog: maybe(either(fc.record({ startAt: fc.constant(0), histories: either(histories) }, { requiredKeys: [] }))),
      properties: maybe(
        either(
          fc.record(
            {
              'flight-plan-summary': either(
                fc.record({
                  tier: maybe(either(fc.constantFrom('revenue', 'unset'))),
                  campaign: maybe(either(fc.constantFrom('spring', ' spring ', ''))),
                }),
              ),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
    },
    { requiredKeys: ['id', 'key', 'fields'] },
  );
  const changelog = fc.record(
    { issueId: either(fc.constantFrom('10001', '10002', '10009')), changeHistories: either(histories) },
    { requiredKeys: [] },
  );
  const exported = fc.record(
    {
      issues: either(fc.array(either(issue), { maxLength: 3 })),
      changelogs: maybe(either(fc.array(either(changelog), { maxLength: 2 }))),
      schema: maybe(
        either(
          fc.record({
            [METRIC_FIELD]: fc.record({ custom: either(fc.constant('ari:cloud:ecosystem::extension/0a1b/static/fp-success-metric')) }),
          }),
        ),
      ),
      nextPageToken: maybe(text),
    },
    { requiredKeys: ['issues'] },
  );
  return exported;
};

// ---- Writing JSON every way it may be written ------------------------------------------------------------------------

/** How to write an export: the choices are drawn from `choices`, one after another, so a run is reproducible. */
const writer = (choices: readonly number[]) => {
  let next = 0;
  const choose = (n: number): number => (choices.length === 0 ? 0 : (choices[next++ % choices.length] as number) % n);
  const space = (): string => ['', '', '', ' ', '\n  ', '\t', '\r\n'][choose(7)] as string;
  const string = (value: string): string => {
    if (choose(3) !== 0) return JSON.stringify(value);
    // Escapes: each character may be written as \uXXXX, or as its short escape.
    let written = '"';
    for (const char of value) {
      const code = char.charCodeAt(0);
      if (char === '"' || char === '\\' || code < 0x20 || choose(4) === 0)
        written += Array.from({ length: char.length }, (_, n) => `\\u${char.charCodeAt(n).toString(16).padStart(4, '0')}`).join('');
      else if (char === '/' && choose(2) === 0) written += '\\/';
      else written += JSON.stringify(char).slice(1, -1);
    }
    return `${written}"`;
  };
  const number = (value: number): string => {
    const plain = JSON.stringify(value);
    if (!Number.isInteger(value) || Math.abs(value) > 1e15) return plain;
    return [plain, `${value}e0`, `${value * 10}E-1`, `${value}.0`, `${value / 10}e+1`][choose(5)] as string;
  };
  const write = (value: unknown): string => {
    if (value === null || typeof value === 'boolean') return String(value);
    if (typeof value === 'number') return number(value);
    if (typeof value === 'string') return string(value);
    if (Array.isArray(value)) return `[${space()}${value.map((element) => write(element)).join(`${space()},${space()}`)}${space()}]`;
    const entries = Object.entries(value as Record<string, unknown>).filter(([, member]) => member !== undefined);
    // Any order of keys; now and then a key given twice, the first value a decoy (JSON.parse keeps the last): the same
    // value, another type, or another member's.
    for (let n = entries.length - 1; n > 0; n--) {
      const other = choose(n + 1);
      [entries[n], entries[other]] = [entries[other] as [string, unknown], entries[n] as [string, unknown]];
    }
    if (entries.length > 0 && choose(6) === 0) {
      const [key, member] = entries[0] as [string, unknown];
      const decoys = [member, 'status', null, [], (entries.at(-1) as [string, unknown])[1]];
      entries.unshift([key, decoys[choose(decoys.length)]]);
    }
    const members = entries.map(([key, member]) => `${space()}${string(key)}${space()}:${space()}${write(member)}`);
    return `{${members.join(',')}${space()}}`;
  };
  return write;
};

/** A byte-level change: none, or cut the text short, or remove, insert or replace one byte. */
const mutate = (bytes: Buffer, [kind, at, byte]: readonly [number, number, number]): Buffer => {
  const place = bytes.length === 0 ? 0 : at % bytes.length;
  const inserted = Buffer.from([
    [0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x20, 0x31, 0x0a, 0x01, 0x80, 0xc3, 0xe2, 0xff][byte % 16] as number,
  ]);
  switch (kind % 8) {
    case 0:
      return bytes.subarray(0, place);
    case 1:
      return Buffer.concat([bytes.subarray(0, place), bytes.subarray(place + 1)]);
    case 2:
      return Buffer.concat([bytes.subarray(0, place), inserted, bytes.subarray(place)]);
    case 3:
      return Buffer.concat([bytes.subarray(0, place), inserted, bytes.subarray(place + 1)]);
    default:
      return bytes;
  }
};

describe('reading a metrics export from its bytes', () => {
  it('answers as JSON.parse and the export reading do, for exports written every way JSON allows', () => {
    fc.assert(
      fc.property(fc.oneof(exportsOf(0), exportsOf(1)), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (value, choices) => {
        const bytes = Buffer.from(writer(choices)(value), 'utf8');
        expect(actual(bytes)).toEqual(expected(bytes));
      }),
      { numRuns: 3_000 },
    );
  });

  it('answers as they do for bytes cut short, mutated or not UTF-8, with JSON.parse’s own syntax error', () => {
    fc.assert(
      fc.property(
        fc.oneof(exportsOf(0), exportsOf(1)),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        fc.tuple(fc.nat(), fc.nat(), fc.nat()),
        (value, choices, change) => {
          const bytes = mutate(Buffer.from(writer(choices)(value), 'utf8'), change);
          expect(actual(bytes)).toEqual(expected(bytes));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('reads the common shape itself, and says as JSON.parse does what is not JSON', () => {
    const issue = {
      id: '10001',
      key: 'MKT-1',
      fields: { created: '2026-06-01T10:00:00.000+1100', duedate: null, status: { name: 'Build' } },
      changelog: {
        histories: [
          { id: '1', created: '2026-06-02T10:00:00.000+1100', items: [{ field: 'status', fromString: 'Intake', toString: 'Build' }] },
        ],
      },
    };
    const bytes = Buffer.from(JSON.stringify({ issues: [issue] }));
    expect(actual(bytes)).toEqual(expected(bytes));
    expect(parseMetricsExportJson(bytes)).toMatchObject({
      ok: true,
      value: [{ key: 'MKT-1', changes: [{ fromStatus: 'Intake', toStatus: 'Build' }] }],
    });
    const history = (id: string) =>
      `{"issues":[{"id":"1","key":"MKT-1","fields":{"created":"2026-06-01T10:00:00.000Z","status":{"name":"Build"}},"changelog":{"histories":[{"id":${id},"created":"2026-06-02T10:00:00.000Z","items":[]}]}}]}`;
    for (const id of ['1e400', '-0', '1E2', '0.5e-3', '"\\u0031"', 'null', '-'])
      expect(actual(Buffer.from(history(id)))).toEqual(expected(Buffer.from(history(id))));
    for (const bad of [
      '',
      ' ',
      '\ufeff{"issues": []}',
      '{"issues": []} x',
      '{"issues": [01]}',
      '[]',
      '{"issues": 5}',
      '{"issues": [], "issues": [{}]}',
      '{"issues":[{"id":"1",',
    ])
      expect(actual(Buffer.from(bad))).toEqual(expected(Buffer.from(bad)));
    expect(actual(Buffer.from('{"issues": [}'))).toEqual({ threw: expect.stringMatching(/^SyntaxError: /) as unknown });
  });

  it('reads each of thousands of different names as written, though the reader keeps one string per repeated name', () => {
    // More names of one length than the reader's cache has places: names that share a place must still be told apart.
    const status = (n: number): string => `S${String(n).padStart(4, '0')}`;
    const histories = Array.from({ length: 3_000 }, (_, n) => ({
      id: String(n),
      created: '2026-06-02T10:00:00.000+0000',
      items: [{ field: 'status', fromString: status(n), toString: status((n * 7) % 3_000) }],
    }));
    const bytes = Buffer.from(
      JSON.stringify({
        issues: [
          { id: '1', key: 'MKT-1', fields: { created: '2026-06-01T10:00:00.000Z', status: { name: 'S0001' } }, changelog: { histories } },
        ],
      }),
    );
    expect(actual(bytes)).toEqual(expected(bytes));
  });

  it('skips values of any depth, as JSON.parse reads them', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const bytes = Buffer.from(`{"issues": [], "deep": ${deep}}`);
    expect(actual(bytes)).toEqual(expected(bytes));
    const unclosed = Buffer.from(`{"issues": [], "deep": ${'['.repeat(100_000)}}`);
    expect(actual(unclosed)).toEqual(expected(unclosed));
  });
});

// ---- The streaming reader of the usual shape ----------------------------------------------------------------------------

/** The bytes as a file gives them, at most `chunk` at a time: every token may be cut where a read ends. */
const streamOf = (bytes: Buffer, chunk: number): ReadMore => {
  let at = 0;
  return (into, offset, length) => {
    const count = Math.min(length, chunk, bytes.length - at);
    bytes.copy(into, offset, at, at + count);
    at += count;
    return count;
  };
};

/** The streaming reader's answer, held to the exact one: none (the exact reader then reads), or the same issues. */
const expectStreamedAsExact = (bytes: Buffer, chunk: number): boolean => {
  const streamed = readUsualExport(streamOf(bytes, chunk));
  if (streamed === null) return false;
  expect({ result: { ok: true, value: streamed } }).toEqual(expected(bytes));
  return true;
};

const JIRA_INSTANT = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

/**
 * Exports of the usual shape, as Jira's search and bulkfetch write them: histories in order (instants rising, some
 * equal, ids rising or absent), status items beside others, an issue's histories embedded or in changelog entries,
 * split in two entries (two bulkfetch pages) or not, with escapes and names beyond ASCII.
 */
const usualExports = fc
  .array(
    fc.record({
      status: fc.constantFrom('Intake', 'Build', 'QA + Governance', 'Straße', 'Launch "soon"', 'Done'),
      dueDate: fc.constantFrom(null, '2026-06-05'),
      changes: fc.array(
        fc.record({
          gapMs: fc.constantFrom(0, 1, 3_600_000),
          withId: fc.boolean(),
          from: fc.constantFrom('Intake', 'Build', 'QA + Governance', 'Straße'),
          to: fc.constantFrom('Build', 'Launch', '🚀 Launch', 'Done'),
          besideLabels: fc.boolean(),
        }),
        { maxLength: 5 },
      ),
      source: fc.constantFrom('embedded', 'changelogs', 'two pages'),
    }),
    { maxLength: 4 },
  )
  .map((issues) => {
    const changelogs: unknown[] = [];
    const exported = issues.map((issue, n) => {
      const id = String(10_001 + n);
      let at = Date.UTC(2026, 5, 1);
      let historyId = 100;
      let idBefore = false;
      const histories = issue.changes.map((change) => {
        at += change.gapMs;
        historyId += 1 + (change.gapMs % 3);
        // At one instant, the exact reader orders a history without an id (as 0) before one with: so does Jira's order.
        const withId = change.withId || issue.source === 'two pages' || (change.gapMs === 0 && idBefore);
        idBefore = withId;
        const status = {
          field: 'status',
          fieldtype: 'jira',
          fieldId: 'status',
          from: '1',
          fromString: change.from,
          to: '2',
          toString: change.to,
        };
        const labels = { field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: '', to: null, toString: 'webinar' };
        return {
          ...(withId ? { id: String(historyId) } : {}),
          created: JIRA_INSTANT(at),
          items: change.besideLabels ? [labels, status] : [status],
        };
      });
      const fields = { created: JIRA_INSTANT(Date.UTC(2026, 4, 1)), duedate: issue.dueDate, status: { name: issue.status, id: '3' } };
      if (issue.source === 'embedded') return { id, key: `MKT-${n + 1}`, fields, changelog: { startAt: 0, histories } };
      const half = Math.ceil(histories.length / 2);
      if (issue.source === 'two pages')
        changelogs.push(
          { issueId: id, changeHistories: histories.slice(0, half) },
          { issueId: id, changeHistories: histories.slice(half) },
        );
      else changelogs.push({ issueId: id, changeHistories: histories });
      return { id, key: `MKT-${n + 1}`, fields };
    });
    return { issues: exported, changelogs };
  });

describe('reading an export of the usual shape as it streams in', () => {
  it('reads it, in any chunks, as JSON.parse and the export reading do', () => {
    fc.assert(
      fc.property(usualExports, fc.constantFrom(0, 2, '\t'), fc.integer({ min: 1, max: 64 }), (value, indent, chunk) => {
        const bytes = Buffer.from(JSON.stringify(value, null, indent), 'utf8');
        expect(expectStreamedAsExact(bytes, chunk)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('answers nothing, or what JSON.parse and the export reading answer, for any export and any bytes', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.oneof(exportsOf(0), exportsOf(1), usualExports),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.tuple(fc.nat(), fc.nat(), fc.nat()),
        fc.integer({ min: 1, max: 9 }),
        (value, choices, change, chunk) => {
          const bytes = mutate(Buffer.from(writer(choices)(value), 'utf8'), change);
          if (expectStreamedAsExact(bytes, chunk)) answered++;
        },
      ),
      { numRuns: 3_000 },
    );
    // Many of these are of the usual shape: the reader reads them itself, not only hands them on.
    expect(answered).toBeGreaterThan(150);
  });

  it('reads an issue listed twice (two search pages that overlap) as the exact reader does', () => {
    const fields = { created: '2026-05-01T00:00:00.000+0000', duedate: null, status: { name: 'Build' } };
    const history = {
      id: '10',
      created: '2026-06-01T00:00:00.000+0000',
      items: [{ field: 'status', fromString: 'Intake', toString: 'Build' }],
    };
    const bytes = Buffer.from(
      JSON.stringify({
        issues: [
          { id: '1', key: 'MKT-1', fields },
          { id: '1', key: 'MKT-1', fields },
        ],
        changelogs: [{ issueId: '1', changeHistories: [history] }],
      }),
    );
    expect(expectStreamedAsExact(bytes, bytes.length)).toBe(true);
  });

  it('hands on a due date that is no real day, and an instant without its offset or outside 1900–2999: the exact reader names it', () => {
    const issue = (fields: Record<string, unknown>) => ({
      issues: [
        { id: '1', key: 'MKT-1', fields: { created: '2026-06-01T10:00:00.000Z', duedate: null, status: { name: 'Build' }, ...fields } },
      ],
    });
    const history = (created: string) => ({
      issues: [issue({}).issues[0]],
      changelogs: [{ issueId: '1', changeHistories: [{ id: '1', created, items: [] }] }],
    });
    for (const [unreal, problem] of [
      [issue({ duedate: '2025-99-99' }), 'issues[0] (MKT-1): fields.duedate: must be a real date between 1900 and 2999, as YYYY-MM-DD'],
      [issue({ duedate: '2025-02-30' }), 'issues[0] (MKT-1): fields.duedate: must be a real date'],
      [issue({ created: '2025-01-02T00:00:00.000' }), 'issues[0] (MKT-1): fields.created: must be a date-time between 1900 and 2999'],
      [issue({ created: '0100-01-01T00:00:00.000Z' }), 'issues[0] (MKT-1): fields.created: must be a date-time between 1900 and 2999'],
      [history('+275760-09-13T00:00:00.000Z'), 'changelogs[0]: changeHistories[0].created: must be a date-time between 1900 and 2999'],
    ] as const) {
      const bytes = Buffer.from(JSON.stringify(unreal));
      expect(readUsualExport(streamOf(bytes, bytes.length))).toBeNull();
      expect(actual(bytes)).toEqual(expected(bytes));
      expect(parseMetricsExportJson(bytes)).toMatchObject({ ok: false, error: { message: expect.stringContaining(problem) as unknown } });
    }
  });

  it('reads bytes held whole (a pipe read at once) as it reads them from a file, past its window', () => {
    const bytes = Buffer.from(
      JSON.stringify({
        issues: [
          {
            id: '1',
            key: 'MKT-1',
            fields: { created: '2026-06-01T10:00:00.000Z', status: { name: 'Build' }, description: 'x'.repeat(1_500_000) },
          },
        ],
      }),
    );
    expect(readUsualExport(bytesReader(bytes))).toEqual(readUsualExport(streamOf(bytes, 65_536)));
    expect(expectStreamedAsExact(bytes, bytes.length)).toBe(true);
  });

  it('reads its warm-up export itself, as usual', () => {
    // Handed on, the warm-up would take only the path that hands an export on, and warm nothing.
    expect(warmUpReader()).toBe(true);
  });

  it('keeps an item, and a string, longer than its window whole', () => {
    const long = 'x'.repeat(1_500_000);
    const exported = {
      issues: [
        {
          id: '1',
          key: 'MKT-1',
          fields: { created: '2026-06-01T10:00:00.000Z', status: { name: 'Build' }, description: long },
          changelog: {
            histories: [
              {
                id: '1',
                created: '2026-06-02T10:00:00.000Z',
                items: [{ field: 'status', fromString: 'Intake', description: long, toString: 'Build' }],
              },
            ],
          },
        },
      ],
    };
    const bytes = Buffer.from(JSON.stringify(exported));
    expect(expectStreamedAsExact(bytes, 65_536)).toBe(true);
    expect(readUsualExport(streamOf(bytes, bytes.length))?.[0]?.changes).toEqual([
      { at: Date.parse('2026-06-02T10:00:00.000Z'), fromStatus: 'Intake', toStatus: 'Build' },
    ]);
  });

  it('hands on what is not of the usual shape, and what is not JSON', () => {
    const issue = (histories: unknown[]) => ({
      id: '1',
      key: 'MKT-1',
      fields: { created: '2026-06-01T10:00:00.000Z', status: { name: 'Build' } },
      changelog: { histories },
    });
    const history = (id: string | undefined, created: string) => ({
      ...(id ? { id } : {}),
      created,
      items: [{ field: 'status', fromString: 'A', toString: 'B' }],
    });
    for (const unusual of [
      // Histories out of order (at one instant, one without an id counts as id 0), or an id given twice: the exact
      // reader sorts and merges them.
      { issues: [issue([history('2', '2026-06-02T10:00:00.000Z'), history(undefined, '2026-06-02T10:00:00.000Z')])] },
      { issues: [issue([history('2', '2026-06-03T10:00:00.000Z'), history('3', '2026-06-02T10:00:00.000Z')])] },
      { issues: [issue([history('2', '2026-06-02T10:00:00.000Z'), history('2', '2026-06-03T10:00:00.000Z')])] },
      // An id Jira does not write; the summary property; links; the fields' schema.
      { issues: [issue([history('07', '2026-06-02T10:00:00.000Z')])] },
      { issues: [{ ...issue([]), properties: { 'flight-plan-summary': { tier: 'revenue' } } }] },
      { issues: [{ ...issue([]), fields: { ...issue([]).fields, issuelinks: [] } }] },
      { issues: [], schema: {} },
      // One issue's histories from both sources.
      { issues: [issue([history('1', '2026-06-02T10:00:00.000Z')])], changelogs: [{ issueId: '1', changeHistories: [] }] },
    ]) {
      const bytes = Buffer.from(JSON.stringify(unusual));
      expect(readUsualExport(streamOf(bytes, bytes.length))).toBeNull();
      expect(parseMetricsExportJson(bytes).ok).toBe(true);
    }
    for (const bad of ['', '{"issues": []} x', '{"issues": [01]}', '{"issues":[{"id":"1",', '{"issues": [], }', '{"issues": [}'])
      expect(readUsualExport(streamOf(Buffer.from(bad), 3))).toBeNull();
    expect(readUsualExport(streamOf(Buffer.from(' {"issues": [] }\n'), 1))).toEqual([]);
  });
});
