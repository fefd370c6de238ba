import { DEFAULT_CONFIG } from '../../../src/domain/app-config';
import type { IssueHistory } from '../../../src/domain/metrics/issue-metrics';
import { stageLookup } from '../../../src/domain/metrics/workflow-metrics';
import type { Stage } from '../../../src/domain/stages';
import type { Tier } from '../../../src/domain/tiers';

export const DAY = 86_400_000;
export const T0 = Date.parse('2026-01-05T00:00:00.000Z'); // a Monday
export const at = (days: number): number => T0 + days * DAY;
/** The UTC calendar date `days` after T0. */
export const dateAt = (days: number): string => new Date(at(Math.floor(days))).toISOString().slice(0, 10);
export const stageOf = stageLookup(DEFAULT_CONFIG.statusMap);

const statusOf = (stage: Stage): string => DEFAULT_CONFIG.statusMap[stage][0] as string;

/**
 * A request created at `createdDay` that spends `[stage, days]` in each stage in turn and ends in
 * `end` (still there, or open when it is a stage before launch).
 */
export const walk = (
  id: string,
  createdDay: number,
  visits: readonly (readonly [Stage, number])[],
  end: Stage,
  extra: { tier?: Tier; dueDay?: number } = {},
): IssueHistory => {
  let day = createdDay;
  const changes = visits.map(([stage, days], index) => {
    day += days;
    return { at: at(day), fromStatus: statusOf(stage), toStatus: statusOf(visits[index + 1]?.[0] ?? end) };
  });
  return {
    id,
    key: `MKT-${id}`,
    createdAt: at(createdDay),
    dueDate: extra.dueDay === undefined ? null : dateAt(extra.dueDay),
    currentStatus: statusOf(end),
    changes,
    ...(extra.tier ? { tier: extra.tier } : {}),
  };
};

/** A launched request: intake, triage and planning a day each, then `build` and `qa` days, launched at the end. */
export const launched = (
  id: string,
  createdDay: number,
  build: number,
  qa: number,
  extra: { tier?: Tier; dueDay?: number } = {},
): IssueHistory =>
  walk(
    id,
    createdDay,
    [
      ['intake', 1],
      ['triage', 1],
      ['planning', 1],
      ['build', build],
      ['qa', qa],
    ],
    'launch',
    extra,
  );

/** Open in Build since day 100 (created day 97), due on `dueDay`. */
export const inBuild = (id: string, extra: Parameters<typeof walk>[4] = {}): IssueHistory =>
  walk(
    id,
    97,
    [
      ['intake', 1],
      ['triage', 1],
      ['planning', 1],
    ],
    'build',
    extra,
  );
