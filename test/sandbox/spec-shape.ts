import { expect } from 'vitest';
import { jiraSpec } from './sandbox-site';

/**
 * Checks an answer against the spec's schema for that operation and status. Apart from sandbox-site.ts, which the bench
 * imports outside vitest (vitest refuses to load there).
 */
export const inSpecShape = (method: string, template: string, answer: { status: number; body?: unknown }) => {
  const validate = jiraSpec.responseValidator(method, `/rest/api/3${template}`, answer.status);
  expect(validate, `${method} ${template} ${answer.status} has a schema`).not.toBeNull();
  expect(validate!(answer.body), JSON.stringify(validate!.errors)).toBe(true);
};
