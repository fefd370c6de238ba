import type { ForecastReport } from '../domain/forecast/forecast-report';
import type { WorkflowReport } from '../domain/metrics/workflow-metrics';
import { percentWords } from '../domain/percent-words';

/** `npm run metrics -- --forecast`: the forecasts' part of the report, in JSON and as a table. */

export const DEFAULT_SEED = 1;

/** A seed from the command line: a whole number that fits 32 bits, else null. */
export const parseSeed = (text: string): number | null => {
  if (!/^\d{1,10}$/.test(text)) return null;
  const seed = Number(text);
  return seed <= 0xffff_ffff ? seed : null;
};

const chance = (probability: number | null): string => (probability === null ? '—' : percentWords(probability));

/** The report with each open request's forecast and the team's next four weeks. */
export const withForecasts = (report: WorkflowReport, ids: readonly string[], forecast: ForecastReport) => ({
  issues: report.issues.map((issue, index) => {
    const id = ids[index] as string;
    if (!forecast.forecasts.has(id)) return issue;
    const made = forecast.forecasts.get(id);
    return {
      ...issue,
      forecast: made ? { launchP50: made.launchP50, launchP85: made.launchP85, onTimeProbability: made.onTimeProbability } : null,
    };
  }),
  summary: {
    ...report.summary,
    forecastBasis: forecast.basis,
    throughputNext4Weeks: forecast.throughputNext4Weeks && {
      p50: forecast.throughputNext4Weeks.p50,
      p85: forecast.throughputNext4Weeks.p85,
    },
  },
});

export const formatForecasts = (report: WorkflowReport, ids: readonly string[], forecast: ForecastReport): string => {
  const throughput = forecast.throughputNext4Weeks;
  return [
    '',
    `Forecasts from ${forecast.basis} launches; launches in the next 4 weeks: ${throughput ? `${throughput.p50} likely, at least ${throughput.p85} at 85%` : '—'}`,
    `${'key'.padEnd(12)} ${'p50'.padEnd(10)} ${'p85'.padEnd(10)} on time`,
    ...report.issues.flatMap((issue, index) => {
      const id = ids[index] as string;
      if (!forecast.forecasts.has(id)) return [];
      const made = forecast.forecasts.get(id);
      return [
        `${issue.key.padEnd(12)} ${(made?.launchP50 ?? '—').padEnd(10)} ${(made?.launchP85 ?? '—').padEnd(10)} ${chance(made?.onTimeProbability ?? null)}`,
      ];
    }),
  ].join('\n');
};
