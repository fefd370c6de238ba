import type { AppConfig } from '../app-config';
import type { FlightPlanRecord } from '../flight-plan-record';
import type { IssueFacts } from '../issue-facts';
import type { Tier } from '../tiers';
import type { GateItemCode } from './gate-items';

/** Everything a gate item may look at. Pure data: the clock is `now`. */
export interface GateContext {
  readonly record: FlightPlanRecord;
  readonly facts: IssueFacts;
  readonly config: AppConfig;
  readonly now: Date;
  /** The tier the gate judges by (see `effectiveTier`). */
  readonly tier: Tier;
}

/** A gate item's check: null when satisfied, otherwise a short phrase saying what is missing. */
export type ItemCheck = (context: GateContext) => string | null;

export type GateChecks<C extends GateItemCode> = Readonly<Record<C, ItemCheck>>;

export const isBlank = (text: string | undefined | null): boolean => text == null || text.trim() === '';

/** "a, b and c" */
export const listOf = (parts: readonly string[]): string =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;

export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
