import { DEFAULT_CONFIG } from '../src/domain/app-config';
import { historyAsOf } from '../src/domain/metrics/history-as-of';
import { mulberry32 } from '../src/domain/forecast/random';
import type { IssueHistory, StatusChange } from '../src/domain/metrics/issue-metrics';
import type { Stage } from '../src/domain/stages';
import type { Tier } from '../src/domain/tiers';

/**
 * A marketing team's request history, for the forecast's bench and backtest: requests arrive at a
 * steady rate; each stage takes a lognormal time (median and spread per stage) scaled by the tier
 * and by the request's own pace (some requests are slow throughout); some are parked at triage,
 * some declined, some sent back from QA to Build. Due dates are asked for at creation: the tier's
 * lead time plus a margin. Histories run to their end and are then cut at `now`, so requests in
 * flight at `now` are open, as in a real export.
 */

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** Median days and log-spread per stage, for a revenue request at a typical pace. */
const STAGE_TIMES: Readonly<Record<'intake' | 'triage' | 'waiting' | 'planning' | 'build' | 'qa', readonly [number, number]>> = {
  intake: [1, 0.8],
  triage: [2, 0.8],
  waiting: [10, 0.7],
  planning: [3, 0.6],
  build: [7, 0.6],
  qa: [3, 0.7],
};
const TIER_PACE: Readonly<Record<Tier, number>> = { 'low-risk': 0.7, revenue: 1, regulated: 1.5 };
const LEAD_DAYS: Readonly<Record<Tier, number>> = { 'low-risk': 14, revenue: 21, regulated: 35 };

interface SyntheticTeamOptions {
  /** The present: histories are cut here. */
  readonly now: number;
  readonly weeks: number;
  readonly perWeek: number;
  readonly seed: number;
}

const statusOf = (stage: Stage): string => DEFAULT_CONFIG.statusMap[stage][0] as string;

export const syntheticTeam = ({ now, weeks, perWeek, seed }: SyntheticTeamOptions): IssueHistory[] => {
  const next = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const count = weeks * perWeek;
  const histories: IssueHistory[] = [];
  for (let i = 0; i < count; i++) {
    const roll = next();
    const tier: Tier = roll < 0.4 ? 'low-risk' : roll < 0.8 ? 'revenue' : 'regulated';
    const pace = TIER_PACE[tier] * Math.exp(0.35 * normal());
    const days = (stage: keyof typeof STAGE_TIMES, scale = 1): number => {
      const [median, spread] = STAGE_TIMES[stage];
      return median * scale * pace * Math.exp(spread * normal()) * DAY;
    };
    const createdAt = Math.floor(now - weeks * WEEK + next() * weeks * WEEK);
    const changes: StatusChange[] = [];
    let at = createdAt;
    let stage: Stage = 'intake';
    const move = (to: Stage, after: number): void => {
      at += Math.round(after);
      changes.push({ at, fromStatus: statusOf(stage), toStatus: statusOf(to) });
      stage = to;
    };
    move('triage', days('intake'));
    const outcome = next();
    if (outcome < 0.08) move('declined', days('triage'));
    else {
      let goesAhead = true;
      if (outcome < 0.2) {
        move('waiting', days('triage'));
        goesAhead = next() >= 0.3;
        move(goesAhead ? 'triage' : 'declined', days('waiting'));
      }
      if (goesAhead) {
        move('planning', days('triage', 0.5));
        move('build', days('planning'));
        move('qa', days('build'));
        if (next() < (tier === 'regulated' ? 0.45 : 0.25)) {
          move('build', days('qa'));
          move('qa', days('build', 0.4));
        }
        move('launch', days('qa', tier === 'regulated' ? 1.5 : 1));
        move('measure', 2 * DAY);
        move('done', 7 * DAY);
      }
    }
    const leadDays = LEAD_DAYS[tier] + Math.floor(next() * 21);
    const history: IssueHistory = {
      id: String(100_000 + i),
      key: `MKT-${i + 1}`,
      createdAt,
      dueDate: new Date(createdAt + leadDays * DAY).toISOString().slice(0, 10),
      currentStatus: statusOf(stage),
      changes,
      tier,
    };
    const known = historyAsOf(history, now);
    if (known !== null) histories.push(known);
  }
  return histories;
};
