import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { IssueHistory } from '../src/domain/metrics/issue-metrics';

const jiraInstant = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

/** How an export holds the histories: embedded (search with `expand=changelog`) or as bulkfetch's changelogs. */
type Shape =
  | 'embedded, a labels change beside each status change'
  | 'embedded, status changes alone'
  | "changelogs, status changes alone (issue 12's shape)";

/**
 * The issues as Jira's search (`POST /rest/api/3/search/jql`) gives them, their histories embedded (`expand=changelog`)
 * or beside them as `POST /rest/api/3/changelog/bulkfetch` gives them. With labels, each status change sits beside a
 * field change that is not one, as real changelogs mix them (the 26 MB export); without, each history holds its status
 * change alone, as in issue 12's 17 MB export.
 */
const exportOf = (histories: readonly IssueHistory[], shape: Shape) => {
  const labels = shape.includes('labels');
  const historiesOf = (history: IssueHistory) =>
    history.changes.map((change, n) => ({
      id: String(n + 1),
      created: jiraInstant(change.at),
      author: { accountId: 'acc-bench' },
      items: [
        ...(labels
          ? [{ field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: '', to: null, toString: 'campaign' }]
          : []),
        {
          field: 'status',
          fieldtype: 'jira',
          fieldId: 'status',
          from: '1',
          fromString: change.fromStatus,
          to: '2',
          toString: change.toStatus,
        },
      ],
    }));
  const issues = histories.map((history) => ({
    id: history.id,
    key: history.key,
    fields: { created: jiraInstant(history.createdAt), duedate: history.dueDate, status: { name: history.currentStatus } },
  }));
  if (shape.startsWith('changelogs'))
    return { issues, changelogs: histories.map((history) => ({ issueId: history.id, changeHistories: historiesOf(history) })) };
  return { issues: issues.map((issue, n) => ({ ...issue, changelog: { histories: historiesOf(histories[n] as IssueHistory) } })) };
};

/** The time of one node process, in ms. */
const processMs = (args: readonly string[]): number => {
  const started = performance.now();
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - started;
};

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * The `npm run metrics` command's own process on a 10,000-issue export, against the floor of a process that only reads
 * and `JSON.parse`s the same file (what the command did before it read the bytes itself); npm's own start-up is left
 * out of both. Issue 12's target is 0.4 s for the command's process. Three exports: the bench's 26 MB one, one of the
 * same histories with status changes alone, and the same as issue 12's 17 MB one holds them (bulkfetch's changelogs).
 * Each figure is the median of 5 runs, the command and the floor taken in turn so that load falls on both alike.
 */
export const benchMetricsCommand = (root: string, histories: readonly IssueHistory[]): void => {
  execFileSync('npm', ['run', '-s', 'build:cli'], { cwd: root, stdio: 'inherit' });
  const dir = mkdtempSync(path.join(tmpdir(), 'fp-bench-cli-'));
  try {
    const changes = histories.reduce((total, history) => total + history.changes.length, 0);
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    const lines = [
      `metrics command (Node.js ${process.version}) on ${histories.length.toLocaleString('en')} issues (${changes.toLocaleString('en')} status changes), median of 5:`,
    ];
    const shapes: Shape[] = [
      'embedded, a labels change beside each status change',
      'embedded, status changes alone',
      "changelogs, status changes alone (issue 12's shape)",
    ];
    for (const [n, shape] of shapes.entries()) {
      const input = path.join(dir, `export-${n}.json`);
      writeFileSync(input, JSON.stringify(exportOf(histories, shape)));
      const floorRun = ['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(input)}, 'utf8'))`];
      const commandRun = [path.join(root, 'dist/metrics.js'), '--input', input, '--now', '2026-01-01T00:00:00.000+0000'];
      const floor: number[] = [];
      const command: number[] = [];
      for (let run = 0; run < 5; run++) {
        floor.push(processMs(floorRun));
        command.push(processMs(commandRun));
      }
      const size = `${(statSync(input).size / 1024 / 1024).toFixed(1)} MB`;
      lines.push(
        `  ${size} export, ${shape}: ` +
          `the command ${seconds(median(command))} (target 0.4 s); the old floor, read + JSON.parse, ${seconds(median(floor))}`,
      );
    }
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
