import { describe, expect, it } from 'vitest';
import {
  backtestSentence,
  forecastSentence,
  ifAcceptedSentence,
  loadWords,
  noForecastWords,
  teamLoadLeftOutWords,
} from '../../static/shared/forecast-words';
import { calendarDate, calendarRange, setViewerTime } from '../../static/shared/viewer-time';

describe('forecasts in words', () => {
  it("says the requester's forecast in a sentence: the likely range and the chance by the date asked for", () => {
    expect(
      forecastSentence({ launchP50: '2026-03-12', launchP85: '2026-03-19', onTimeProbability: 0.4, dueDate: '2026-03-14' }, 2026),
    ).toBe('Likely Mar 12\u2009–\u200919; 40% chance by Mar 14, the date you asked for.');
    expect(forecastSentence({ launchP50: '2026-03-12', launchP85: '2026-03-12', onTimeProbability: null, dueDate: null }, 2026)).toBe(
      'Likely Mar 12; no launch date was asked for.',
    );
  });

  it("says when the dates allow for a loaded assignee, and nothing at the team's usual pace", () => {
    expect(loadWords(2.5)).toBe("The dates allow for its assignee's load: 2.5 times the team's usual.");
    expect(loadWords(3)).toBe("The dates allow for its assignee's load: 3 times the team's usual.");
    expect(loadWords(1)).toBeNull();
  });

  it('says how many people Team load leaves out, and when a project may be missing people, never nothing', () => {
    expect(teamLoadLeftOutWords(0, false)).toBeNull();
    expect(teamLoadLeftOutWords(1, false)).toBe('1 more person with a smaller load is not listed here.');
    expect(teamLoadLeftOutWords(1_272, false)).toBe('1,272 more people with a smaller load are not listed here.');
    expect(teamLoadLeftOutWords(0, true)).toBe(
      'The last refresh could not keep everyone with accepted work, so some people of these projects may be missing here.',
    );
    expect(teamLoadLeftOutWords(2, true)).toMatch(/^2 more people .* here\. The last refresh .* here\.$/);
  });

  it('gives a declined blocker as the reason there is no forecast, and the hourly refresh otherwise', () => {
    expect(noForecastWords(null, { launched: 3, needed: 10 })).toBe(
      'No launch forecast yet: forecasts rest on at least 10 launched requests, and 3 have launched so far.',
    );
    expect(noForecastWords(null, { launched: 1, needed: 10 })).toContain('and 1 has launched so far');
    expect(noForecastWords(null, { launched: 0, needed: 10 })).toContain('and none has launched so far');
    expect(noForecastWords({ count: 1, words: 'MKT-3' })).toBe(
      'No launch forecast: this request waits on MKT-3, which was declined and will not launch. Re-plan without it and remove the dependency; the next hourly refresh then forecasts it.',
    );
    expect(noForecastWords({ count: 2, words: 'MKT-3 and a request you cannot see' })).toBe(
      'No launch forecast: this request waits on MKT-3 and a request you cannot see, which were declined and will not launch. Re-plan without them and remove the dependencies; the next hourly refresh then forecasts it.',
    );
    expect(noForecastWords(null)).toBe('No launch forecast yet: the hourly refresh makes one.');
  });

  it('spans months and years in plain dates', () => {
    // Intl's range puts thin spaces (U+2009) around the dash.
    expect(calendarRange('2026-02-28', '2026-03-06', 2026)).toBe('Feb 28\u2009–\u2009Mar 6');
    expect(calendarRange('2026-12-28', '2027-01-06', 2026)).toBe('Dec 28, 2026\u2009–\u2009Jan 6, 2027');
    expect(calendarRange('2027-01-02', '2027-01-06', 2026)).toBe('Jan 2\u2009–\u20096, 2027');
  });

  it("writes a forecast's dates in the same style as every other date on the screen, in the viewer's locale", () => {
    // The triage gadget's sentence beside a due date shown with calendarDate: one style, not "8 December" beside "Nov 16, 2026".
    expect(ifAcceptedSentence({ launchP85: '2026-12-08', onTimeProbability: 0.4 }, '2027-11-16', 2026)).toBe(
      'If accepted today: launch likely by Dec 8 (85% sure); 40% chance by Nov 16, 2027, the date asked for.',
    );
    expect(calendarDate('2027-11-16')).toBe('Nov 16, 2027');
    setViewerTime({ timezone: 'Europe/Berlin', locale: 'en_GB' });
    try {
      expect(
        forecastSentence({ launchP50: '2026-03-12', launchP85: '2026-03-19', onTimeProbability: 0.4, dueDate: '2026-03-14' }, 2026),
      ).toBe('Likely 12\u2009–\u200919 Mar; 40% chance by 14 Mar, the date you asked for.');
      expect(calendarDate('2026-11-16')).toBe('16 Nov 2026');
    } finally {
      setViewerTime({});
    }
  });

  it('says how the forecasts made weeks ago turned out', () => {
    expect(backtestSentence({ weeksAgo: 8, scored: 48, p85Share: 0.8333 })).toBe(
      'Of the forecasts made 8 weeks ago, 83% landed by their p85 date (48 requests).',
    );
    expect(backtestSentence({ weeksAgo: 8, scored: 0, p85Share: null })).toBe('No forecast made 8 weeks ago can be checked yet.');
  });
});
