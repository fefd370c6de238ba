import { dateInWords } from '../calendar-words';
import { indicatorFigure } from './metric-sentence';
import type { CalendarDate, CampaignSnapshot } from './snapshots';

/** A figure entry a campaign already keeps: a CRM's (an import, the web trigger) or one a person entered by hand. */
export interface KeptEntry {
  readonly date: CalendarDate;
  readonly values: Readonly<Record<string, number>>;
  readonly manual: boolean;
}

/**
 * The order in which a date's entries are laid over each other: the CRM's first, then those entered by hand, each
 * kind in the order kept. So a figure entered by hand counts over the CRM's for its date and indicator whatever
 * was written first (an import never replaces it), and of two entered by hand the later counts. The order figures
 * were stored in decides nothing else.
 */
const precedence = <Entry extends KeptEntry>(entries: readonly Entry[]): Entry[] => [
  ...entries.filter((entry) => !entry.manual),
  ...entries.filter((entry) => entry.manual),
];

/** A campaign's kept entries as snapshots, one per date, each value the one that counts for its date and indicator. */
export const campaignSnapshots = (campaign: string, entries: readonly KeptEntry[]): CampaignSnapshot[] => {
  const byDate = new Map<CalendarDate, Record<string, number>>();
  for (const entry of precedence(entries)) byDate.set(entry.date, { ...byDate.get(entry.date), ...entry.values });
  return [...byDate].map(([date, values]) => ({ campaign, date, values }));
};

/** The entry whose figure counts for a date and indicator (or spend), with that figure; null when none gives one. */
export const figureKept = <Entry extends KeptEntry>(
  entries: readonly Entry[],
  date: CalendarDate,
  key: string,
): { readonly entry: Entry; readonly value: number } | null => {
  let kept: { readonly entry: Entry; readonly value: number } | null = null;
  for (const entry of precedence(entries)) {
    const value = entry.date === date ? entry.values[key] : undefined;
    if (value !== undefined) kept = { entry, value };
  }
  return kept;
};

/** A figure a person enters by hand: the indicator (or spend), by key and as people name it, the figure, its date and where it came from. */
export interface EnteredFigure {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly date: CalendarDate;
  readonly source: string;
}

/** The figure kept for the same date and indicator that an entered one replaces: where it came from and who gave it. */
export interface ReplacedFigure {
  readonly value: number;
  /** Where it came from, without the "entered by hand" mark. */
  readonly source: string;
  readonly manual: boolean;
  /** Who entered or imported it, by name; null when nobody did (the web trigger) or Jira cannot name them. */
  readonly byName: string | null;
}

/** "412 from "Import: crm.csv", imported by Avery Admin" or "8% that Riley Chen entered by hand (from "CRM dashboard")". */
const replacedWords = ({ value, source, manual, byName }: ReplacedFigure, key: string): string =>
  manual
    ? `${indicatorFigure(key, value)} that ${byName ?? 'someone'} entered by hand (from "${source}")`
    : `${indicatorFigure(key, value)} from "${source}"${byName === null ? '' : `, imported by ${byName}`}`;

/** The question a person is asked before their figure replaces one kept for the same date and indicator. */
export const replaceQuestion = (figure: EnteredFigure, kept: ReplacedFigure): string =>
  `The ${figure.label} figure for ${dateInWords(figure.date)} is already ${replacedWords(kept, figure.key)}. Replace it with ${indicatorFigure(figure.key, figure.value)}?`;

/** The audit trail's words for a figure entered by hand, naming what it replaced (who entered the figure is the entry's own). */
export const figureEnteredWords = (figure: EnteredFigure, replaced: ReplacedFigure | null): string =>
  `figure entered by hand: ${indicatorFigure(figure.key, figure.value)} ${figure.label} as of ${dateInWords(figure.date)} (from "${figure.source}")${
    replaced === null ? '' : `, replacing ${replacedWords(replaced, figure.key)}`
  }`;
