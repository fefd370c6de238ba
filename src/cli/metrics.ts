/**
 * `npm run metrics -- --input export.json [--stages stages.json] [--now ISO] [--format json|table] [--forecast [--seed N]] [--outcomes crm.csv [--indicators key[=label],…]]`
 * Workflow-health figures from a Jira export, offline, with the same domain functions the app uses.
 */
import { constants } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ExportedIssue } from '../contracts/jira-export.schema';
import { bytesReader, readUsualExport, WARM_UP_WORTH_BYTES, warmUpReader, type ReadMore } from '../contracts/jira-export-stream';
import { JIRA_INSTANT_WORDS, parseJiraInstant } from '../contracts/jira-time';
import { DEFAULT_CONFIG, stageOfStatus, type AppConfig } from '../domain/app-config';
import { forecastReport } from '../domain/forecast/forecast-report';
import { historiesAsOf } from '../domain/metrics/history-as-of';
import { INDICATOR_KEY } from '../domain/outcomes/catalogue';
import { DEFAULT_INDICATOR_CATALOGUE, type Indicator } from '../domain/outcomes/metric-sentence';
import { UNMAPPED } from '../domain/metrics/issue-metrics';
import { stageLookup, workflowReport, type WorkflowReport } from '../domain/metrics/workflow-metrics';
import { percentWords } from '../domain/percent-words';
import { ok, type Failure, type Result } from '../domain/result';
import { isLaunchedStage, STAGES, type Stage } from '../domain/stages';
import { DEFAULT_SEED, formatForecasts, parseSeed, withForecasts } from './metrics-forecast';
import { formatOutcomes, outcomesOf, withOutcomes } from './metrics-outcomes';

/** `{"In Review": "qa"}` entries are added to the default names; a listed status leaves its default stage. */
const statusMapWith = (overrides: Record<string, Stage>): AppConfig['statusMap'] => {
  const lower = new Set(Object.keys(overrides).map((name) => name.toLowerCase()));
  const map = Object.fromEntries(
    STAGES.map((stage) => [stage, DEFAULT_CONFIG.statusMap[stage].filter((name) => !lower.has(name.toLowerCase()))]),
  ) as Record<Stage, string[]>;
  for (const [name, stage] of Object.entries(overrides)) map[stage].push(name);
  return map;
};

/**
 * A site's own indicator catalogue, as its admin page keeps it: `key` or `key=label` (the label the Success metric field
 * writes, "demosBooked=demos booked"); a key of the default catalogue keeps its label. The default catalogue without it.
 */
const indicatorCatalogue = (option: string | undefined): Indicator[] => {
  if (option === undefined) return [...DEFAULT_CONFIG.indicators];
  return option.split(',').map((entry) => {
    const [key = '', label] = entry.split('=').map((part) => part.trim());
    if (!INDICATOR_KEY.test(key))
      throw new UsageError(
        `--indicators: "${key}" is not an indicator key (letters and digits, starting with a lower-case letter, like signups)`,
      );
    return { key, label: label || (DEFAULT_INDICATOR_CATALOGUE.find((indicator) => indicator.key === key)?.label ?? key) };
  });
};

/** `read`'s answer; a file that cannot be read is a usage error naming it and why (ENOENT, EISDIR, …). */
const reading = <T>(path: string, what: string, read: () => T): T => {
  try {
    return read();
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
};

const readText = (path: string, what: string): string => reading(path, what, () => readFileSync(path, 'utf8'));

/** A file longer than a string may be is refused as `readText` refuses it, so that every reading says the same. */
const refuseLongerThanAString = (size: number, path: string, what: string): void => {
  if (size > constants.MAX_STRING_LENGTH) throw new UsageError(`cannot read ${what} ${path}: ERR_STRING_TOO_LONG`);
};

/**
 * Why JSON.parse refused text whose first character is `first`. RFC 8259 (§8.1) lets a parser refuse a byte order mark,
 * which some Windows editors write at the start of a UTF-8 file; JSON.parse's words for it show an invisible character.
 */
const notJson = (what: string, path: string, error: Error, first: string): UsageError =>
  new UsageError(
    first === '\ufeff'
      ? `${what} ${path} starts with a byte order mark (U+FEFF), which JSON does not allow: save it as UTF-8 without one`
      : `${what} ${path} is not JSON: ${error.message}`,
  );

const readJson = (path: string, what: string): unknown => {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw notJson(what, path, error as Error, text.charAt(0));
  }
};

class UsageError extends Error {}

/**
 * The export. One of Jira's usual shape is read as it streams in (`readUsualExport`); any other, or one with something
 * wrong, by the exact reader (`parseMetricsExportJson`), loaded only then, since it needs zod. Either way the answer
 * is the same, and text that is not JSON gets the words `notJson` has for it. An input that is not a regular file (a
 * pipe: `--input <(…)`, `--input /dev/stdin`) can be read only once: it is read whole first, and both readers read those bytes.
 */
const readExport = async (path: string): Promise<Result<ExportedIssue[], Failure<'EXPORT.INVALID'>>> => {
  const file = reading(path, 'input', () => openSync(path, 'r'));
  let piped: Buffer | undefined;
  try {
    const stats = reading(path, 'input', () => fstatSync(file));
    if (!stats.isFile()) piped = reading(path, 'input', () => readFileSync(file));
    const size = piped?.length ?? stats.size;
    refuseLongerThanAString(size, path, 'input');
    if (size > WARM_UP_WORTH_BYTES) warmUpReader();
    const readMore: ReadMore = piped ? bytesReader(piped) : (bytes, at, length) => readSync(file, bytes, at, length, null);
    const usual = reading(path, 'input', () => readUsualExport(readMore));
    if (usual !== null) return ok(usual);
  } finally {
    closeSync(file);
  }
  const { parseMetricsExportJson } = await import('./metrics-exact');
  const bytes = piped ?? reading(path, 'input', () => readFileSync(path));
  refuseLongerThanAString(bytes.length, path, 'input');
  try {
    return parseMetricsExportJson(bytes);
  } catch (error) {
    if (error instanceof SyntaxError) throw notJson('input', path, error, bytes.toString('utf8', 0, 3).charAt(0));
    throw error;
  }
};

const fixed = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined ? '—' : value.toFixed(digits);
const percent = (value: number | null): string => (value === null ? '—' : percentWords(value, 1));

const formatTable = (report: WorkflowReport): string => {
  const { summary } = report;
  const lines = [
    `Issues: ${summary.count}   launched: ${summary.launched}`,
    `Cycle time (days): mean ${fixed(summary.cycleTimeDays.mean)}   median ${fixed(summary.cycleTimeDays.median)}   p85 ${fixed(summary.cycleTimeDays.p85)}`,
    `On-time rate: ${percent(summary.onTimeRate)}   QA defect rate: ${percent(summary.qaDefectRate)}   revisions per issue: ${fixed(summary.revisionFrequency)}`,
    `Bottleneck: ${summary.bottleneck ?? '—'}`,
    '',
    'Median days per stage:',
    ...STAGES.filter((stage) => summary.medianStageDays[stage] !== undefined).map(
      (stage) => `  ${stage.padEnd(10)} ${fixed(summary.medianStageDays[stage]).padStart(8)}`,
    ),
    '',
    'Launches per week:',
    ...summary.throughputPerWeek.map((week) => `  ${week.week}  ${'█'.repeat(week.launches)} ${week.launches}`),
    '',
    `${'key'.padEnd(12)} ${'cycle'.padStart(8)} ${'lead'.padStart(8)} ${'revs'.padStart(5)} ${'QA ret'.padStart(6)} on-time`,
    ...report.issues.map(
      (issue) =>
        `${issue.key.padEnd(12)} ${fixed(issue.cycleTimeDays).padStart(8)} ${fixed(issue.leadTimeDays).padStart(8)} ${String(issue.revisions).padStart(5)} ${String(issue.qaReturns).padStart(6)} ${issue.onTime === null ? '—' : issue.onTime ? 'yes' : 'no'}`,
    ),
  ];
  return lines.join('\n');
};

/**
 * The report for `argv`, at `nowMs` unless `--now` says otherwise. `warn` is told, in words, what the figures cannot be
 * trusted for (the command prints it on stderr, apart from the report).
 */
export const runMetricsCommand = async (
  argv: readonly string[],
  nowMs: number,
  warn: (line: string) => void = () => undefined,
): Promise<string> => {
  let values: {
    input?: string;
    stages?: string;
    now?: string;
    format?: string;
    forecast?: boolean;
    seed?: string;
    outcomes?: string;
    indicators?: string;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        input: { type: 'string' },
        stages: { type: 'string' },
        now: { type: 'string' },
        format: { type: 'string', default: 'json' },
        forecast: { type: 'boolean', default: false },
        seed: { type: 'string' },
        outcomes: { type: 'string' },
        indicators: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.input === undefined) throw new UsageError('--input <export.json> is required');
  if (values.format !== 'json' && values.format !== 'table') throw new UsageError(`--format must be json or table, not "${values.format}"`);
  const now = values.now === undefined ? nowMs : parseJiraInstant(values.now);
  if (Number.isNaN(now)) throw new UsageError(`--now must be ${JIRA_INSTANT_WORDS}, not "${values.now}"`);
  if (values.seed !== undefined && !values.forecast) throw new UsageError('--seed goes with --forecast');
  const seed = values.seed === undefined ? DEFAULT_SEED : parseSeed(values.seed);
  if (seed === null) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, not "${values.seed}"`);

  if (values.indicators !== undefined && values.outcomes === undefined) throw new UsageError('--indicators goes with --outcomes');
  const indicators = indicatorCatalogue(values.indicators);

  let overrides: Record<string, Stage> = {};
  if (values.stages !== undefined) {
    const { stageOverridesOf } = await import('./metrics-exact');
    const read = stageOverridesOf(readJson(values.stages, 'stages file'));
    if (!read.ok) throw new UsageError(`stages file ${values.stages}: ${read.error.message}`);
    overrides = read.value;
  }
  const exported = await readExport(values.input);
  if (!exported.ok) throw new UsageError(`input ${values.input}: ${exported.error.message}`);
  // Every part of the report, the forecast's and the outcomes' too, is of the issues as they stood at `now`: a past
  // `--now` counts no launch, stage visit or issue that came after it.
  const issues = historiesAsOf(exported.value, now);
  const statusMap = statusMapWith(overrides);
  // An issue in Launch or later with no status change at all counts as launched when it was created: what an export
  // that left out its changelogs would make of every launched issue (a cycle time of 0, on time).
  const undated = issues.filter(
    (issue) => issue.changes.length === 0 && isLaunchedStage(stageOfStatus(issue.currentStatus, statusMap)),
  ).length;
  if (undated > 0)
    warn(
      `${undated.toLocaleString('en-US')} of ${issues.length.toLocaleString('en-US')} issues are in Launch or a later stage with no status change in the export: each counts as launched when it was created (cycle time 0). Does the export hold their changelogs?`,
    );
  // A status no stage claims (a workflow's own "In Progress", or one renamed since) is time counted in no stage: said,
  // rather than figures that quietly leave it out.
  const stageOf = stageLookup(statusMap);
  const unmapped = new Set<string>();
  let issuesUnmapped = 0;
  /** True for a status no stage claims, which it then notes. */
  const noted = (name: string): boolean => {
    if (stageOf(name) !== UNMAPPED) return false;
    unmapped.add(name);
    return true;
  };
  for (const issue of issues) {
    let holdsOne = noted(issue.currentStatus);
    for (const change of issue.changes) {
      const from = noted(change.fromStatus);
      const to = noted(change.toStatus);
      holdsOne = holdsOne || from || to;
    }
    if (holdsOne) issuesUnmapped++;
  }
  if (unmapped.size > 0) {
    const shown = [...unmapped].slice(0, 5).map((name) => `"${name}"`);
    warn(
      `${issuesUnmapped.toLocaleString('en-US')} of ${issues.length.toLocaleString('en-US')} issues have statuses no stage claims (${shown.join(', ')}${unmapped.size > shown.length ? `, and ${(unmapped.size - shown.length).toLocaleString('en-US')} more` : ''}): their time there counts in no stage, and a move into one is no launch. Map them with --stages.`,
    );
  }
  const report = workflowReport(issues, statusMap, now);
  const outcomes =
    values.outcomes === undefined ? null : outcomesOf(issues, readText(values.outcomes, 'outcomes file'), statusMap, now, indicators);
  if (outcomes?.ok === false) {
    throw new UsageError(
      outcomes.error.code === 'OUTCOMES.INVALID_CSV'
        ? `outcomes file ${values.outcomes}: ${outcomes.error.message}`
        : `input ${values.input}: ${outcomes.error.message}`,
    );
  }
  const ids = issues.map((history) => history.id);
  const forecast = values.forecast ? forecastReport(issues, stageLookup(statusMap), { now, seed }) : null;
  if (values.format === 'table') {
    return (
      formatTable(report) +
      (forecast ? formatForecasts(report, ids, forecast) : '') +
      (outcomes
        ? formatOutcomes(
            issues.map((issue) => issue.key),
            outcomes.value,
          )
        : '')
    );
  }
  const forecasted = forecast ? withForecasts(report, ids, forecast) : report;
  return JSON.stringify(outcomes ? withOutcomes(forecasted, outcomes.value) : forecasted, null, 2);
};

/**
 * Prints the report, then ends the process once stdout has taken it, rather than tearing down a heap nobody needs (about
 * 8 ms of the command's 0.55 s on issue 12's export). A report that cannot be written (a full disk) is said, with exit
 * code 1; with `console.log` the built command answered 0 with the report lost. A reader that goes away (`| head`) ends
 * the command quietly.
 */
const printThenExit = (output: string): void => {
  process.stdout.once('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') {
      process.stderr.write(`metrics: cannot write the report: ${error.code ?? error.message}\n`);
      process.exitCode = 1;
    }
    process.exit();
  });
  // A write that fails emits the error above, which ends the process.
  process.stdout.write(`${output}\n`, (error) => {
    if (!error) process.exit();
  });
};

if (require.main === module) {
  runMetricsCommand(process.argv.slice(2), Date.now(), (line) => process.stderr.write(`metrics: ${line}\n`)).then(
    printThenExit,
    (error: unknown) => {
      if (!(error instanceof UsageError)) throw error;
      console.error(`metrics: ${error.message}`);
      process.exitCode = 2;
    },
  );
}
