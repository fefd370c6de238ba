import { blockerCleared } from '../dependencies';
import { fnv1a } from '../metrics/history-buckets';
import { issueMetrics, type IssueHistory, type IssueMetrics, type StageOfStatus, type StatusChange } from '../metrics/issue-metrics';
import { DAY_MS } from '../durations';
import { STAGES, type Stage } from '../stages';
import { TIERS, type Tier } from '../tiers';
import { historiesAsOf, historyAsOf } from '../metrics/history-as-of';
import { mulberry32 } from './random';

/**
 * Launch-date forecasts by Monte Carlo over the team's past launches.
 *
 * A simulation of a request in stage S, which has spent `age` there so far, draws one past launch
 * among those that spent longer than `age` in S, and takes what that launch still needed from the
 * same point: the rest of its time in S (its time in S minus `age`) plus its time in every stage
 * after S until its first launch (time after it, when it was sent back, is rework, not counted).
 * Drawing the whole remaining path from one past launch keeps what stage times share (a slow
 * request is slow throughout, a QA return costs Build time again), which sampling each stage on
 * its own would lose and so forecast too narrow a range.
 *
 * When fewer than RESIDUAL_SAMPLE past launches stayed in S as long as the request has (it is
 * older than nearly all of them, or than every one), the draw is among the RESIDUAL_SAMPLE that stayed longest (and every
 * launch whose stay ties with the last of them), and
 * the rest of the stage is what each spent beyond the next-longest stay: past that point the stage
 * is taken to end at a steady rate whatever the age (an exponential tail), so an unusually old
 * request is forecast to need about as long again as the longest stays went on, never zero.
 * A stage no past launch went through adds nothing: the request is forecast from the next stage.
 */

/** The stages before launch in the order a request passes them; a parked request waits between triage and planning. */
const PATH: readonly Stage[] = ['intake', 'triage', 'waiting', 'planning', 'build', 'qa'];
const PATH_INDEXES: readonly number[] = PATH.map((stage) => STAGES.indexOf(stage));
/** The stages its assignee works a request in: from any of them, all that is left before launch is their work. */
const WORK_INDEXES: readonly number[] = (['planning', 'build', 'qa'] as const).map((stage) => STAGES.indexOf(stage));
const DECLINED_INDEX = STAGES.indexOf('declined');

/**
 * Launches of a tier below this many: the forecast rests on every tier's. With fewer, a tier's own
 * range came out too narrow in the backtests (the demo data's p85 coverage was 78% at 20, 81% at 30).
 */
export const MIN_TIER_BASIS = 30;
/**
 * The fewest past launches any forecast rests on. With fewer, the simulations draw again and again from a handful of
 * paths, and say "100%" or "0%" with a range of a single day from one past launch: a certainty the data does not have.
 */
export const MIN_FORECAST_BASIS = 10;
/**
 * The fewest past launches a request's remaining time in its stage is drawn from: below it the
 * draw is among the longest stays (see above). Twenty kept p50 coverage nearest 50% in the synthetic backtests.
 */
export const RESIDUAL_SAMPLE = 20;
/** Recent launches: those of the last year, or every launch while the year has fewer than MIN_TIER_BASIS. */
const LOOKBACK_MS = 365 * DAY_MS;
export const DEFAULT_SIMULATIONS = 10_000;

/** Past launches of one stage on the path, sorted by their time in it. */
interface StageSamples {
  /** Time each spent in the stage (0 when it never went through it), ascending. */
  readonly inStageMs: Float64Array;
  /** The same launch's time from entering the stage to launch: its time in it and in every stage after it. */
  readonly pathMs: Float64Array;
  /** The longest remaining path among launches i and later: sizes a request's histogram. */
  readonly longestFrom: Float64Array;
}

interface LaunchGroup {
  readonly size: number;
  /** By stage index; undefined off the path. */
  readonly stages: readonly (StageSamples | undefined)[];
}

/** What forecasts rest on: recent launches, all tiers and per tier. */
interface ForecastBasis {
  readonly launches: number;
  readonly all: LaunchGroup;
  readonly byTier: Readonly<Partial<Record<Tier, LaunchGroup>>>;
}

/** A request with its metrics computed at the forecast's `now`. */
export interface MeasuredRequest {
  readonly history: IssueHistory;
  readonly metrics: IssueMetrics;
  /**
   * For a launched request, its milliseconds per stage index as they stood when it first launched (NaN: not visited
   * by then), what forecasts draw on; null while it has not launched. A visit after launch (sent back from Launch to
   * Build) is rework on a launched request, not time it needed to launch, so it is not in them. Only the stages
   * before Launch are read.
   */
  readonly toLaunchMs: readonly number[] | null;
}

export interface LaunchForecast {
  /** The UTC calendar date by which half of the simulations have launched (`YYYY-MM-DD`). */
  readonly launchP50: string;
  /** The date by which 85% of them have. */
  readonly launchP85: string;
  /** The share of simulations launching on or before the due date; null without one. */
  readonly onTimeProbability: number | null;
  /** How many past launches the forecast rests on: its tier's, or every tier's when its own has too few. */
  readonly basis: number;
}

export interface SimulationOptions {
  readonly now: number;
  readonly seed: number;
  readonly simulations?: number;
  /**
   * By issue id: how much its assignee's load stretches the work still ahead of it, for a request in Planning, Build
   * or QA + Governance (see `builder-load.ts`); absent, the history's own pace.
   */
  readonly loadFactors?: ReadonlyMap<string, number>;
  /** The fewest past launches a forecast rests on; MIN_FORECAST_BASIS unless a test checks the arithmetic on fewer. */
  readonly minimumBasis?: number;
}

const msIn = (stageMs: readonly number[], stage: number): number => {
  const ms = stageMs[stage] as number;
  return Number.isNaN(ms) ? 0 : ms;
};

/** Past launches by their stage times up to launch (`MeasuredRequest.toLaunchMs`). */
const launchGroup = (launches: readonly (readonly number[])[]): LaunchGroup => {
  const stages: (StageSamples | undefined)[] = STAGES.map(() => undefined);
  PATH_INDEXES.forEach((stage, position) => {
    const later = PATH_INDEXES.slice(position + 1);
    const rows = launches
      .map((ms) => ({ inStage: msIn(ms, stage), after: later.reduce((sum, next) => sum + msIn(ms, next), 0) }))
      // Equal stays by the time after them: rows in an order of their values alone, so a seeded draw lands on the same
      // path whatever order the launches were read in.
      .sort((a, b) => a.inStage - b.inStage || a.after - b.after);
    const inStageMs = Float64Array.from(rows, (row) => row.inStage);
    const pathMs = Float64Array.from(rows, (row) => row.inStage + row.after);
    const longestFrom = new Float64Array(rows.length);
    for (let i = rows.length - 1, longest = 0; i >= 0; i--) {
      longest = Math.max(longest, pathMs[i] as number);
      longestFrom[i] = longest;
    }
    stages[stage] = { inStageMs, pathMs, longestFrom };
  });
  return { size: launches.length, stages };
};

/**
 * The launches forecasts rest on: requests launched by `now`, those of the last year (all of them
 * while the year has fewer than MIN_TIER_BASIS), grouped by tier.
 */
export const forecastBasis = (requests: readonly MeasuredRequest[], now: number): ForecastBasis => {
  const launched = requests.filter(
    ({ metrics, toLaunchMs }) => metrics.launchedAt !== null && metrics.launchedAt <= now && toLaunchMs !== null,
  );
  const recent = launched.filter(({ metrics }) => (metrics.launchedAt as number) >= now - LOOKBACK_MS);
  const used = recent.length >= MIN_TIER_BASIS ? recent : launched;
  const toLaunch = ({ toLaunchMs }: MeasuredRequest): readonly number[] => toLaunchMs as readonly number[];
  const byTier: Partial<Record<Tier, LaunchGroup>> = {};
  for (const tier of TIERS) {
    const ofTier = used.filter(({ history }) => history.tier === tier).map(toLaunch);
    if (ofTier.length >= MIN_TIER_BASIS) byTier[tier] = launchGroup(ofTier);
  }
  return { launches: used.length, all: launchGroup(used.map(toLaunch)), byTier };
};

/** Open at `now`: not launched and not declined. */
export const isOpen = (metrics: IssueMetrics): boolean => metrics.launchedAt === null && metrics.currentStage !== DECLINED_INDEX;

const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * When a request launches, as the share of simulations launched by each day from today: `launched[d]` is the share by
 * day d (the last entry is 1). Kept as shares so that a dependency can be combined with it (see `notBefore`).
 */
interface LaunchDistribution {
  readonly today: number;
  readonly launched: Float64Array;
  readonly simulations: number;
  readonly basis: number;
}

/** The share launched by `day` (1 past the last simulated day, 0 before today). */
const shareBy = (launched: Float64Array, day: number): number => (day < 0 ? 0 : day >= launched.length ? 1 : (launched[day] as number));

/** The first day offset by which at least `share` of the simulations have launched. */
const dayReaching = ({ launched, simulations }: LaunchDistribution, share: number): number => {
  // As a count of simulations, so a share exactly on a simulation boundary reads as it did when counted.
  const needed = Math.ceil(share * simulations - 1e-9) / simulations;
  for (let day = 0; day < launched.length; day++) if ((launched[day] as number) >= needed) return day;
  return launched.length - 1;
};

/**
 * The launch-date distribution of one open request, from its tier's past launches (or all tiers' when its own are too
 * few); null when its status is on no stage before launch or fewer than MIN_FORECAST_BASIS requests have launched.
 */
const launchDistribution = (
  basis: ForecastBasis,
  request: MeasuredRequest,
  { now, seed, simulations = DEFAULT_SIMULATIONS, loadFactors, minimumBasis = MIN_FORECAST_BASIS }: SimulationOptions,
): LaunchDistribution | null => {
  const { history, metrics } = request;
  const tierGroup = history.tier === undefined ? undefined : basis.byTier[history.tier];
  const group = tierGroup ?? basis.all;
  const samples = metrics.currentStage < 0 ? undefined : group.stages[metrics.currentStage];
  if (samples === undefined || group.size === 0 || group.size < minimumBasis || !isOpen(metrics)) return null;

  const { inStageMs, pathMs, longestFrom } = samples;
  const size = inStageMs.length;
  const age = msIn(metrics.stageMs, metrics.currentStage);
  // The first past launch that stayed in the stage longer than the request has so far.
  let low = 0;
  for (let high = size; low < high;) {
    const middle = (low + high) >>> 1;
    if ((inStageMs[middle] as number) > age) high = middle;
    else low = middle + 1;
  }
  const sample = Math.min(RESIDUAL_SAMPLE, size);
  let first = size - low >= sample ? low : size - sample;
  // The longest stays take in every launch tied with the last of them: which of equal stays would be left out is no
  // fact of the history (most launches never waited, so a parked request's sample ends among ties at 0).
  while (first < low && first > 0 && inStageMs[first - 1] === inStageMs[first]) first--;
  const spent = first === low ? age : first > 0 ? (inStageMs[first - 1] as number) : 0;
  const draws = size - first;

  // A loaded assignee stretches what is left of the path: their work is all that is left of it.
  const stretch = WORK_INDEXES.includes(metrics.currentStage) ? (loadFactors?.get(history.id) ?? 1) : 1;
  const today = Math.floor(now / DAY_MS);
  const counts = new Int32Array(Math.floor((now + ((longestFrom[first] as number) - spent) * stretch) / DAY_MS) - today + 1);
  // Seeded per request, so a request's forecast does not depend on which others are forecast with it.
  const next = mulberry32(seed ^ fnv1a(history.id));
  for (let i = 0; i < simulations; i++) {
    const drawn = first + Math.floor(next() * draws);
    const day = Math.floor((now + ((pathMs[drawn] as number) - spent) * stretch) / DAY_MS) - today;
    counts[day] = (counts[day] as number) + 1;
  }
  const launched = new Float64Array(counts.length);
  for (let day = 0, reached = 0; day < counts.length; day++) {
    reached += counts[day] as number;
    launched[day] = reached / simulations;
  }
  return { today, launched, simulations, basis: group.size };
};

/**
 * A request that waits on blockers launches on the day the last of them and it itself are done: taking them as
 * independent, the share launched by day d is its own share by d times each blocker's (itself so combined). So its
 * dates are never earlier than a blocker's.
 */
const notBefore = (own: LaunchDistribution, blockers: readonly LaunchDistribution[]): LaunchDistribution => {
  if (blockers.length === 0) return own;
  const days = Math.max(own.launched.length, ...blockers.map((blocker) => blocker.launched.length));
  const launched = new Float64Array(days);
  for (let day = 0; day < days; day++) {
    launched[day] = blockers.reduce((share, blocker) => share * shareBy(blocker.launched, day), shareBy(own.launched, day));
  }
  return { ...own, launched };
};

const summarise = (distribution: LaunchDistribution, dueDate: string | null): LaunchForecast => {
  const { today } = distribution;
  const dueOffset = dueDate === null ? null : Date.parse(`${dueDate}T00:00:00Z`) / DAY_MS - today;
  return {
    launchP50: dateOfDay(today + dayReaching(distribution, 0.5)),
    launchP85: dateOfDay(today + dayReaching(distribution, 0.85)),
    onTimeProbability: dueOffset === null ? null : shareBy(distribution.launched, Math.floor(dueOffset)),
    basis: distribution.basis,
  };
};

/**
 * Every open request's distribution held back by its blockers'. `blockersOf` names only blockers still holding it back,
 * each with an entry in `own`: a blocker with no distribution (declined, so it never launches) leaves the request
 * none either. Requests whose links form a loop (links made outside the app) are one group: each launches when all
 * of them have. Groups are found as strongly connected components (Tarjan), which come out blockers first, so each
 * group combines with finished ones: linear in links.
 */
const combineBlocked = (
  own: ReadonlyMap<string, LaunchDistribution | null>,
  blockersOf: (id: string) => readonly string[],
): Map<string, LaunchDistribution | null> => {
  const combined = new Map<string, LaunchDistribution | null>();
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (id: string): void => {
    index.set(id, index.size);
    lowLink.set(id, index.get(id) as number);
    stack.push(id);
    onStack.add(id);
    for (const blocker of blockersOf(id)) {
      if (!index.has(blocker)) {
        visit(blocker);
        lowLink.set(id, Math.min(lowLink.get(id) as number, lowLink.get(blocker) as number));
      } else if (onStack.has(blocker)) {
        lowLink.set(id, Math.min(lowLink.get(id) as number, index.get(blocker) as number));
      }
    }
    if (lowLink.get(id) !== index.get(id)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = member === id ? undefined : stack.pop()) {
      onStack.delete(member);
      group.push(member);
    }
    const inGroup = new Set(group);
    const outside = group
      .flatMap(blockersOf)
      .filter((blocker) => !inGroup.has(blocker))
      .map((blocker) => combined.get(blocker) ?? null);
    for (const member of group) {
      const holding = [...group.filter((other) => other !== member).map((other) => own.get(other) ?? null), ...outside];
      const distribution = own.get(member) ?? null;
      combined.set(
        member,
        distribution === null || holding.includes(null) ? null : notBefore(distribution, holding as LaunchDistribution[]),
      );
    }
  };
  for (const id of own.keys()) if (!index.has(id)) visit(id);
  return combined;
};

interface OpenRequestForecasts {
  /** Launched requests the forecasts rest on. */
  readonly basis: number;
  /** By issue id, for every request open at `now`; null where none can be made. */
  readonly forecasts: ReadonlyMap<string, LaunchForecast | null>;
  /**
   * For each request waiting for a triage decision (in Triage, or parked in Waiting): its forecast if it were accepted
   * now, by issue id; none where no forecast can be made.
   */
  readonly ifAccepted: ReadonlyMap<string, LaunchForecast>;
}

const TRIAGE_INDEX = STAGES.indexOf('triage');
const WAITING_INDEX = STAGES.indexOf('waiting');
const PLANNING_INDEX = STAGES.indexOf('planning');

/** The request as if a triage lead accepted it at `now`: just entered Planning. */
const acceptedNow = (request: MeasuredRequest): MeasuredRequest => {
  const stageMs = [...request.metrics.stageMs];
  stageMs[PLANNING_INDEX] = 0;
  return { ...request, metrics: { ...request.metrics, stageMs, currentStage: PLANNING_INDEX } };
};

/**
 * Forecasts for every request open at `now`, from requests measured at `now`. A request is held back by its blockers
 * by the Launch gate's rule (`blockerCleared`): it is forecast to launch no earlier than its open blockers (through
 * chains of blockers; requests whose links form a loop launch together), and not at all while a blocker that will
 * not launch (declined) is linked. Launched blockers, and blockers not among `requests`, do not hold it back.
 */
export const forecastMeasured = (requests: readonly MeasuredRequest[], options: SimulationOptions): OpenRequestForecasts => {
  const basis = forecastBasis(requests, options.now);
  const known = new Map(requests.map((request) => [request.history.id, request]));
  const own = new Map<string, LaunchDistribution | null>();
  const byId = new Map<string, MeasuredRequest>();
  for (const request of requests) {
    if (!isOpen(request.metrics)) continue;
    own.set(request.history.id, launchDistribution(basis, request, options));
    byId.set(request.history.id, request);
  }
  const holdingBlockers = (id: string): string[] =>
    (known.get(id)?.history.blockedBy ?? []).filter((blocker) => {
      const stage = known.get(blocker)?.metrics.currentStage;
      return stage !== undefined && !blockerCleared(STAGES[stage] ?? null);
    });
  // A blocker holding requests back that is not open itself (declined, or moved back after launch) will not launch as
  // things stand: it has no distribution.
  for (const id of byId.keys()) for (const blocker of holdingBlockers(id)) if (!own.has(blocker)) own.set(blocker, null);
  const combined = combineBlocked(own, holdingBlockers);
  const forecasts = new Map<string, LaunchForecast | null>();
  const ifAccepted = new Map<string, LaunchForecast>();
  for (const [id, request] of byId) {
    const distribution = combined.get(id) ?? null;
    forecasts.set(id, distribution === null ? null : summarise(distribution, request.history.dueDate));
    const stage = request.metrics.currentStage;
    if (stage !== TRIAGE_INDEX && stage !== WAITING_INDEX) continue;
    const accepted = launchDistribution(basis, acceptedNow(request), options);
    if (accepted === null) continue;
    // Its blockers hold it back as they would once accepted; one that will not launch leaves it no date.
    const blockers = holdingBlockers(id).map((blocker) => combined.get(blocker) ?? null);
    if (blockers.includes(null)) continue;
    ifAccepted.set(id, summarise(notBefore(accepted, blockers as LaunchDistribution[]), request.history.dueDate));
  }
  return { basis: basis.launches, forecasts, ifAccepted };
};

/** Whether the request went back to a stage before Launch after it first launched (its latest changes, newest first). */
const backBeforeLaunchSince = ({ changes }: IssueHistory, stageOf: StageOfStatus, launchedAt: number): boolean => {
  for (let i = changes.length - 1; i >= 0 && (changes[i] as StatusChange).at > launchedAt; i--) {
    if (PATH_INDEXES.includes(stageOf((changes[i] as StatusChange).toStatus))) return true;
  }
  return false;
};

/**
 * One history measured at `now`. A launched request's stage times up to launch are measured again, on its history as
 * it stood at launch, only when it went back to a stage before Launch since: otherwise its times in those stages are
 * already all there was (what it spent in Launch and later is never read).
 */
const measured = (history: IssueHistory, stageOf: StageOfStatus, now: number): MeasuredRequest => {
  const metrics = issueMetrics(history, stageOf, now);
  const { launchedAt } = metrics;
  if (launchedAt === null) return { history, metrics, toLaunchMs: null };
  // A launch Jira dates before the request's creation (an imported issue's) is measured as of the creation: as of the
  // launch there was no request, and the forecast of every request failed on it.
  const asLaunched = Math.max(launchedAt, history.createdAt);
  const toLaunchMs = backBeforeLaunchSince(history, stageOf, launchedAt)
    ? issueMetrics(historyAsOf(history, asLaunched) as IssueHistory, stageOf, asLaunched).stageMs
    : metrics.stageMs;
  return { history, metrics, toLaunchMs };
};

/** Every history measured at `now`, with the stage times the metrics engine computes. */
export const measureAt = (histories: readonly IssueHistory[], stageOf: StageOfStatus, now: number): MeasuredRequest[] =>
  histories.map((history) => measured(history, stageOf, now));

/** Histories as they stood at `at` (issues created later left out), measured then: what was known at `at`. */
export const measureAsOf = (histories: readonly IssueHistory[], stageOf: StageOfStatus, at: number): MeasuredRequest[] =>
  measureAt(historiesAsOf(histories, at), stageOf, at);
