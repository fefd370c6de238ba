/**
 * Dates and times as the viewer reads them: in their own time zone, in words, never as an ISO
 * timestamp. Jira gives each Custom UI module the viewer's zone and locale in its context
 * (`FullContext.timezone` and `locale` in @forge/bridge's types), which each app's start-up hands
 * to `setViewerTime` before anything renders.
 */
let viewer: { readonly timeZone: string; readonly locale: string } = { timeZone: 'UTC', locale: 'en-US' };

/** Called once at start-up with what `view.getContext()` answered; an unknown zone keeps UTC. */
export const setViewerTime = (context: { readonly timezone?: unknown; readonly locale?: unknown }): void => {
  const timeZone = typeof context.timezone === 'string' && context.timezone !== '' ? context.timezone : 'UTC';
  const locale = typeof context.locale === 'string' && context.locale !== '' ? context.locale.replace('_', '-') : 'en-US';
  try {
    new Intl.DateTimeFormat(locale, { timeZone });
    viewer = { timeZone, locale };
  } catch {
    viewer = { timeZone: 'UTC', locale: 'en-US' };
  }
};

const format = (instant: string | number | Date, options: Intl.DateTimeFormatOptions): string =>
  new Intl.DateTimeFormat(viewer.locale, { timeZone: viewer.timeZone, ...options }).format(new Date(instant));

/** "30 Nov 2026" style: a calendar date in the viewer's zone. */
export const viewerDate = (instant: string | number | Date): string => format(instant, { day: 'numeric', month: 'short', year: 'numeric' });
/** "30 Nov 2026, 09:57" style. */
export const viewerDateTime = (instant: string | number | Date): string =>
  format(instant, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
/** "09:57" style. */
export const viewerTime = (instant: string | number | Date): string => format(instant, { hour: '2-digit', minute: '2-digit' });
/** A calendar date ("2026-11-30") as the instant its day starts in UTC, so formatting it in UTC never moves it a day. */
const calendarDay = (date: string): Date => new Date(`${date.slice(0, 10)}T00:00:00Z`);
const yearOf = (date: string): number => Number(date.slice(0, 4));
/** The one style every calendar date on screen is written in: the viewer's locale, short month ("Nov 30, 2026"). */
const calendarFormat = (withYear: boolean): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat(viewer.locale, { timeZone: 'UTC', day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}) });

/**
 * A calendar date that has no time of day (a due date, "2026-11-30"), shown without moving it across zones:
 * "Nov 30, 2026", or "Nov 30" when `thisYear` is given and it is that year.
 */
export const calendarDate = (date: string, thisYear?: number): string =>
  calendarFormat(thisYear === undefined || yearOf(date) !== thisYear).format(calendarDay(date));

/** "Mar 12 – 19", "Feb 28 – Mar 6" or "Dec 28, 2026 – Jan 6, 2027": two calendar dates as one range, in the same style. */
export const calendarRange = (from: string, to: string, thisYear: number): string =>
  calendarFormat(yearOf(from) !== thisYear || yearOf(to) !== thisYear).formatRange(calendarDay(from), calendarDay(to));

/** The viewer's time zone ("Europe/Berlin"), as Jira gave it. */
export const viewerTimeZone = (): string => viewer.timeZone;

/** "30 Nov 2026, 09:57 CET": an instant with the zone it is shown in. */
export const viewerDateTimeWithZone = (instant: string | number | Date): string =>
  format(instant, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });

/** The wall-clock parts of an instant in a zone. */
const wallClock = (instant: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
};

/** How far a zone's wall clock is ahead of UTC at an instant, in ms. */
const offsetAt = (instant: number, timeZone: string): number => {
  const wall = wallClock(instant, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - Math.floor(instant / 60_000) * 60_000;
};

const twoDigits = (value: number): string => String(value).padStart(2, '0');

/** A stored instant as a `datetime-local` input shows it: the wall-clock time in the viewer's zone ("2026-11-30T09:00"). */
export const toZonedInput = (iso: string | undefined, timeZone: string = viewer.timeZone): string => {
  const instant = iso === undefined ? Number.NaN : Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  const wall = wallClock(instant, timeZone);
  return `${String(wall.year)}-${twoDigits(wall.month)}-${twoDigits(wall.day)}T${twoDigits(wall.hour)}:${twoDigits(wall.minute)}`;
};

/**
 * What a `datetime-local` input holds, read as wall-clock time in the viewer's zone (not the browser's), as the
 * instant to store; an empty or unreadable value gives null. Across a daylight-saving change the offset of the
 * result itself is used, so "02:30" on a spring-forward night lands an hour later, as clocks do.
 */
export const fromZonedInput = (value: string, timeZone: string = viewer.timeZone): string | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (match === null) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  // A wall-clock time the zone skips (the spring-forward hour) has no instant: the first guess is the one after it.
  return new Date(toZonedInput(new Date(second).toISOString(), timeZone) === value ? second : first).toISOString();
};
