import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { CycleScatter } from '../../static/gadgets/src/charts';

// The chart links marks to Jira through the bridge, which only a Jira frame has; rendering needs none of it.
vi.mock('@forge/bridge', () => ({ router: { navigate: () => undefined } }));

const axisLabels = (start: string, end: string): string[] =>
  [
    ...renderToStaticMarkup(
      createElement(CycleScatter, {
        launches: [{ key: 'MKT-1', launchedAt: '2026-12-02T10:00:00.000Z', cycleTimeDays: 12 }],
        median: 12,
        p85: 12,
        start,
        end,
      }),
    ).matchAll(/<text[^>]*class="fp-chart-label"[^>]*>([A-Z][a-z]{2} \d{1,2}, \d{4})<\/text>/g),
  ].map((match) => match[1] as string);

describe('the cycle-time scatter of Workflow health', () => {
  it("names the period's first and last days: the last 90 days up to now take in today", () => {
    expect(axisLabels('2026-09-03T15:00:00.000Z', '2026-12-02T15:00:00.000Z')).toEqual(['Sep 3, 2026', 'Dec 2, 2026']);
  });

  it("ends a quarter on its last day, not on the next quarter's first", () => {
    expect(axisLabels('2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z')).toEqual(['Oct 1, 2026', 'Dec 31, 2026']);
  });
});
