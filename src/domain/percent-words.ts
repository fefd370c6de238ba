/**
 * A share (0 to 1) as a percentage with `digits` decimals, rounded to the nearest, the one rule every figure shown as a
 * percentage follows (the metrics command's table, the gadgets, the panel). It never says 0% or 100% of a share that is
 * not exactly that: one that would round to either is said as beyond the nearest figure that is not, so 199 of 200
 * attained is ">99%", never "100%", and 1 of 2,000 late leaves an on-time rate of ">99.9%".
 * @example percentWords(0.42) // '42%'
 * @example percentWords(0.995) // '>99%'
 * @example percentWords(0.0004, 1) // '<0.1%'
 */
export const percentWords = (share: number, digits = 0): string => {
  const shown = (share * 100).toFixed(digits);
  const step = 10 ** -digits;
  if (share < 1 && Number(shown) >= 100) return `>${(100 - step).toFixed(digits)}%`;
  if (share > 0 && Number(shown) <= 0) return `<${step.toFixed(digits)}%`;
  return `${shown}%`;
};
