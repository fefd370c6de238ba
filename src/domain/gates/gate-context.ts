import type { AppConfig } from '../app-config';
import type { FlightPlanRecord } from '../flight-plan-record';
import type { IssueFacts } from '../issue-facts';
import type { Tier } from '../tiers';
import type { GateItemCode } from './gate-items';

/** What the stage log says about a request's path that a gate needs. */
export interface GateHistory {
  /** When the request last entered Launch (ISO instant); null when the log does not show it. */
  readonly launchEnteredAt: string | null;
}

/** No stage log read: gates that need it fail closed. */
export const UNKNOWN_HISTORY: GateHistory = { launchEnteredAt: null };

/** Everything a gate item may look at. Pure data: the clock is `now`. */
export interface GateContext {
  readonly record: FlightPlanRecord;
  readonly facts: IssueFacts;
  readonly config: AppConfig;
  readonly now: Date;
  /** The tier the gate judges by (see `effectiveTier`). */
  readonly tier: Tier;
  readonly history: GateHistory;
}

/** A gate item's check: null when satisfied, otherwise a short phrase saying what is missing. */
export type ItemCheck = (context: GateContext) => string | null;

export type GateChecks<C extends GateItemCode> = Readonly<Record<C, ItemCheck>>;

export const isBlank = (text: string | undefined | null): boolean => text == null || text.trim() === '';

/** "a, b and c" */
export const listOf = (parts: readonly string[]): string =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;

export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
