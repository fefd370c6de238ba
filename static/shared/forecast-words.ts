/** Forecasts in words a requester understands: dates in the viewer's locale ("Mar 14"), chances as whole percentages. */

import { percentWords } from '../../src/domain/percent-words';
import { calendarDate, calendarRange } from './viewer-time';

export const chance = (probability: number): string => percentWords(probability);

interface ForecastWords {
  readonly launchP50: string;
  readonly launchP85: string;
  readonly onTimeProbability: number | null;
  /** The date asked for, or null. */
  readonly dueDate: string | null;
}

/**
 * The panel's sentence.
 * @example forecastSentence({ launchP50: '2026-03-12', launchP85: '2026-03-19', onTimeProbability: 0.4, dueDate: '2026-03-14' }, 2026)
 * // 'Likely Mar 12 – 19; 40% chance by Mar 14, the date you asked for.'
 */
export const forecastSentence = ({ launchP50, launchP85, onTimeProbability, dueDate }: ForecastWords, thisYear: number): string => {
  const likely = `Likely ${calendarRange(launchP50, launchP85, thisYear)}`;
  if (dueDate === null || onTimeProbability === null) return `${likely}; no launch date was asked for.`;
  return `${likely}; ${chance(onTimeProbability)} chance by ${calendarDate(dueDate, thisYear)}, the date you asked for.`;
};

/**
 * Why the dates are later than the team's history alone would say, when its assignee carries more than the usual load.
 * @example loadWords(2.5) // "The dates allow for its assignee's load: 2.5 times the team's usual."
 */
export const loadWords = (loadFactor: number): string | null =>
  loadFactor > 1 ? `The dates allow for its assignee's load: ${loadFactor.toLocaleString('en')} times the team's usual.` : null;

/**
 * Why the panel shows no forecast: a declined blocker will never launch, so the request cannot either until it is
 * re-planned without it; otherwise the hourly refresh has not forecast it yet.
 * @example noForecastWords({ count: 1, words: 'MKT-3' }) // 'No launch forecast: this request waits on MKT-3, which was declined and will not launch. Re-plan without it and remove the dependency; the next hourly refresh then forecasts it.'
 */
export const noForecastWords = (
  declinedBlockers: { readonly count: number; readonly words: string } | null,
  tooFewLaunches: { readonly launched: number; readonly needed: number } | null = null,
): string => {
  if (tooFewLaunches !== null)
    return `No launch forecast yet: forecasts rest on at least ${tooFewLaunches.needed} launched requests, and ${tooFewLaunches.launched === 0 ? 'none has' : tooFewLaunches.launched === 1 ? '1 has' : `${tooFewLaunches.launched} have`} launched so far.`;
  if (declinedBlockers === null) return 'No launch forecast yet: the hourly refresh makes one.';
  const one = declinedBlockers.count === 1;
  return (
    `No launch forecast: this request waits on ${declinedBlockers.words}, which ${one ? 'was' : 'were'} declined and will not launch. ` +
    `Re-plan without ${one ? 'it' : 'them'} and remove the ${one ? 'dependency' : 'dependencies'}; the next hourly refresh then forecasts it.`
  );
};

/**
 * The triage queue's line: when the request would likely launch if accepted today, against the date asked for.
 * @example ifAcceptedSentence({ launchP85: '2026-03-19', onTimeProbability: 0.4 }, '2026-03-14', 2026)
 * // 'If accepted today: launch likely by Mar 19 (85% sure); 40% chance by Mar 14, the date asked for.'
 */
export const ifAcceptedSentence = (
  { launchP85, onTimeProbability }: { launchP85: string; onTimeProbability: number | null },
  dueDate: string | null,
  thisYear: number,
): string => {
  const likely = `If accepted today: launch likely by ${calendarDate(launchP85, thisYear)} (85% sure)`;
  if (dueDate === null || onTimeProbability === null) return `${likely}; no launch date was asked for.`;
  return `${likely}; ${chance(onTimeProbability)} chance by ${calendarDate(dueDate, thisYear)}, the date asked for.`;
};

/** "Of the forecasts made 8 weeks ago, 83% landed by their p85 date (48 requests)." */
export const backtestSentence = ({ weeksAgo, scored, p85Share }: { weeksAgo: number; scored: number; p85Share: number | null }): string =>
  p85Share === null
    ? `No forecast made ${weeksAgo} weeks ago can be checked yet.`
    : `Of the forecasts made ${weeksAgo} weeks ago, ${chance(p85Share)} landed by their p85 date (${scored} request${scored === 1 ? '' : 's'}).`;

/**
 * What Team load says of the people it does not list, so a cut list never reads as the whole team; null when it lists
 * everyone. `incomplete`: the refresh left out people it could not count by project, who may be of this view.
 */
export const teamLoadLeftOutWords = (notListed: number, incomplete: boolean): string | null => {
  const counted =
    notListed === 0
      ? null
      : `${notListed === 1 ? '1 more person' : `${notListed.toLocaleString('en')} more people`} with a smaller load ${notListed === 1 ? 'is' : 'are'} not listed here.`;
  const missing = incomplete
    ? 'The last refresh could not keep everyone with accepted work, so some people of these projects may be missing here.'
    : null;
  return counted === null && missing === null ? null : [counted, missing].filter((words) => words !== null).join(' ');
};
