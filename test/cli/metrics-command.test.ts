import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMetricsCommand } from '../../src/cli/metrics';
import { MIN_FORECAST_BASIS } from '../../src/domain/forecast/launch-forecast';
import { scratchDir } from '../fakes/scratch-dir';

const dir = scratchDir('fp-metrics-');
const file = (name: string, content: unknown): string => {
  const full = path.join(dir, name);
  writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content));
  return full;
};

const statusHistory = (id: string, created: string, from: string, to: string) => ({
  id,
  created,
  author: { accountId: 'a' },
  items: [
    { field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: '', to: null, toString: 'x' },
    { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '1', fromString: from, to: '2', toString: to },
  ],
});

/** The shapes of POST /rest/api/3/search/jql and POST /rest/api/3/changelog/bulkfetch. */
const EXPORT = {
  issues: [
    {
      id: '10001',
      key: 'MKT-1',
      fields: { created: '2026-06-01T10:00:00.000+1100', duedate: '2026-06-05', status: { name: 'Launch' } },
      // The same history as in bulkfetch, plus one only here: merged, not double counted.
      changelog: {
        histories: [
          statusHistory('3', '2026-06-04T23:00:00.000+0000', 'In Review', 'Launch'),
          statusHistory('1', '2026-06-02T10:00:00.000+1100', 'Intake', 'Build'),
        ],
      },
    },
    { id: '10002', key: 'MKT-2', fields: { created: '2026-06-01T00:00:00.000+0000', duedate: null, status: { name: 'Triage' } } },
  ],
  changelogs: [
    {
      issueId: '10001',
      changeHistories: [
        statusHistory('2', '2026-06-03T00:00:00.000+0000', 'Build', 'In Review'),
        statusHistory('1', '2026-06-02T10:00:00.000+1100', 'Intake', 'Build'),
      ],
    },
  ],
};

describe('npm run metrics', () => {
  const input = file('export.json', EXPORT);
  const stages = file('stages.json', { 'In Review': 'qa' });

  it('merges both changelog sources, maps custom statuses and prints the JSON report', async () => {
    const out = JSON.parse(await runMetricsCommand(['--input', input, '--stages', stages, '--now', '2026-06-10T00:00:00.000+0000'], 0));
    // Created 2026-05-31T23:00Z; Build at 06-01T23:00Z; In Review (qa) at 06-03T00:00Z; Launch at 06-04T23:00Z.
    expect(out.issues[0]).toEqual({
      key: 'MKT-1',
      cycleTimeDays: 4,
      leadTimeDays: null,
      stageDays: { intake: 1, build: 25 / 24, qa: 47 / 24, launch: 5 + 1 / 24 },
      revisions: 0,
      qaReturns: 0,
      onTime: true,
    });
    expect(out.issues[1]).toMatchObject({ key: 'MKT-2', stageDays: { triage: 9 }, cycleTimeDays: null });
    expect(out.summary).toMatchObject({
      count: 2,
      launched: 1,
      onTimeRate: 1,
      bottleneck: 'triage',
      throughputPerWeek: [{ week: '2026-06-01', launches: 1 }],
    });
  });

  it('without --stages, an unknown status belongs to no stage, and the command says which statuses no stage claims', async () => {
    const warnings: string[] = [];
    const out = JSON.parse(
      await runMetricsCommand(['--input', input, '--now', '2026-06-10T00:00:00.000+0000'], 0, (line) => warnings.push(line)),
    );
    expect(out.issues[0].stageDays.qa).toBeUndefined();
    expect(warnings).toEqual([
      '1 of 2 issues have statuses no stage claims ("In Review"): their time there counts in no stage, and a move into one is no launch. Map them with --stages.',
    ]);
    const mapped: string[] = [];
    await runMetricsCommand(['--input', input, '--stages', stages, '--now', '2026-06-10T00:00:00.000+0000'], 0, (line) =>
      mapped.push(line),
    );
    expect(mapped).toEqual([]);
  });

  it('prints a table for people', async () => {
    const table = await runMetricsCommand(
      ['--input', input, '--stages', stages, '--now', '2026-06-10T00:00:00.000+0000', '--format', 'table'],
      0,
    );
    expect(table).toContain('Issues: 2   launched: 1');
    expect(table).toMatch(/MKT-1\s+4\.00\s+—\s+0\s+0 yes/);
  });

  it('uses only the history known at --now, as the forecast does: no later launch, stage visit or issue', async () => {
    // At noon on 3 June MKT-1 had been in In Review (qa) 12 hours, its launch on 4 June still to come; MKT-3 was filed after.
    const later = {
      ...EXPORT,
      issues: [
        ...EXPORT.issues,
        { id: '10003', key: 'MKT-3', fields: { created: '2026-06-05T00:00:00.000+0000', duedate: null, status: { name: 'Launch' } } },
      ],
    };
    const out = JSON.parse(
      await runMetricsCommand(['--input', file('later.json', later), '--stages', stages, '--now', '2026-06-03T12:00:00.000+0000'], 0),
    );
    expect(out.issues.map((issue: { key: string }) => issue.key)).toEqual(['MKT-1', 'MKT-2']);
    expect(out.issues[0]).toMatchObject({ cycleTimeDays: null, onTime: null, stageDays: { intake: 1, build: 25 / 24, qa: 0.5 } });
    expect(out.issues[0].stageDays.launch).toBeUndefined();
    expect(out.summary).toMatchObject({ count: 2, launched: 0, onTimeRate: null, throughputPerWeek: [] });
  });

  it('never rounds a rate that is not whole up to 100%: 1,999 of 2,000 on time is >99.9%', async () => {
    const issues = Array.from({ length: 2_000 }, (_, n) => ({
      id: String(30_000 + n),
      key: `MKT-${n + 1}`,
      fields: { created: '2026-06-01T00:00:00.000+0000', duedate: n === 0 ? '2026-05-31' : '2026-06-05', status: { name: 'Launch' } },
    }));
    const table = await runMetricsCommand(
      ['--input', file('on-time.json', { issues }), '--now', '2026-06-10T00:00:00.000+0000', '--format', 'table'],
      0,
    );
    expect(table).toContain('On-time rate: >99.9%   QA defect rate: 0.0%');
  });

  it('warns, apart from the report, when launched issues have no status history, as an export without changelogs has', async () => {
    const launchedAtCreation = file('no-changelogs.json', { issues: EXPORT.issues.map(({ changelog: _left, ...issue }) => issue) });
    const run = commandProcess(['--input', launchedAtCreation, '--now', '2026-06-10T00:00:00.000+0000']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'metrics: 1 of 2 issues are in Launch or a later stage with no status change in the export: each counts as launched when it was created (cycle time 0). Does the export hold their changelogs?\n',
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ summary: { launched: 1 } });
    // With its history (and its own status mapped), nothing to say.
    expect(commandProcess(['--input', input, '--stages', stages, '--now', '2026-06-10T00:00:00.000+0000']).stderr).toBe('');
  });

  it('names the issue and field at fault, and exits non-zero', async () => {
    const bad = file('bad.json', {
      issues: [EXPORT.issues[1], { id: '3', key: 'MKT-3', fields: { created: 'yesterday', status: { name: 'Intake' } } }],
    });
    await expect(runMetricsCommand(['--input', bad], 0)).rejects.toThrow(
      `input ${bad}: issues[1] (MKT-3): fields.created: must be a date-time between 1900 and 2999 with its offset, like 2026-06-01T10:00:00.000+0000`,
    );
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../src/cli/metrics.ts'), '--input', bad], {
        stdio: 'pipe',
      });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toContain('issues[1] (MKT-3): fields.created');
  });

  const COMMAND = [process.execPath, '--import', 'tsx', path.resolve(__dirname, '../../src/cli/metrics.ts')];
  /**
   * The command run as a user runs it, in its own process, its stdout going to `stdout` (a pipe unless a file descriptor
   * is given), in the time zone `timeZone` when one is given.
   */
  const commandProcess = (args: readonly string[], { stdout = 'pipe', timeZone }: { stdout?: 'pipe' | number; timeZone?: string } = {}) =>
    spawnSync(COMMAND[0] as string, [...COMMAND.slice(1), ...args], {
      stdio: ['ignore', stdout, 'pipe'],
      env: timeZone === undefined ? process.env : { ...process.env, TZ: timeZone },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
  /**
   * The command reading `exportFile` through a pipe, as `cat export.json | npm run metrics -- --input /dev/stdin` does. A
   * shell makes the pipe: Node gives a child's stdin as a socket, which /dev/stdin does not open.
   */
  const pipedCommandProcess = (exportFile: string, args: readonly string[]) =>
    spawnSync('/bin/sh', ['-c', 'cat "$0" | "$@"', exportFile, ...COMMAND, '--input', '/dev/stdin', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });

  it.skipIf(!existsSync('/bin/sh'))(
    'reads an export through a pipe (--input /dev/stdin) as from a file, of the usual shape or not',
    async () => {
      // The pipe can be read once only: an export the streaming reader handed on was read again, from nothing, and called
      // "not JSON". MKT-2's links make this one unusual.
      const [launched, triage] = EXPORT.issues;
      const linked = { ...EXPORT, issues: [launched, { ...triage, fields: { ...triage!.fields, issuelinks: [] } }] };
      const usual = { issues: [triage] };
      const args = ['--stages', stages, '--now', '2026-06-10T00:00:00.000+0000'];
      for (const [name, exported] of [
        ['piped-linked.json', linked],
        ['piped-usual.json', usual],
      ] as const) {
        const exportFile = file(name, exported);
        const run = pipedCommandProcess(exportFile, args);
        expect(run.stderr).toBe('');
        expect(run.stdout).toBe(`${await runMetricsCommand(['--input', exportFile, ...args], 0)}\n`);
      }
    },
  );

  it('refuses an instant without its offset, the same in every time zone, and --now in any form but ISO with an offset', async () => {
    // Date.parse read `2025-01-02T00:00:00.000` in the machine's time zone: the report was another in Tokyo.
    const local = file('local-time.json', {
      issues: [{ id: '1', key: 'MKT-1', fields: { created: '2025-01-02T00:00:00.000', duedate: null, status: { name: 'Launch' } } }],
    });
    for (const timeZone of ['UTC', 'Asia/Tokyo']) {
      const run = commandProcess(['--input', local, '--now', '2025-02-01T00:00:00Z'], { timeZone });
      expect(run.stderr).toBe(
        `metrics: input ${local}: issues[0] (MKT-1): fields.created: must be a date-time between 1900 and 2999 with its offset, like 2026-06-01T10:00:00.000+0000\n`,
      );
      expect(run.status).toBe(2);
    }
    // Date.parse took `0` as 2000 and `1` as 2001, in local time.
    for (const now of ['0', '1', 'June 30, 2026', '2026-06-10', '2026-06-10T00:00:00'])
      await expect(runMetricsCommand(['--input', input, '--now', now], 0)).rejects.toThrow(
        `--now must be a date-time between 1900 and 2999 with its offset, like 2026-06-01T10:00:00.000+0000, not "${now}"`,
      );
    // ISO's other forms with an offset are read.
    expect(await runMetricsCommand(['--input', input, '--now', '2026-06-10T11:00+11:00'], 0)).toBe(
      await runMetricsCommand(['--input', input, '--now', '2026-06-10T00:00:00.000+0000'], 0),
    );
  });

  it('refuses an instant outside 1900–2999, in the export and in --now, naming where it is', async () => {
    // A launch in the year 275760, at such a --now, listed 14 million weeks of launches and ran out of memory.
    const far = '+275760-09-13T00:00:00.000Z';
    const created = (at: string) =>
      file('far.json', { issues: [{ id: '1', key: 'MKT-1', fields: { created: at, duedate: null, status: { name: 'Launch' } } }] });
    for (const at of [far, '0100-01-01T00:00:00.000Z', '9999-12-31T00:00:00.000+0000', '1899-12-31T23:59:59.999Z'])
      await expect(runMetricsCommand(['--input', created(at), '--now', '2026-06-10T00:00:00Z'], 0)).rejects.toThrow(
        'issues[0] (MKT-1): fields.created: must be a date-time between 1900 and 2999',
      );
    const lateHistory = file('far-history.json', {
      issues: [EXPORT.issues[1]],
      changelogs: [{ issueId: '10002', changeHistories: [statusHistory('1', '3000-01-01T00:00:00.000Z', 'Triage', 'Launch')] }],
    });
    await expect(runMetricsCommand(['--input', lateHistory], 0)).rejects.toThrow(
      'changelogs[0]: changeHistories[0].created: must be a date-time between 1900 and 2999',
    );
    for (const now of [far, '9999-12-31T00:00:00.000Z', '0100-01-01T00:00:00.000Z'])
      await expect(runMetricsCommand(['--input', input, '--now', now], 0)).rejects.toThrow(`not "${now}"`);
  });

  it('refuses a due date that is no real day, naming the issue and the field, however the export is read', async () => {
    // `2025-99-99` gave no on-time figure and `2025-02-30` was read as 2 March; Jira writes neither.
    for (const duedate of ['2025-99-99', '2025-02-30', '1899-12-31'])
      for (const fields of [{}, { issuelinks: [] }]) {
        // Without links, the streaming reader reads the export; with them, the exact one.
        const due = file('due.json', {
          issues: [{ ...EXPORT.issues[1], fields: { ...EXPORT.issues[1]!.fields, ...fields, duedate } }],
        });
        await expect(runMetricsCommand(['--input', due], 0)).rejects.toThrow(
          `input ${due}: issues[0] (MKT-2): fields.duedate: must be a real date between 1900 and 2999, as YYYY-MM-DD`,
        );
      }
  });

  it('says plainly that an export or a stages file starts with a byte order mark, which JSON.parse shows as nothing', async () => {
    const withMark = file('bom.json', `\ufeff${JSON.stringify(EXPORT)}`);
    await expect(runMetricsCommand(['--input', withMark], 0)).rejects.toThrow(
      `input ${withMark} starts with a byte order mark (U+FEFF), which JSON does not allow: save it as UTF-8 without one`,
    );
    const stagesWithMark = file('bom-stages.json', `\ufeff${JSON.stringify({ 'In Review': 'qa' })}`);
    await expect(runMetricsCommand(['--input', input, '--stages', stagesWithMark], 0)).rejects.toThrow(
      `stages file ${stagesWithMark} starts with a byte order mark (U+FEFF)`,
    );
  });

  it('prints the whole report through a pipe before it ends, however long the report', async () => {
    // 1,000 issues make a report of about 210 KB, more than a pipe holds at once (64 KB on Linux).
    const many = file('many.json', {
      issues: Array.from({ length: 1000 }, (_, n) => ({ ...EXPORT.issues[1], id: String(20_000 + n), key: `MKT-${100 + n}` })),
    });
    const args = ['--input', many, '--now', '2026-06-10T00:00:00.000+0000'];
    const expected = `${await runMetricsCommand(args, 0)}\n`;
    expect(expected.length).toBeGreaterThan(128 * 1024);
    const run = commandProcess(args);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(expected);
  });

  // /dev/full answers every write with ENOSPC, as a full disk does (Linux: CI's machines; absent elsewhere).
  it.skipIf(!existsSync('/dev/full'))('says a report it cannot write, with exit code 1, instead of losing it quietly', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = commandProcess(['--input', input, '--stages', stages, '--now', '2026-06-10T00:00:00.000+0000'], { stdout: full });
      expect(run.stderr).toBe('metrics: cannot write the report: ENOSPC\n');
      expect(run.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });

  it('says of an export that is not JSON what JSON.parse says, as it did before it read the bytes itself', async () => {
    const text = JSON.stringify(EXPORT).slice(0, 200);
    const cut = file('cut.json', text);
    let parseError = '';
    try {
      JSON.parse(text);
    } catch (error) {
      parseError = (error as Error).message;
    }
    expect(parseError).not.toBe('');
    await expect(runMetricsCommand(['--input', cut], 0)).rejects.toThrow(`input ${cut} is not JSON: ${parseError}`);
  });

  it('gives the same figures for an export longer than its reading window, read after its warm-up', async () => {
    // Jira's usual shape (histories from bulkfetch alone), read as it streams in; padded past 1 MB, it is warmed up for.
    const usual = { issues: EXPORT.issues.map(({ changelog: _embedded, ...issue }) => issue), changelogs: EXPORT.changelogs };
    const padded = {
      ...usual,
      issues: usual.issues.map((issue, n) =>
        n === 0 ? { ...issue, fields: { ...issue.fields, description: 'x'.repeat(1_100_000) } } : issue,
      ),
    };
    const args = ['--stages', stages, '--now', '2026-06-10T00:00:00.000+0000'];
    const small = await runMetricsCommand(['--input', file('usual.json', usual), ...args], 0);
    expect(await runMetricsCommand(['--input', file('usual-padded.json', padded), ...args], 0)).toBe(small);
    expect(JSON.parse(small).issues[0]).toMatchObject({ key: 'MKT-1', stageDays: { intake: 1, build: 25 / 24 } });
  });

  it('refuses a stages file with an unknown stage, and a missing input', async () => {
    const badStages = file('bad-stages.json', { 'In Review': 'review' });
    await expect(runMetricsCommand(['--input', input, '--stages', badStages], 0)).rejects.toThrow(/stages file .*In Review/);
    await expect(runMetricsCommand([], 0)).rejects.toThrow('--input <export.json> is required');
    await expect(runMetricsCommand(['--input', path.join(dir, 'nope.json')], 0)).rejects.toThrow(/cannot read input .*ENOENT/);
  });
});

/**
 * The export with nine twins of MKT-1, launched on its path: a forecast rests on at least MIN_FORECAST_BASIS past
 * launches, and ten alike forecast as MKT-1 alone would, so each figure below is checked by hand on MKT-1's path.
 */
const FORECAST_EXPORT = {
  ...EXPORT,
  issues: [
    ...EXPORT.issues,
    ...Array.from({ length: MIN_FORECAST_BASIS - 1 }, (_, n) => ({
      id: String(10_101 + n),
      key: `MKT-${String(101 + n)}`,
      fields: EXPORT.issues[0]!.fields,
      changelog: {
        histories: [
          statusHistory('1', '2026-06-02T10:00:00.000+1100', 'Intake', 'Build'),
          statusHistory('2', '2026-06-03T00:00:00.000+0000', 'Build', 'In Review'),
          statusHistory('3', '2026-06-04T23:00:00.000+0000', 'In Review', 'Launch'),
        ],
      },
    })),
  ],
};

describe('npm run metrics -- --forecast', () => {
  const input = file('forecast-export.json', FORECAST_EXPORT);
  const stages = file('forecast-stages.json', { 'In Review': 'qa' });
  const run = (...args: string[]) => runMetricsCommand(['--input', input, '--stages', stages, ...args], 0);

  it('adds a forecast to each request open at --now, and the basis and next four weeks to the summary', async () => {
    const out = JSON.parse(await run('--now', '2026-06-10T00:00:00.000+0000', '--forecast'));
    // MKT-1 launched, so it has no forecast. MKT-2 sits in Triage, a stage MKT-1 never went through:
    // from now, MKT-1's Build (25 h) and QA (47 h) put its launch 3 days on, on 13 June.
    expect(out.issues[0].forecast).toBeUndefined();
    expect(out.issues[1].forecast).toEqual({ launchP50: '2026-06-13', launchP85: '2026-06-13', onTimeProbability: null });
    // Two complete weeks since the first request: none launched, then ten. Four such weeks make 20
    // launches at the median and at least 10 in 15 of 16 simulations.
    expect(out.summary).toMatchObject({ launched: 10, forecastBasis: 10, throughputNext4Weeks: { p50: 20, p85: 10 } });
  });

  it('uses only the history known at --now', async () => {
    // On 3 June MKT-1 and its twins were in Build and nothing had launched yet: all open, no forecast to make.
    const out = JSON.parse(await run('--now', '2026-06-03T00:00:00.000+0000', '--forecast', '--seed', '9'));
    expect(out.issues.map((issue: { forecast?: unknown }) => issue.forecast)).toEqual(Array.from({ length: 11 }, () => null));
    expect(out.summary).toMatchObject({ forecastBasis: 0, throughputNext4Weeks: null });
  });

  it('gives the same figures for the same seed, and lists the forecasts in the table', async () => {
    const args = ['--now', '2026-06-10T00:00:00.000+0000', '--forecast', '--seed', '42'];
    expect(await run(...args)).toBe(await run(...args));
    expect(await run(...args, '--format', 'table')).toMatch(
      /Forecasts from 10 launches; launches in the next 4 weeks: 20 likely, at least 10 at 85%\n.*\nMKT-2 +2026-06-13 2026-06-13 —/,
    );
  });

  it("holds a request back by the blockers its export's issuelinks name, by the Launch gate's rule", async () => {
    // Jira's "is blocked by" side of a Blocks link names the blocker as the inward issue (IssueLink in the OpenAPI spec).
    const blockedBy = (id: string, key: string, status: string) => ({
      id: `2${id}`,
      type: { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
      inwardIssue: { id, key, fields: { summary: key, status: { name: status } } },
    });
    const withLinks = (blocker: { id: string; key: string; status: string; created: string }) => {
      const [launched, triage, ...twins] = FORECAST_EXPORT.issues;
      return {
        ...FORECAST_EXPORT,
        issues: [
          launched,
          { ...triage, fields: { ...triage!.fields, issuelinks: [blockedBy(blocker.id, blocker.key, blocker.status)] } },
          { id: blocker.id, key: blocker.key, fields: { created: blocker.created, duedate: null, status: { name: blocker.status } } },
          ...twins,
        ],
      };
    };
    const forecastOf = async (exported: unknown, name: string) =>
      JSON.parse(
        await runMetricsCommand(
          ['--input', file(name, exported), '--stages', stages, '--now', '2026-06-10T00:00:00.000+0000', '--forecast'],
          0,
        ),
      )
        .issues.slice(0, 3)
        .map((issue: { key: string; forecast?: unknown }) => [issue.key, issue.forecast]);
    // MKT-3, filed on 8 June, is older in Intake than MKT-1 stayed (24 h): it needs all of MKT-1's path again, 4 days
    // (Intake 24 h, Build 25 h, QA 47 h), so 14 June; MKT-2 on its own would launch on 13 June, and waits for it.
    const open = { id: '10003', key: 'MKT-3', status: 'Intake', created: '2026-06-08T00:00:00.000+0000' };
    expect(await forecastOf(withLinks(open), 'linked-export.json')).toEqual([
      ['MKT-1', undefined],
      ['MKT-2', { launchP50: '2026-06-14', launchP85: '2026-06-14', onTimeProbability: null }],
      ['MKT-3', { launchP50: '2026-06-14', launchP85: '2026-06-14', onTimeProbability: null }],
    ]);
    // A declined blocker never launches: the gate refuses MKT-2's launch until the link goes, so no date is given.
    const declined = { ...open, status: 'Declined' };
    expect((await forecastOf(withLinks(declined), 'declined-blocker-export.json'))[1]).toEqual(['MKT-2', null]);
  });

  it('refuses a malformed seed, and a seed without --forecast, with exit code 2', async () => {
    await expect(run('--forecast', '--seed', 'soon')).rejects.toThrow('--seed must be a whole number from 0 to 4294967295, not "soon"');
    await expect(run('--forecast', '--seed', '4294967296')).rejects.toThrow('--seed must be a whole number');
    await expect(run('--seed', '3')).rejects.toThrow('--seed goes with --forecast');
    await expect(run('--forecast=yes')).rejects.toThrow(/--forecast/);
    let status = 0;
    let stderr = '';
    try {
      execFileSync(
        process.execPath,
        ['--import', 'tsx', path.resolve(__dirname, '../../src/cli/metrics.ts'), '--input', input, '--forecast', '--seed', '-1'],
        { stdio: 'pipe' },
      );
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toContain('metrics: ');
  });
});
