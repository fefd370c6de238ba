import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, stageOfStatus } from '../../src/domain/app-config';
import { classifyMove } from '../../src/domain/stages';
import { appendStageChange } from '../../src/domain/stage-log';

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

  it('keeps the log in time order and ignores a redelivered event', () => {
    const log = appendStageChange(appendStageChange([], change('2026-06-02T00:00:00Z', 'Build')), change('2026-06-01T00:00:00Z', 'Planning'));
    expect(log.map((entry) => entry.toStatus)).toEqual(['Planning', 'Build']);
    expect(appendStageChange(log, change('2026-06-02T00:00:00Z', 'Build'))).toBe(log);
  });
});
