import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMetricsExport, parseMetricsExportBySchema, parseMetricsExportSkippingInvalid } from '../../src/contracts/jira-export.schema';
import { historyBucketSchema } from '../../src/contracts/metrics-store.schema';

const item = (field: string, from: string | null, to: string | null) => ({
  field,
  fieldtype: 'jira',
  fieldId: field,
  fromString: from,
  toString: to,
});
const history = (id: string | number | undefined, created: string, ...items: object[]) => ({
  ...(id === undefined ? {} : { id }),
  created,
  author: { accountId: 'a' },
  items,
});

/** An export as Jira gives it: embedded changelogs, a bulkfetch changelog repeating one of them, a summary property. */
const sample = () => ({
  issues: [
    {
      id: '10001',
      key: 'MKT-1',
      fields: {
        created: '2026-06-01T10:00:00.000+1100',
        duedate: '2026-06-05',
        status: { name: 'Launch' },
        issuelinks: [{ id: '500', type: { name: 'Blocks' }, inwardIssue: { id: '10002', key: 'MKT-2' } }],
      },
      changelog: {
        histories: [
          history('3', '2026-06-04T23:00:00.000+0000', item('labels', '', 'x'), item('status', 'QA + Governance', 'Launch')),
          history('1', '2026-06-02T10:00:00.000+1100', item('status', 'Intake', 'Build')),
        ],
      },
      properties: {
        'flight-plan-summary': { tier: 'revenue', campaign: 'spring-webinar', metric: { indicator: 'leads', target: 400, windowDays: 30 } },
      },
    },
    {
      id: '10002',
      key: 'MKT-2',
      fields: { created: '2026-06-01T00:00:00.000Z', duedate: null, status: { name: 'Triage' } },
      changelog: { histories: [history(undefined, '2026-06-02T00:00:00.000+0000', item('status', null, 'Triage'))] },
      properties: {},
    },
  ],
  changelogs: [
    {
      issueId: '10001',
      changeHistories: [
        history(2, '2026-06-03T00:00:00.000+0000', item('status', 'Build', 'QA + Governance')),
        history('1', '2026-06-02T10:00:00.000+1100', item('status', 'Intake', 'Build')),
      ],
    },
  ],
});

type Json = Record<string, unknown> | unknown[];

/** Every path to a value inside `value`, so a mutation can land anywhere, the items' `toString` included. */
const pathsOf = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, n) => n) : Object.keys(value);
  return [prefix, ...keys.flatMap((key) => pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key]))];
};
const PATHS = pathsOf(sample()).filter((path) => path.length > 0);

const REPLACEMENTS: unknown[] = [
  null,
  undefined,
  0,
  7,
  -1.5,
  '',
  'yesterday',
  '2026-06-01',
  '2026-02-30T10:00:00.000+0000',
  // An instant without its offset or outside 1900–2999, a due date that is no real day.
  '2025-01-02T00:00:00.000',
  '0100-01-01T00:00:00.000Z',
  '2025-02-30',
  '2025-99-99',
  '1',
  [],
  {},
  ['x'],
  { name: 1 },
  true,
  'status',
];

const mutated = (changes: readonly [number, number][]): unknown => {
  const data = sample() as unknown as Json;
  for (const [pathIndex, replacementIndex] of changes) {
    const path = PATHS[pathIndex % PATHS.length] ?? [];
    let parent: unknown = data;
    for (const key of path.slice(0, -1))
      parent = typeof parent === 'object' && parent !== null ? (parent as Record<string | number, unknown>)[key] : undefined;
    if (typeof parent !== 'object' || parent === null) continue;
    const replacement = REPLACEMENTS[replacementIndex % REPLACEMENTS.length];
    const last = path.at(-1) as string | number;
    if (replacement === undefined && !Array.isArray(parent)) delete (parent as Record<string | number, unknown>)[last];
    else (parent as Record<string | number, unknown>)[last] = structuredClone(replacement);
  }
  return data;
};

describe('reading a metrics export', () => {
  it('reads the sample: histories from both sources merged once, the summary and the blockers', () => {
    const read = parseMetricsExport(sample());
    expect(
      read.ok && read.value.map((issue) => [issue.key, issue.changes.map((change) => change.toStatus), issue.tier, issue.blockedBy]),
    ).toEqual([
      ['MKT-1', ['Build', 'QA + Governance', 'Launch'], 'revenue', ['10002']],
      ['MKT-2', ['Triage'], undefined, undefined],
    ]);
  });

  it('answers exactly as the schemas alone do, however the export is broken', () => {
    // The plain reading skips the schemas' copies for speed; it must never accept, drop or word anything differently.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 0, maxLength: 3 }), (changes) => {
        const raw = mutated(changes);
        const strict = parseMetricsExportBySchema(structuredClone(raw), false);
        expect(parseMetricsExport(structuredClone(raw))).toEqual(strict.ok ? { ok: true, value: strict.value.issues } : strict);
        expect(parseMetricsExportSkippingInvalid(structuredClone(raw))).toEqual(parseMetricsExportBySchema(structuredClone(raw), true));
      }),
      { numRuns: 3_000 },
    );
  });

  it('counts status changes oldest first, those of one instant by their history ids', () => {
    const at = '2026-06-02T10:00:00.000+0000';
    const data = {
      issues: [
        {
          id: '1',
          key: 'MKT-1',
          fields: { created: '2026-06-01T00:00:00.000Z', status: { name: 'QA' } },
          changelog: {
            histories: [
              history('2', at, item('status', 'Triage', 'Build')),
              history('1', at, item('status', 'Intake', 'Triage')),
              history('3', '2026-06-03T10:00:00.000+0000', item('status', 'Build', 'QA')),
            ],
          },
        },
      ],
    };
    const read = parseMetricsExport(data);
    expect(read.ok && read.value[0]?.changes.map((change) => change.toStatus)).toEqual(['Triage', 'Build', 'QA']);
  });

  it('keeps no more blockers than a stored bucket holds, so a much-blocked request still stores', () => {
    const data = sample();
    const blockers = Array.from({ length: 80 }, (_, n) => ({
      id: `${600 + n}`,
      type: { name: 'Blocks' },
      inwardIssue: { id: `${20_000 + n}`, key: `MKT-${100 + n}` },
    }));
    const first = data.issues[0];
    if (first?.fields === undefined) throw new Error('the sample has no first issue');
    first.fields.issuelinks = blockers;
    const read = parseMetricsExport(data);
    if (!read.ok) throw new Error(read.error.message);
    const issue = read.value[0];
    const bucket = {
      statuses: ['Intake'],
      issues: { '10001': { key: 'MKT-1', createdAt: 0, dueDate: null, currentStatus: 0, changes: [], blockedBy: issue?.blockedBy } },
    };
    expect(issue?.blockedBy?.length).toBeGreaterThan(0);
    expect(historyBucketSchema.safeParse(bucket).success).toBe(true);
  });

  it('reads an issue whatever its summary property says of a success metric: nothing reads it, so nothing stops on it', () => {
    const data = sample();
    const summary = data.issues[0]?.properties['flight-plan-summary'];
    if (summary === undefined) throw new Error('the sample has no summary');
    summary.metric.indicator = 'Leads';
    const read = parseMetricsExport(data);
    expect(read.ok && read.value[0]).toMatchObject({ campaign: 'spring-webinar', tier: 'revenue' });
  });
});
