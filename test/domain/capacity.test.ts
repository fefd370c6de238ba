import { describe, expect, it } from 'vitest';
import { byLoad, personLoads, requestLoad, UNSCORED_EFFORT } from '../../src/domain/capacity';
import { routingCandidates } from '../../src/domain/routing';

describe('capacity: each person’s load of accepted work', () => {
  it('weighs a request by its Effort and the share of Planning, Build and QA still ahead of it', () => {
    expect(requestLoad('planning', 3)).toBe(3);
    expect(requestLoad('build', 3)).toBe(2);
    expect(requestLoad('qa', 3)).toBe(1);
    expect(requestLoad('qa', 5)).toBeCloseTo(5 / 3);
    // Not yet accepted, launched, parked or on no stage: not the assignee's work.
    for (const stage of ['intake', 'triage', 'waiting', 'launch', 'measure', 'done', 'declined', null] as const) {
      expect(requestLoad(stage, 5)).toBe(0);
    }
    // Unscored, or a score outside 1–5: the middle of the scale.
    expect(requestLoad('planning', null)).toBe(UNSCORED_EFFORT);
    expect(requestLoad('planning', 9)).toBe(UNSCORED_EFFORT);
  });

  it('adds up each person’s requests, heaviest first, leaving unassigned and unaccepted work out', () => {
    const loads = personLoads([
      { assigneeId: 'acc-blake', stage: 'build', effort: 4 }, // 4 × 2/3
      { assigneeId: 'acc-blake', stage: 'qa', effort: 2 }, // 2 × 1/3
      { assigneeId: 'acc-dana', stage: 'planning', effort: 2 }, // 2
      { assigneeId: 'acc-dana', stage: 'triage', effort: 5 }, // not accepted
      { assigneeId: null, stage: 'build', effort: 5 },
      { assigneeId: 'acc-riley', stage: 'launch', effort: 5 },
    ]);
    expect(loads).toEqual([
      { accountId: 'acc-blake', load: 3.3, requests: 2 },
      { accountId: 'acc-dana', load: 2, requests: 1 },
    ]);
  });

  it('orders the people a rule names least loaded first, in the order named when loads tie', () => {
    const loads = new Map([
      ['acc-blake', 3.3],
      ['acc-dana', 2],
    ]);
    expect(byLoad(['acc-blake', 'acc-dana'], loads)).toEqual(['acc-dana', 'acc-blake']);
    // Nobody has anything: the order named.
    expect(byLoad(['acc-blake', 'acc-dana'], new Map())).toEqual(['acc-blake', 'acc-dana']);
    // Someone with no accepted work is the least loaded.
    expect(byLoad(['acc-blake', 'acc-dana', 'acc-new'], loads)).toEqual(['acc-new', 'acc-dana', 'acc-blake']);
    expect(byLoad(['acc-blake'], loads)).toEqual(['acc-blake']);
  });

  it("names a rule's people once each, its assignee first", () => {
    expect(routingCandidates({ assigneeId: 'acc-blake', alternates: ['acc-dana', 'acc-blake', 'acc-dana'] })).toEqual([
      'acc-blake',
      'acc-dana',
    ]);
    expect(routingCandidates({ assigneeId: 'acc-blake' })).toEqual(['acc-blake']);
  });
});
