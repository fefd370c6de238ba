import { describe, expect, it } from 'vitest';
import { fromZonedInput, setViewerTime, toZonedInput, viewerDateTimeWithZone, viewerTimeZone } from '../../static/shared/viewer-time';

/** Issue 15: times in the viewer's zone from Jira's context, not the browser's; launch windows entered in it too. */
describe("the viewer's time, in the zone Jira gives", () => {
  it('shows and reads a launch window in the context zone, whatever zone the browser is in', () => {
    expect(toZonedInput('2026-12-01T00:00:00.000Z', 'Asia/Tokyo')).toBe('2026-12-01T09:00');
    expect(fromZonedInput('2026-12-01T09:00', 'Asia/Tokyo')).toBe('2026-12-01T00:00:00.000Z');
    expect(fromZonedInput('2026-07-01T09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(fromZonedInput('2026-12-01T09:00', 'Europe/Berlin')).toBe('2026-12-01T08:00:00.000Z');
    expect(fromZonedInput('not a time', 'Europe/Berlin')).toBeNull();
    expect(toZonedInput('never', 'Europe/Berlin')).toBe('');
  });

  it('reads back every wall-clock time of a year with daylight saving as the time typed, except the hour that does not exist', () => {
    for (let hour = 0; hour < 365 * 24; hour += 5) {
      const wall = toZonedInput(new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000).toISOString(), 'America/New_York');
      expect(toZonedInput(fromZonedInput(wall, 'America/New_York') ?? '', 'America/New_York')).toBe(wall);
    }
    // 02:30 on the spring-forward night is not on any clock in New York: it lands an hour on, at 03:30 EDT.
    expect(fromZonedInput('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
  });

  it('takes the zone from the context, and keeps UTC for a zone it does not know', () => {
    setViewerTime({ timezone: 'Asia/Tokyo', locale: 'en_US' });
    expect(viewerTimeZone()).toBe('Asia/Tokyo');
    expect(viewerDateTimeWithZone('2026-12-01T00:00:00.000Z')).toBe('Dec 1, 2026, 09:00 AM GMT+9');
    setViewerTime({ timezone: 'Mars/Olympus' });
    expect(viewerTimeZone()).toBe('UTC');
  });
});
