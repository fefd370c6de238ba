import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStoredRecord } from '../../src/contracts/flight-plan-record.schema';
import { CURRENT_RECORD_VERSION } from '../../src/domain/flight-plan-record';
import { completeRecord } from '../fakes/fixtures';

const FIXTURES = path.resolve(__dirname, '../fixtures/records');

describe('parseStoredRecord', () => {
  // One fixture per released schema version, captured when that version was current.
  const fixtures = readdirSync(FIXTURES).filter((name) => /^v\d+\.json$/.test(name));

  it('has a fixture for every schema version up to the current one', () => {
    expect(fixtures.sort()).toEqual(Array.from({ length: CURRENT_RECORD_VERSION }, (_, i) => `v${i + 1}.json`));
  });

  it.each(fixtures)('reads the %s fixture into the current version', (name) => {
    const raw = JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as { issueId: string };
    const result = parseStoredRecord(raw, raw.issueId);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.schemaVersion).toBe(CURRENT_RECORD_VERSION);
  });

  it('brings a version 1 compliance approval and lexicon resolutions over as not counting: nobody knows what they covered', () => {
    const v1 = JSON.parse(readFileSync(path.join(FIXTURES, 'v1.json'), 'utf8')) as Record<string, unknown>;
    const resolution = {
      by: 'acc-compliance',
      at: '2026-06-05T10:00:00.000Z',
      source: 'description',
      term: 'guarantee*',
      justification: 'ok',
    };
    const result = parseStoredRecord({ ...v1, lexiconResolutions: [resolution] }, '10042');
    expect(result.ok && result.value.approvals).toEqual([
      { by: 'acc-compliance', at: '2026-06-05T10:00:00.000Z', role: 'compliance', fingerprint: null },
    ]);
    expect(result.ok && result.value.lexiconResolutions).toEqual([{ ...resolution, matched: 'guarantee*', fingerprint: null }]);
    expect(result.ok && result.value.assets.map((asset) => asset.writers)).toEqual([['acc-builder']]);
    expect(result.ok && result.value.triage?.scores).toBeNull();
    expect(result.ok && 'complianceApproval' in result.value).toBe(false);
  });

  it('brings version 2 within the bounds version 3 keeps: the latest observation of each checkpoint, the last ten earlier names', () => {
    const record = completeRecord();
    const asset = record.assets[0]!;
    const observation = (checkpoint: '1h' | '24h', at: string, note: string, anomaly?: true) => ({
      by: 'acc-ops',
      at,
      checkpoint,
      note,
      ...(anomaly ? { anomaly } : {}),
    });
    const names = Array.from({ length: 30 }, (_, n) => `spring26-email-invite-v${String(n + 1)}`);
    const v2 = {
      ...record,
      schemaVersion: 2,
      assets: [{ ...asset, previousNames: names }],
      retiredAssets: [{ ...asset, id: 'asset-2', previousNames: names, retiredBy: 'acc-ops', retiredAt: '2026-06-05T10:00:00.000Z' }],
      launch: {
        ...record.launch,
        observations: [
          observation('24h', '2026-06-02T09:00:00.000Z', 'open rate 12%', true),
          observation('1h', '2026-06-01T09:00:00.000Z', 'sends delivered'),
          observation('24h', '2026-06-02T08:00:00.000Z', 'open rate 41%'),
        ],
      },
    };
    const result = parseStoredRecord(v2, '10001');
    expect(result.ok && result.value.launch.observations).toEqual([
      observation('1h', '2026-06-01T09:00:00.000Z', 'sends delivered'),
      observation('24h', '2026-06-02T09:00:00.000Z', 'open rate 12%', true),
    ]);
    expect(result.ok && result.value.assets[0]?.previousNames).toEqual(names.slice(-10));
    expect(result.ok && result.value.retiredAssets?.[0]?.previousNames).toEqual(names.slice(-10));
    expect(result.ok && result.value.assets[0]?.stepBack).toBeUndefined();
    // a step back among the names dropped is kept, read from the full list (first one found).
    const wentBack = ['spring26-email-invite-v3', 'spring26-email-invite-v2.png', 'spring26-email-invite-v1', ...names];
    const migrated = parseStoredRecord({ ...v2, assets: [{ ...asset, previousNames: wentBack }] }, '10001');
    expect(migrated.ok && migrated.value.assets[0]).toMatchObject({
      previousNames: names.slice(-10),
      stepBack: { from: 'spring26-email-invite-v3', to: 'spring26-email-invite-v2.png' },
    });
    // An entry that is no observation at all is not dropped to make the rest read: the record stays unreadable, named.
    const torn = parseStoredRecord({ ...v2, launch: { ...v2.launch, observations: [...v2.launch.observations, 'torn'] } }, '10001');
    expect(!torn.ok && torn.error.message).toContain('launch.observations');
    // A version 3 record over the bounds was not written by the app.
    const over = parseStoredRecord({ ...record, assets: [{ ...asset, previousNames: names }] }, '10001');
    expect(!over.ok && over.error.message).toContain('assets[0].previousNames');
  });

  it('round-trips a complete record', () => {
    const record = completeRecord();
    expect(parseStoredRecord(JSON.parse(JSON.stringify(record)), record.issueId)).toEqual({ ok: true, value: record });
  });

  it('names the corrupt field', () => {
    const record = { ...completeRecord(), assets: [{ ...completeRecord().assets[0], readyForReview: 'yes' }] };
    const result = parseStoredRecord(record, '10001');
    expect(!result.ok && result.error).toEqual({
      code: 'RECORD.CORRUPT',
      message:
        'the Flight Plan record of issue 10001 is corrupt (assets[0].readyForReview: Invalid input: expected boolean, received string)',
    });
  });

  it.each(fixtures)('answers RECORD.CORRUPT, never throws, for the %s fixture with any one value replaced by a wrong kind', (name) => {
    const fixture = JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
    // Every place in the fixture, down to array entries: a migration that reads into one must not throw on a wrong kind.
    const places: (string | number)[][] = [];
    const collect = (value: unknown, at: (string | number)[]) => {
      if (typeof value !== 'object' || value === null) return;
      for (const [key, child] of Object.entries(value)) {
        const place = [...at, Array.isArray(value) ? Number(key) : key];
        places.push(place);
        collect(child, place);
      }
    };
    collect(fixture, []);
    expect(places.length).toBeGreaterThan(20);
    const replaced = (place: (string | number)[], wrong: unknown): unknown => {
      const copy = structuredClone(fixture);
      let parent = copy as Record<string | number, unknown>;
      for (const step of place.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
      parent[place.at(-1) as string | number] = wrong;
      return copy;
    };
    for (const place of places)
      for (const wrong of [null, 'text', 7, [], {}, [null]]) {
        const result = parseStoredRecord(replaced(place, wrong), String(fixture['issueId']));
        // A version number past this app's is refused as such (the test above).
        const expected = place.join('.') === 'schemaVersion' && wrong === 7 ? 'RECORD.FUTURE_VERSION' : 'RECORD.CORRUPT';
        if (!result.ok) expect(result.error.code, place.join('.')).toBe(expected);
      }
  });

  it('refuses a record from a newer app version instead of guessing', () => {
    const result = parseStoredRecord({ ...completeRecord(), schemaVersion: CURRENT_RECORD_VERSION + 1 }, '10001');
    expect(!result.ok && result.error.code).toBe('RECORD.FUTURE_VERSION');
  });

  it('refuses non-objects, missing versions and records of another issue', () => {
    expect(!parseStoredRecord('junk', '1').ok).toBe(true);
    expect(!parseStoredRecord([], '1').ok).toBe(true);
    expect(!parseStoredRecord({ issueId: '1' }, '1').ok).toBe(true);
    const other = parseStoredRecord(completeRecord(), '99');
    expect(!other.ok && other.error.message).toBe('the record stored for issue 99 belongs to issue 10001');
  });
});
