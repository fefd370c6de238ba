/** Synthetic status histories for the engine, bucket and metrics-command figures of `npm run bench`. */
import type { IssueHistory, StatusChange } from '../src/domain/metrics/issue-metrics';
import { TRACK } from './refresh';

/** A small deterministic generator, so every run measures the same data. */
const random = (seed: number) => () => {
  seed = (seed * 1_664_525 + 1_013_904_223) >>> 0;
  return seed / 2 ** 32;
};

const HOUR = 3_600_000;

/** Issues walking the track with ~8 status changes each: some rework loops, some parked. */
export const synthetic = (count: number): IssueHistory[] => {
  const next = random(42);
  const start = Date.parse('2025-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const createdAt = start + Math.floor(next() * 365 * 24) * HOUR;
    const changes: StatusChange[] = [];
    let at = createdAt;
    let position = 0;
    while (changes.length < 8 && position < TRACK.length - 1) {
      at += Math.floor(1 + next() * 96) * HOUR;
      const back = position >= 3 && next() < 0.2;
      const to = back ? position - 1 : position + 1;
      changes.push({ at, fromStatus: TRACK[position] as string, toStatus: TRACK[to] as string });
      position = to;
    }
    return {
      id: String(10_000 + i),
      key: `MKT-${i + 1}`,
      createdAt,
      dueDate: '2025-09-30',
      currentStatus: TRACK[position] as string,
      changes,
    };
  });
};
