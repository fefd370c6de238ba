import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, stageOfStatus } from '../../src/domain/app-config';
import { classifyMove, STAGE_LABELS, type Stage } from '../../src/domain/stages';
import {
  appendStageChange,
  backwardMoves,
  EMPTY_STAGE_LOG,
  lastEntryInto,
  MAX_LOGGED_CHANGES,
  stageLogOf,
  type StageChange,
} from '../../src/domain/stage-log';
import { parseStageLog, storedStageLog } from '../../src/contracts/stage-log.schema';

describe('classifyMove', () => {
  it('classifies forward moves, revisions and QA returns', () => {
    expect(classifyMove('triage', 'planning')).toBe('forward');
    expect(classifyMove('build', 'planning')).toBe('revision');
    expect(classifyMove('qa', 'build')).toBe('qa-return');
    expect(classifyMove('qa', 'intake')).toBe('qa-return');
    expect(classifyMove('measure', 'done')).toBe('forward');
    expect(classifyMove('done', 'build')).toBe('revision');
  });

  it('never counts moves into or out of waiting and declined', () => {
    expect(classifyMove('triage', 'waiting')).toBe('off-track');
    expect(classifyMove('waiting', 'intake')).toBe('off-track');
    expect(classifyMove('qa', 'declined')).toBe('off-track');
  });
});

describe('stageOfStatus', () => {
  it('maps the default status names case-insensitively', () => {
    expect(stageOfStatus('qa + governance', DEFAULT_CONFIG.statusMap)).toBe('qa');
    expect(stageOfStatus(' Measure + Improve ', DEFAULT_CONFIG.statusMap)).toBe('measure');
    expect(stageOfStatus('In Review', DEFAULT_CONFIG.statusMap)).toBeNull();
  });
});

describe('appendStageChange', () => {
  const change = (at: string, toStatus: string) => ({ at, fromStatus: null, toStatus, fromStage: null, toStage: null, by: null });

  it('counts QA → Waiting → Build as a QA return, also when the fold falls between the two moves', () => {
    const move = (minute: number, from: Stage, to: Stage): StageChange => ({
      at: new Date(Date.UTC(2026, 5, 1) + minute * 60_000).toISOString(),
      fromStatus: STAGE_LABELS[from],
      toStatus: STAGE_LABELS[to],
      fromStage: from,
      toStage: to,
      by: 'acc-ops',
    });
    const detour = [move(0, 'qa', 'waiting'), move(1, 'waiting', 'build')];
    expect(backwardMoves(stageLogOf(detour))).toEqual({ revisions: 1, qaReturns: 1 });
    // The move into Waiting folded away, the move out of it kept: the fold remembers the request was in QA.
    let log = stageLogOf(detour.slice(0, 1));
    for (let minute = 2; minute < MAX_LOGGED_CHANGES + 1; minute++) log = appendStageChange(log, move(minute, 'waiting', 'waiting'));
    log = appendStageChange(log, { ...detour[1]!, at: new Date(Date.UTC(2026, 5, 2)).toISOString() });
    expect(log.earlier.count).toBeGreaterThan(0);
    expect(log.changes[0]?.fromStage).toBe('waiting');
    expect(backwardMoves(log)).toEqual({ revisions: 1, qaReturns: 1 });
    const stored = parseStageLog(JSON.parse(JSON.stringify(storedStageLog(log, 1))));
    expect(stored && backwardMoves(stored.log)).toEqual({ revisions: 1, qaReturns: 1 });
  });

  it('keeps the log in time order and ignores a redelivered event', () => {
    const log = appendStageChange(
      appendStageChange(EMPTY_STAGE_LOG, change('2026-06-02T00:00:00Z', 'Build')),
      change('2026-06-01T00:00:00Z', 'Planning'),
    );
    expect(log.changes.map((entry) => entry.toStatus)).toEqual(['Planning', 'Build']);
    expect(appendStageChange(log, change('2026-06-02T00:00:00Z', 'Build'))).toBe(log);
  });

  it('stays bounded through endless Park/Resume cycles, and still counts what it let go of', () => {
    const move = (minute: number, from: Stage, to: Stage, toStatus = STAGE_LABELS[to]): StageChange => ({
      at: new Date(Date.UTC(2026, 5, 1) + minute * 60_000).toISOString(),
      fromStatus: STAGE_LABELS[from],
      toStatus,
      fromStage: from,
      toStage: to,
      by: 'acc-ops',
    });
    let log = appendStageChange(EMPTY_STAGE_LOG, move(0, 'build', 'launch'));
    log = appendStageChange(log, move(1, 'launch', 'qa'));
    // 1,000 cycles: the 860 pushed the unbounded log past KVS's 240 KiB value limit.
    for (let cycle = 0; cycle < 1_000; cycle++) {
      log = appendStageChange(log, move(2 + cycle * 2, 'qa', 'waiting'));
      log = appendStageChange(log, move(3 + cycle * 2, 'waiting', 'qa'));
    }
    log = appendStageChange(log, move(5_000, 'qa', 'build'));
    expect(log.changes).toHaveLength(MAX_LOGGED_CHANGES);
    expect(log.earlier.count).toBe(2_003 - MAX_LOGGED_CHANGES);
    expect(Buffer.byteLength(JSON.stringify(log))).toBeLessThan(100 * 1024);
    // The QA return at minute 1 and the last at 5,000 both count; the entry into Launch is long gone but remembered.
    expect(backwardMoves(log)).toEqual({ revisions: 2, qaReturns: 1 });
    expect(lastEntryInto(log, 'launch')).toBe(move(0, 'build', 'launch').at);
    expect(lastEntryInto(log, 'qa')).toBe(move(3 + 999 * 2, 'waiting', 'qa').at);
    const stored = parseStageLog(JSON.parse(JSON.stringify(storedStageLog(log, 7))));
    expect(stored).toEqual({ log, revision: 7, setAside: 0 });
  });

  it('reads a log stored with the first entries earlier versions kept, and lets them go', () => {
    const log = appendStageChange(EMPTY_STAGE_LOG, change('2026-06-02T00:00:00Z', 'Build'));
    const raw = { ...storedStageLog(log, 3), earlier: { ...log.earlier, firstEntries: [log.changes[0]] } };
    expect(parseStageLog(raw)).toEqual({ log, revision: 3, setAside: 0 });
  });
});
