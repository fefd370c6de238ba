import { parseCalendarDate, toCalendarDate } from '../business-days';
import { DAY_MS } from '../durations';

/** A UTC calendar date, `YYYY-MM-DD`; such strings sort in date order. */
export type CalendarDate = string;

/**
 * Cumulative figures of one campaign as of one date: any catalogue indicator and `spend`. A
 * missing key means the source did not say, which is not zero.
 */
export interface CampaignSnapshot {
  readonly campaign: string;
  readonly date: CalendarDate;
  readonly values: Readonly<Record<string, number>>;
}

/** Each campaign's snapshots that count as of a date, oldest first. */
export type CampaignFigures = ReadonlyMap<string, readonly CampaignSnapshot[]>;

const dayNumber = (date: CalendarDate): number => {
  const parsed = parseCalendarDate(date);
  if (parsed === null) throw new Error(`not a calendar date: ${date}`);
  return parsed.getTime() / DAY_MS;
};

export const addDays = (date: CalendarDate, days: number): CalendarDate => toCalendarDate(new Date((dayNumber(date) + days) * DAY_MS));

export const daysBetween = (from: CalendarDate, to: CalendarDate): number => dayNumber(to) - dayNumber(from);

/** Groups snapshots by campaign, keeping those dated on or before `today` (later ones have not happened). */
export const campaignFigures = (snapshots: readonly CampaignSnapshot[], today: CalendarDate): CampaignFigures => {
  const byCampaign = new Map<string, CampaignSnapshot[]>();
  for (const snapshot of snapshots) {
    if (snapshot.date > today) continue;
    const list = byCampaign.get(snapshot.campaign) ?? [];
    list.push(snapshot);
    byCampaign.set(snapshot.campaign, list);
  }
  // A stable sort: of two snapshots with the same date, the one given later is read as the later.
  for (const list of byCampaign.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return byCampaign;
};

/**
 * The value of `key` in the latest of a campaign's snapshots that has it, dated on or before
 * `through`; null when none has it.
 */
export const latestValue = (figures: CampaignFigures, campaign: string, key: string, through?: CalendarDate): number | null => {
  const snapshots = figures.get(campaign) ?? [];
  for (let i = snapshots.length - 1; i >= 0; i--) {
    const snapshot = snapshots[i] as CampaignSnapshot;
    if (through !== undefined && snapshot.date > through) continue;
    const value = snapshot.values[key];
    if (value !== undefined) return value;
  }
  return null;
};

/** The earliest snapshot dated on or after `from` whose `key` reaches `target`; null when none does. */
export const firstDateReaching = (
  figures: CampaignFigures,
  campaign: string,
  key: string,
  target: number,
  from: CalendarDate,
): CalendarDate | null => {
  for (const snapshot of figures.get(campaign) ?? []) {
    const value = snapshot.values[key];
    if (snapshot.date >= from && value !== undefined && value >= target) return snapshot.date;
  }
  return null;
};
