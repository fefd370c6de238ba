import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMetricsExportJson } from '../../src/contracts/jira-export-json';
import { parseMetricsExport } from '../../src/contracts/jira-export.schema';

/**
 * The byte reader of `npm run metrics` stands in for `parseMetricsExport(JSON.parse(text))`: the same issues, the same
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
    ...(offShape === 0 ? [] : [fc.constantFrom('2026-02-29T10:00:00.000+0000', '2026-06-01', 'yesterday', '1', '')]),
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
            duedate: maybe(either(fc.oneof(fc.constant(null), fc.constantFrom('2026-06-05', '2026-6-5')))),
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
