/** Count, mean, median and 85th percentile of a list of numbers (null where the list is empty). */
export interface Distribution {
  readonly count: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly p85: number | null;
}

/**
 * The p-th quantile by linear interpolation between closest ranks, as numpy's and pandas'
 * default: rank = p × (n − 1). `sorted` must be ascending.
 * @example quantile([1, 2, 3, 4], 0.85) // 3.55
 */
export const quantile = (sorted: ArrayLike<number>, p: number): number | null => {
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  return lowValue + (rank - low) * ((sorted[high] as number) - lowValue);
};

export const distribution = (values: readonly number[]): Distribution => {
  const sorted = Float64Array.from(values).sort();
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    mean: sorted.length === 0 ? null : sum / sorted.length,
    median: quantile(sorted, 0.5),
    p85: quantile(sorted, 0.85),
  };
};
