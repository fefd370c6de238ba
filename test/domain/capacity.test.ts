import { describe, expect, it } from 'vitest';
import { byLoad, keptLoads, personLoads, requestLoad, UNSCORED_EFFORT, type PersonLoad } from '../../src/domain/capacity';
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

  describe('the loads a bounded summary keeps', () => {
    /** `count` people of a project, heaviest first, from `heaviest` points down by one. */
    const people = (prefix: string, count: number, heaviest: number): PersonLoad[] =>
      Array.from({ length: count }, (_, rank) => ({ accountId: `${prefix}-${rank + 1}`, load: heaviest - rank, requests: 1 }));

    it('keeps every load while they fit in the cap, however many people one project has', () => {
      const mkt = people('mkt', 40, 50);
      const { kept, leftOut } = keptLoads(
        new Map([
          ['MKT', mkt],
          ['BRD', [{ accountId: 'mkt-40', load: 20, requests: 2 }]],
        ]),
        300,
      );
      expect(kept).toHaveLength(41);
      expect(kept.filter(({ accountId }) => accountId === 'mkt-40').map(({ project }) => project)).toEqual(['MKT', 'BRD']);
      expect(leftOut).toEqual([]);
      expect(keptLoads(new Map(), 300)).toEqual({ kept: [], leftOut: [] });
    });

    it("past the cap, ranks within each project: a small project's light people are kept over a big project's heavier ones", () => {
      // BIG has 40 people of 100 down to 61 points; SMALL has 2 of 3 and 2 points, lighter than anyone in BIG.
      const { kept, leftOut } = keptLoads(
        new Map([
          ['BIG', people('big', 40, 100)],
          ['SMALL', people('small', 2, 3)],
        ]),
        10,
      );
      expect(kept).toHaveLength(10);
      // Rounds: BIG's and SMALL's heaviest, then their second, then BIG's third to eighth.
      expect(kept.filter(({ project }) => project === 'SMALL').map(({ accountId }) => accountId)).toEqual(['small-1', 'small-2']);
      expect(kept.filter(({ project }) => project === 'BIG').map(({ accountId }) => accountId)).toEqual(
        Array.from({ length: 8 }, (_, rank) => `big-${rank + 1}`),
      );
      expect(leftOut).toEqual([{ projects: ['BIG'], people: 32 }]);
    });

    it('past the cap, keeps or leaves out each person whole, and groups those left out by their projects', () => {
      // Sam is AAA's heaviest and BBB's lightest: kept in the first round with both loads, not with AAA's alone.
      const sam = (load: number): PersonLoad => ({ accountId: 'sam', load, requests: 1 });
      const { kept, leftOut } = keptLoads(
        new Map([
          ['AAA', [sam(9), ...people('a', 2, 5)]],
          ['BBB', [...people('b', 2, 8), sam(1)]],
          ['CCC', people('c', 3, 1)],
        ]),
        4,
      );
      expect(kept.map(({ accountId, project }) => `${accountId} ${project}`)).toEqual(['sam AAA', 'sam BBB', 'b-1 BBB', 'c-1 CCC']);
      expect(leftOut).toEqual([
        { projects: ['AAA'], people: 2 },
        { projects: ['CCC'], people: 2 },
        { projects: ['BBB'], people: 1 },
      ]);
      // Room for one load: Sam's two do not fit, so Sam is left out whole and the next heaviest, b-1, is kept.
      const tight = keptLoads(
        new Map([
          ['AAA', [sam(9)]],
          ['BBB', [...people('b', 1, 8), sam(1)]],
        ]),
        1,
      );
      expect(tight).toEqual({
        kept: [{ project: 'BBB', accountId: 'b-1', load: 8, requests: 1 }],
        leftOut: [{ projects: ['AAA', 'BBB'], people: 1 }],
      });
    });
  });
});
