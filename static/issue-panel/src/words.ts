import type { GateItemResult } from '../../../src/domain/gates/evaluate-gate';
import { TIER_LABELS, type Tier } from '../../../src/domain/tiers';
import { nameOf } from '../../shared/people';
import { calendarDate, fromZonedInput, toZonedInput, viewerDateTimeWithZone, viewerTimeZone } from '../../shared/viewer-time';

/**
 * The panel's words for the things it shows from data, in one place so that it says each of them one
 * way: times in the viewer's time zone, people by name, counts with their noun, tiers capitalised.
 * No ISO timestamp, account ID or field path reaches the screen through these.
 */

/**
 * Times are in the viewer's own time zone as Jira gives it to the module (`timezone` in the context
 * `view.getContext()` answers: @forge/bridge `FullContext.timezone`), not the browser's, which can differ (a
 * laptop abroad, a zone set in the Atlassian profile). main.tsx hands the context to `setViewerTime` first.
 */
export { viewerTimeZone };

/** "30 Nov 2026, 08:00 CET": an instant in the viewer's time zone. */
export const formatInstant = (iso: string): string => (Number.isNaN(Date.parse(iso)) ? 'an unknown time' : viewerDateTimeWithZone(iso));

/** "20 Dec 2026": a calendar day (a due date has no time and no zone), in the viewer's locale from Jira, not the browser's. */
export const formatDay = (day: string): string => (Number.isNaN(Date.parse(`${day.slice(0, 10)}T00:00:00.000Z`)) ? day : calendarDate(day));

/** A stored instant as a `datetime-local` input shows it: the viewer's wall-clock time. */
export const toLocalInput = (iso: string | undefined): string => toZonedInput(iso);

/** What a `datetime-local` input holds, read in the viewer's time zone, as the instant to store. */
export const fromLocalInput = (value: string): string => fromZonedInput(value) ?? value;

/** "1 link", "3 links". */
export const counted = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

export { nameOf };

/** "waiting on Morgan Ops", "waiting on Casey or Dana", "waiting on A, B, C or 2 others"; nobody named yet, said so. */
export const waitingOn = (people: Readonly<Record<string, string>>, accountIds: readonly string[]): string => {
  if (accountIds.length === 0) return '— nobody is named for this yet';
  const names = accountIds.map((accountId) => nameOf(people, accountId));
  const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} others`] : names;
  const list = shown.length === 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1] ?? ''}`;
  return `— waiting on ${list}`;
};

const tierName = (tier: Tier): string => TIER_LABELS[tier];

/** Why the gate is judged at the tier it is: set by triage, suggested by the scores, or the strictest until then. */
export const judgedAs = (tier: Tier, setTier: Tier | undefined, suggested: Tier | null): string =>
  setTier !== undefined
    ? `judged as ${tierName(tier)}`
    : suggested === tier
      ? `judged as ${tierName(tier)}, the tier the scores suggest, until triage sets one`
      : `judged as ${tierName(tier)} until triage sets a tier`;

/** "Link 1 of …": the first letter capitalised. */
export const sentenceCase = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A message as a whole sentence, to go before another: its first letter capitalised and one full stop at its end. The
 * app's messages mostly end with one already; a second made "Try again in a moment.. Nothing was opened".
 */
export const asSentence = (text: string): string => {
  const cased = sentenceCase(text.trim());
  return /[.!?]$/.test(cased) ? cased : `${cased}.`;
};

/** A gate item in one phrase: what is missing when it is, else its name; never both saying the same thing. */
export const gateItemText = (item: Pick<GateItemResult, 'label' | 'missing'>): string => sentenceCase(item.missing ?? item.label);
