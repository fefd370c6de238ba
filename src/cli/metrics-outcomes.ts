import type { ExportedIssue } from '../contracts/jira-export.schema';
import type { AppConfig } from '../domain/app-config';
import { stageLookup } from '../domain/metrics/workflow-metrics';
import { crmSnapshotsFromCsv } from '../domain/outcomes/crm-csv';
import { launchDateOf, outcomesReport, type OutcomesReport } from '../domain/outcomes/outcomes';
import { failure, ok, type Failure, type Result } from '../domain/result';

/** `npm run metrics -- --outcomes crm.csv`: each issue's outcome and the six outcome figures, in JSON and as a table. */

const METRIC_FIELD = 'properties.flight-plan-summary.metric.indicator';

/**
 * Judges the export's issues against a CRM report, with the site's indicator keys (the default
 * catalogue's unless `--indicators` names the site's own). The failure names the CSV's line, or the
 * issue whose success metric names an indicator the catalogue does not have.
 */
export const outcomesOf = (
  issues: readonly ExportedIssue[],
  crmCsv: string,
  statusMap: AppConfig['statusMap'],
  now: number,
  indicators: readonly string[],
): Result<OutcomesReport, Failure<'OUTCOMES.INVALID_CSV' | 'OUTCOMES.UNKNOWN_INDICATOR'>> => {
  const snapshots = crmSnapshotsFromCsv(crmCsv, indicators);
  if (!snapshots.ok) return failure('OUTCOMES.INVALID_CSV', snapshots.error.message);
  for (const [index, issue] of issues.entries()) {
    if (issue.metric !== undefined && !indicators.includes(issue.metric.indicator)) {
      return failure(
        'OUTCOMES.UNKNOWN_INDICATOR',
        `issues[${index}] (${issue.key}): ${METRIC_FIELD}: "${issue.metric.indicator}" is not one of ${indicators.join(', ')} (name the site's own with --indicators)`,
      );
    }
  }
  const stageOf = stageLookup(statusMap);
  const requests = issues.map((issue) => ({
    key: issue.key,
    campaign: issue.campaign ?? null,
    metric: issue.metric ?? null,
    launchDate: launchDateOf(issue, stageOf, now),
  }));
  return ok(outcomesReport(requests, snapshots.value, now));
};

/** The report with each issue's `outcomes` (in the report's issue order) and the six figures in its summary. */
export const withOutcomes = <R extends { readonly issues: readonly object[]; readonly summary: object }>(
  report: R,
  outcomes: OutcomesReport,
) => ({
  ...report,
  issues: report.issues.map((issue, index) => ({ ...issue, outcomes: outcomes.outcomes[index] ?? null })),
  summary: { ...report.summary, ...outcomes.summary },
});

const figure = (value: number | null): string => (value === null ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: 2 }));

export const formatOutcomes = (keys: readonly string[], { outcomes, summary }: OutcomesReport): string =>
  [
    '',
    `Outcomes: attainment ${summary.attainmentRate === null ? '—' : `${Math.round(summary.attainmentRate * 100)}%`}   conversion velocity (days) ${figure(summary.conversionVelocityDays)}`,
    `Pipeline influence ${figure(summary.pipelineInfluence)}   revenue contribution ${figure(summary.revenueContribution)}   cost per lead ${figure(summary.costPerLead)}   cost per opportunity ${figure(summary.costPerOpportunity)}`,
    `${'key'.padEnd(12)} ${'indicator'.padEnd(16)} ${'target'.padStart(10)} ${'window'.padStart(6)} ${'actual'.padStart(10)} ${'result'.padEnd(12)} days to target`,
    ...keys.flatMap((key, index) => {
      const outcome = outcomes[index];
      if (!outcome) return [];
      return [
        `${key.padEnd(12)} ${outcome.indicator.padEnd(16)} ${figure(outcome.target).padStart(10)} ${String(outcome.windowDays).padStart(6)} ${figure(outcome.actual).padStart(10)} ${outcome.result.padEnd(12)} ${figure(outcome.daysToTarget)}`,
      ];
    }),
  ].join('\n');
