import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GATES } from '../../src/domain/gates/gate-items';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { storageKeys } from '../../src/use-cases/ports';
import { FIELD_IDS } from '../fakes/fake-jira';
import { completeRecord } from '../fakes/fixtures';
import { world } from '../fakes/test-deps';

/** Replaces the value at a random path of a JSON value: how real records go subtly wrong. */
const corrupt = (value: unknown, path: readonly number[], replacement: unknown): unknown => {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return replacement;
  const [index, ...rest] = path;
  const [key, child] = entries[(index ?? 0) % entries.length]!;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  (copy as Record<string, unknown>)[key] = corrupt(child, rest, replacement);
  return copy;
};

const storedRecord = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue(),
  fc
    .tuple(fc.array(fc.nat(), { maxLength: 6 }), fc.oneof(fc.jsonValue(), fc.constant(undefined)))
    .map(([path, replacement]) => corrupt(JSON.parse(JSON.stringify(completeRecord('revenue'))), path, replacement)),
);

const fieldValue = fc.oneof(fc.jsonValue(), fc.integer({ min: -2, max: 8 }), fc.constant(null), fc.string());

const issueFields = fc.record(
  {
    description: fc.oneof(fc.string(), fc.jsonValue(), fc.constant({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(50) }] }] })),
    duedate: fc.oneof(fc.constant(null), fc.string(), fc.constant('2026-07-31'), fc.constant('2026-02-30')),
    assignee: fc.oneof(fc.constant(null), fc.record({ accountId: fc.string() }), fc.jsonValue()),
    created: fc.oneof(fc.string(), fc.constant('2026-06-01T09:00:00.000+0000')),
    status: fc.oneof(fc.record({ name: fc.string() }), fc.jsonValue()),
    [FIELD_IDS.impact]: fieldValue,
    [FIELD_IDS.risk]: fieldValue,
    [FIELD_IDS.successMetric]: fieldValue,
  },
  { requiredKeys: [] },
);

const payload = fc.oneof(
  fc.jsonValue(),
  fc.record({
    issue: fc.oneof(fc.record({ key: fc.constantFrom('MKT-1', 'MKT-2', '') }), fc.jsonValue()),
    transition: fc.oneof(fc.constant(undefined), fc.record({ modifiedFields: fc.oneof(fc.dictionary(fc.string(), fieldValue), fc.constant(null)) })),
  }),
);

describe('gate validators under random and corrupt input', () => {
  it('always answer {result, errorMessage} and never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...GATES), storedRecord, fc.oneof(fc.constant(undefined), fc.jsonValue()), issueFields, payload, async (gate, record, config, fields, request) => {
        const { jira, store, deps } = world(null);
        Object.assign(jira.issues.get('10001')!.fields, fields);
        if (record !== undefined) store.data.set(storageKeys.record('10001'), record);
        if (config !== undefined) store.data.set(storageKeys.config, config);
        const verdict = await gateValidator(gate, deps)(request);
        expect(typeof verdict.result).toBe('boolean');
        if (!verdict.result) expect(verdict.errorMessage).toMatch(/\S/);
        // Every bad input is an expected failure with its own message, not a caught crash.
        expect(verdict.errorMessage ?? '').not.toContain('unexpected error');
        expect(Object.keys(verdict).every((key) => key === 'result' || key === 'errorMessage')).toBe(true);
      }),
      { numRuns: 3_000 },
    );
  });
});
