import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENT_CONFIG_VERSION, parseStoredConfig } from '../../src/contracts/app-config.schema';
import { parseStoredRecord } from '../../src/contracts/flight-plan-record.schema';
import { validatorPayloadSchema } from '../../src/contracts/forge-payloads.schema';
import { GATES } from '../../src/domain/gates/gate-items';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { RECORD_UNREADABLE_WORDS } from '../../src/use-cases/load-issue-state';
import { storageKeys } from '../../src/use-cases/ports';
import { STAGE_LABELS } from '../../src/domain/stages';
import { adf, ASSIGNEE, completeRecord, config as testConfig } from '../fakes/fixtures';
import { world } from '../fakes/site-deps';
import { FIELD_IDS } from '../fakes/test-jira';

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

/** A stored configuration that reads, and the same with a value replaced somewhere inside it. */
const storedConfig = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue(),
  fc
    .tuple(fc.array(fc.nat(), { maxLength: 6 }), fc.oneof(fc.jsonValue(), fc.constant(undefined)))
    .map(([path, replacement]) =>
      corrupt(
        { schemaVersion: CURRENT_CONFIG_VERSION, revision: 3, config: JSON.parse(JSON.stringify(testConfig())) as unknown },
        path,
        replacement,
      ),
    ),
);

const fieldValue = fc.oneof(fc.jsonValue(), fc.integer({ min: -2, max: 8 }), fc.constant(null), fc.string());

/** What Jira can hold for the request: any status of its workflow, no assignee, any value in the app's fields. */
const issueFields = fc.record(
  {
    description: fc.oneof(fc.constant(null), fc.jsonValue(), fc.constant(adf('x'.repeat(50)))),
    duedate: fc.constantFrom(null, '2026-07-31', '2026-02-30'),
    assignee: fc.constantFrom(null, ASSIGNEE),
    status: fc.constantFrom(...Object.values(STAGE_LABELS)),
    [FIELD_IDS.impact]: fieldValue,
    [FIELD_IDS.risk]: fieldValue,
    [FIELD_IDS.successMetric]: fieldValue,
  },
  { requiredKeys: [] },
);

// Mostly well-formed requests, so that many reach the stored record and configuration.
const payload = fc.oneof(
  { arbitrary: fc.jsonValue(), weight: 1 },
  {
    arbitrary: fc.record({
      issue: fc.oneof(
        { arbitrary: fc.record({ key: fc.constantFrom('MKT-1', 'MKT-2', '') }), weight: 3 },
        { arbitrary: fc.jsonValue(), weight: 1 },
      ),
      transition: fc.oneof(
        fc.constant(undefined),
        fc.record({ modifiedFields: fc.oneof(fc.dictionary(fc.string(), fieldValue), fc.constant(null)) }),
      ),
    }),
    weight: 2,
  },
);

describe('gate validators under random and corrupt input', () => {
  it('always answer {result, errorMessage}, never throw, and block when the record or configuration cannot be read', async () => {
    const seen = { unreadableConfig: 0, unreadableRecordOnly: 0, readableBoth: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GATES),
        storedRecord,
        storedConfig,
        issueFields,
        payload,
        async (gate, record, config, fields, request) => {
          const { jira, store, deps } = world(null);
          const { description, duedate, assignee, status, ...custom } = fields;
          const issue = jira.issue('10001');
          if (description !== undefined) issue.description = description;
          if (duedate !== undefined) issue.duedate = duedate;
          if (assignee !== undefined) issue.assigneeId = assignee;
          if (status !== undefined) jira.setStatus('10001', status);
          Object.assign(issue.custom, custom);
          if (record !== undefined) store.data.set(storageKeys.record('10001'), record);
          if (config !== undefined) store.data.set(storageKeys.config, config);
          const verdict = await gateValidator(gate, deps)(request);
          expect(typeof verdict.result).toBe('boolean');
          if (!verdict.result) expect(verdict.errorMessage).toMatch(/\S/);
          // Every bad input is an expected failure with its own message, not a caught crash.
          expect(verdict.errorMessage ?? '').not.toContain('unexpected error');
          expect(Object.keys(verdict).every((key) => key === 'result' || key === 'errorMessage')).toBe(true);

          // Failing closed: a configuration the app cannot read blocks every transition, and a record it cannot
          // read blocks its issue's, saying why (issue 12). Judged by the same parsers the app reads storage with.
          // Storage keeps JSON: an undefined inside an array comes back as null, as the app reads it.
          const asStored = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;
          const readConfig = config === undefined ? null : parseStoredConfig(asStored(config));
          const readRecord = record === undefined ? null : parseStoredRecord(asStored(record), '10001');
          const parsedRequest = validatorPayloadSchema.safeParse(request);
          const aboutStoredIssue = parsedRequest.success && parsedRequest.data.issue.key === 'MKT-1';
          if (readConfig?.ok === false) {
            seen.unreadableConfig++;
            expect(verdict.result).toBe(false);
            if (aboutStoredIssue) expect(verdict.errorMessage).toContain(readConfig.error.message);
          } else if (readRecord?.ok === false) {
            if (aboutStoredIssue) {
              seen.unreadableRecordOnly++;
              expect(verdict.result).toBe(false);
              expect(verdict.errorMessage).toContain(RECORD_UNREADABLE_WORDS[readRecord.error.code]);
            }
          } else if (aboutStoredIssue) seen.readableBoth++;
        },
      ),
      { numRuns: 3_000 },
    );
    // The generators reach every case the invariant speaks of, each many times.
    expect(Math.min(seen.unreadableConfig, seen.unreadableRecordOnly, seen.readableBoth)).toBeGreaterThan(25);
  });
});
