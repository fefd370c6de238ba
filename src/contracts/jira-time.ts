/**
 * Jira writes instants as `2026-06-01T10:00:00.000+1100`; ISO (and every runtime's Date.parse)
 * wants the offset as `+11:00`.
 */
export const normalizeJiraInstant = (value: string): string => value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');

/** Epoch milliseconds of a Jira instant, or NaN when it is not one. */
export const parseJiraInstant = (value: string): number => Date.parse(normalizeJiraInstant(value));
