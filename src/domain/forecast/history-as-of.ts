import type { IssueHistory, StatusChange } from '../metrics/issue-metrics';

/**
 * An issue's history as it stood at `at`: the status changes after it dropped and the status it
 * then had; null when the issue did not exist yet. The due date and tier are the ones the history
 * carries (an export holds only their current values).
 * @example historyAsOf(history, Date.parse('2026-03-01T00:00:00Z'))
 */
export const historyAsOf = (history: IssueHistory, at: number): IssueHistory | null => {
  if (history.createdAt > at) return null;
  const { changes } = history;
  let known = 0;
  while (known < changes.length && (changes[known] as StatusChange).at <= at) known++;
  if (known === changes.length) return history;
  const currentStatus = known > 0 ? (changes[known - 1] as StatusChange).toStatus : (changes[0] as StatusChange).fromStatus;
  return { ...history, currentStatus, changes: changes.slice(0, known) };
};
