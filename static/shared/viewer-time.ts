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
/** A calendar date that has no time of day (a due date, "2026-11-30"), shown without moving it across zones. */
export const calendarDate = (date: string): string =>
  new Intl.DateTimeFormat(viewer.locale, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(`${date.slice(0, 10)}T00:00:00Z`),
  );
