import type { ExportedIssue } from '../contracts/jira-export.schema';
import type { AppConfig } from '../domain/app-config';
import { stageLookup } from '../domain/metrics/workflow-metrics';
import { crmSnapshotsFromCsv } from '../domain/outcomes/crm-csv';
import { launchDateOf, outcomesReport, type OutcomesReport } from '../domain/outcomes/outcomes';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { parseMetricSentence, type Indicator } from '../domain/outcomes/metric-sentence';
import { percentWords } from '../domain/percent-words';

/** `npm run metrics -- --outcomes crm.csv`: each issue's outcome and the six outcome figures, in JSON and as a table. */

/**
 * Judges the export's issues against a CRM report, with the site's indicator catalogue (the default one unless
 * `--indicators` names the site's own). As in the app, each target is read from the issue's Success metric field, never
 * from the summary property (anyone who may edit an issue may rewrite it): text not in the fixed form, or naming an
 * indicator the catalogue does not have, is no success metric. The failure names the CSV's line, or says the export
 * does not carry the field.
 */
export const outcomesOf = (
  issues: readonly ExportedIssue[],
  crmCsv: string,
  statusMap: AppConfig['statusMap'],
  now: number,
  catalogue: readonly Indicator[],
): Result<OutcomesReport, Failure<'OUTCOMES.INVALID_CSV' | 'OUTCOMES.NO_METRIC_FIELD'>> => {
  const snapshots = crmSnapshotsFromCsv(
    crmCsv,
    catalogue.map((indicator) => indicator.key),
  );
  if (!snapshots.ok) return failure('OUTCOMES.INVALID_CSV', snapshots.error.message);
  if (issues.length > 0 && issues.every((issue) => issue.metricText === undefined)) {
    return failure(
      'OUTCOMES.NO_METRIC_FIELD',
      'the export does not carry the Success metric field: search with the field\'s id among "fields" and with expand "schema", and keep the answer\'s "schema" beside "issues"',
    );
  }
  const stageOf = stageLookup(statusMap);
  const requests = issues.map((issue) => ({
    key: issue.key,
    campaign: issue.campaign ?? null,
    metric: parseMetricSentence(issue.metricText ?? '', catalogue),
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
    `Outcomes: attainment ${summary.attainmentRate === null ? '—' : percentWords(summary.attainmentRate)}   conversion velocity (days) ${figure(summary.conversionVelocityDays)}`,
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
