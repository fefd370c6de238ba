/**
 * A string, number or boolean from untyped JSON as text; anything else (an object, an array, null,
 * undefined) is `fallback`, so a malformed value reads as missing instead of "[object Object]".
 */
export const scalarText = (value: unknown, fallback = ''): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : fallback;
