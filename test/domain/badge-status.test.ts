import { describe, expect, it } from 'vitest';
import { badgeStatusOf } from '../../src/domain/badge-status';

describe('badgeStatusOf', () => {
  it("shows the next gate's progress, in progress until the gate is ready", () => {
    expect(badgeStatusOf({ stage: 'build', progress: 'Build 3/4', currentGateReady: 'no' })).toEqual({
      type: 'lozenge',
      value: { label: 'Build 3/4', type: 'inprogress' },
    });
    expect(badgeStatusOf({ stage: 'build', progress: 'Build 4/4', currentGateReady: 'yes' })).toEqual({
      type: 'lozenge',
      value: { label: 'Build 4/4', type: 'success' },
    });
  });

  it('names the stage in words off the gates: done, declined, waiting, or none', () => {
    expect(badgeStatusOf({ stage: 'done', progress: '', currentGateReady: 'n/a' }).value).toEqual({ label: 'Done', type: 'success' });
    expect(badgeStatusOf({ stage: 'declined', progress: '', currentGateReady: 'n/a' }).value).toEqual({
      label: 'Declined',
      type: 'removed',
    });
    expect(badgeStatusOf({ stage: 'waiting', progress: '', currentGateReady: 'n/a' }).value).toEqual({ label: 'Waiting', type: 'default' });
    expect(badgeStatusOf({ stage: 'unmapped', progress: '', currentGateReady: 'n/a' }).value).toEqual({
      label: 'Not in a stage',
      type: 'default',
    });
  });
});
