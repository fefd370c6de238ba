import type { IssueHistory, StatusChange } from './issue-metrics';

/**
 * An issue's history as it stood at `at`: the status changes after it dropped and the status it
 * then had; null when the issue did not exist yet. The due date and tier are the ones the history
 * carries (an export holds only their current values), as is anything else on it (an export's campaign).
 * @example historyAsOf(history, Date.parse('2026-03-01T00:00:00Z'))
 */
export const historyAsOf = <H extends IssueHistory>(history: H, at: number): H | null => {
  if (history.createdAt > at) return null;
  const { changes } = history;
  let known = 0;
  while (known < changes.length && (changes[known] as StatusChange).at <= at) known++;
  if (known === changes.length) return history;
  const currentStatus = known > 0 ? (changes[known - 1] as StatusChange).toStatus : (changes[0] as StatusChange).fromStatus;
  return { ...history, currentStatus, changes: changes.slice(0, known) };
};

/**
 * The histories as they stood at `at`, in their order: each cut at `at` (`historyAsOf`), and issues created after it
 * left out. What every figure "as of `at`" is computed from, so none counts a change that had not happened yet.
 */
export const historiesAsOf = <H extends IssueHistory>(histories: readonly H[], at: number): H[] =>
  histories.flatMap((history) => {
    const known = historyAsOf(history, at);
    return known === null ? [] : [known];
  });
