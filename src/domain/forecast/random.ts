/**
 * mulberry32: a small, fast generator with 32 bits of state. Not for secrets; for simulations and
 * demo data that must come out the same for the same seed on every runtime.
 * @example const next = mulberry32(42); next() // 0.6011037519201636, always
 */
export const mulberry32 = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};
