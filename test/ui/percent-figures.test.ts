import { describe, expect, it } from 'vitest';
import { FIGURES } from '../../static/gadgets/src/words';
import { forecastSentence } from '../../static/shared/forecast-words';

describe('percentages on the gadgets and the panel', () => {
  it("shows a rate of the Workflow health gadget as 100% only when it is whole: 199 of 200 is '>99%'", () => {
    expect(FIGURES.rate.value(0.995)).toBe('>99%');
    expect(FIGURES.rate.value(1)).toBe('100%');
    expect(FIGURES.rate.value(0.004)).toBe('<1%');
    expect(FIGURES.rate.value(0.42)).toBe('42%');
  });

  it('never calls a launch certain, or hopeless, when some simulations say otherwise', () => {
    const forecast = { launchP50: '2026-03-12', launchP85: '2026-03-19', dueDate: '2026-03-14' };
    expect(forecastSentence({ ...forecast, onTimeProbability: 0.9963 }, 2026)).toContain('>99% chance by Mar 14');
    expect(forecastSentence({ ...forecast, onTimeProbability: 0.0021 }, 2026)).toContain('<1% chance by Mar 14');
    expect(forecastSentence({ ...forecast, onTimeProbability: 1 }, 2026)).toContain('100% chance by Mar 14');
  });
});
