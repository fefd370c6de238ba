/**
 * A value an earlier step guarantees (a key the plan just checked, an index inside the list's
 * length): returned when it is there, and a thrown defect when it is not. It replaces TypeScript's
 * `!`, which only silences the compiler and lets a missing value fail somewhere later.
 */
export const present = <T>(value: T | null | undefined, what = 'a value'): T => {
  if (value === undefined || value === null) throw new Error(`expected ${what}, found none`);
  return value;
};
