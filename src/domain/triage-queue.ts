import type { AppConfig } from './app-config';
import { slaStatus, strictestTier, type SlaStatus } from './sla';
import { scoreTriage, suggestTier, type Recommendation, type TriageScores } from './triage-score';
import type { Tier } from './tiers';
import { DAY_MS } from './durations';

/** A request waiting for a triage decision, as the queue reads it. */
export interface QueuedRequest {
  readonly key: string;
  readonly summary: string;
  readonly stage: 'triage' | 'waiting';
  readonly scores: TriageScores;
  /** The tier set at triage, if any. */
  readonly tier: Tier | null;
  readonly createdAt: Date;
  /** When it entered its current stage (from the stage log), or null when unknown. */
  readonly enteredAt: Date | null;
  /** The date asked for (`YYYY-MM-DD`), or null. */
  readonly dueDate: string | null;
  /** Its launch forecast if accepted at the last refresh; null before one made it. */
  readonly ifAccepted: IfAccepted | null;
}

/** When a request waiting for triage would likely launch if accepted today. */
export interface IfAccepted {
  /** The date by which 85% of the simulations have launched (`YYYY-MM-DD`). */
  readonly launchP85: string;
  /** Its chance of launching by the date asked for; null without one. */
  readonly onTimeProbability: number | null;
}

export interface QueueEntry {
  readonly key: string;
  readonly summary: string;
  readonly stage: 'triage' | 'waiting';
  readonly score: number | null;
  readonly recommendation: Recommendation | null;
  readonly explanation: string | null;
  readonly tier: Tier | null;
  /** True when the tier is the scores' suggestion, not yet a decision. */
  readonly tierSuggested: boolean;
  readonly ageDays: number;
  /** Triage's SLA; null while parked in waiting, which has none. */
  readonly sla: SlaStatus | null;
  readonly dueDate: string | null;
  readonly ifAccepted: IfAccepted | null;
}

/**
 * The triage queue: scored requests first, highest score first ("high-impact, manageable-effort
 * initiatives move forward"), then the longest waiting; unscored ones last, oldest first.
 */
export const triageQueue = (
  requests: readonly QueuedRequest[],
  config: Pick<AppConfig, 'triage' | 'slaBusinessDays' | 'holidays'>,
  now: Date,
): QueueEntry[] =>
  requests
    .map((request): QueueEntry => {
      const score = scoreTriage(request.scores, config.triage);
      const suggested = suggestTier(request.scores);
      const tier = request.tier ?? suggested;
      const since = request.enteredAt ?? request.createdAt;
      return {
        key: request.key,
        summary: request.summary,
        stage: request.stage,
        score: score?.score ?? null,
        recommendation: score?.recommendation ?? null,
        explanation: score?.explanation ?? null,
        tier,
        tierSuggested: request.tier === null && suggested !== null,
        ageDays: Math.max(0, (now.getTime() - since.getTime()) / DAY_MS),
        // An unknown tier is judged by the strictest SLA budget, so nothing waits longer than it may.
        sla: request.stage === 'triage' ? slaStatus('triage', tier ?? strictestTier(config, 'triage'), since, now, config) : null,
        dueDate: request.dueDate,
        ifAccepted: request.ifAccepted,
      };
    })
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || b.ageDays - a.ageDays || a.key.localeCompare(b.key));
