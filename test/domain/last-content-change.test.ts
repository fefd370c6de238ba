import { describe, expect, it } from 'vitest';
import { lastContentChange } from '../../src/domain/approvals';
import type { FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { completeRecord } from '../fakes/fixtures';

describe('when the content an approval covers last changed', () => {
  it('counts an asset retired after the last copy change, since retiring changes what an approval covers', () => {
    const record: FlightPlanRecord = completeRecord();
    const [asset] = record.assets;
    if (asset === undefined) throw new Error('the fixture has an asset');
    const before = lastContentChange(record);
    const retiredAt = '2099-01-01T00:00:00.000Z';
    const retired: FlightPlanRecord = { ...record, retiredAssets: [{ ...asset, retiredBy: 'acc-x', retiredAt }] };
    expect(before === null || before < retiredAt).toBe(true);
    expect(lastContentChange(retired)).toBe(retiredAt);
  });
});
