import type { z } from 'zod';

/** "plan.approvers[0].role: expected one of …" — the first few problems, each naming its field. */
export const describeZodError = (error: z.ZodError, limit = 3): string => {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path
      .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
      .join('');
    return `${path === '' ? '(root)' : path}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? `; and ${error.issues.length - limit} more` : '';
  return lines.join('; ') + more;
};

/** Messages zod writes itself ("Invalid input: expected int, received number"): code talk, never shown to a person. */
const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Expected|Unrecognized|Required)/;

/** "monitoringOwnerId" → "Monitoring owner", for a field the schema gave no words of its own. */
const fieldWords = (key: string): string => {
  const words = key
    .replace(/Id$/, '')
    .replace(/Urls?$/, 'Links')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * The same problems for the person at the screen: the schema's own words ("Justification is required"),
 * no field path, no resolver key; where zod's default would show, "<field>: not in a form Flight Plan
 * can read". `labels` names fields whose key does not read well on its own.
 */
export const describeZodErrorForPerson = (error: z.ZodError, labels: Readonly<Record<string, string>> = {}, limit = 3): string => {
  const lines = error.issues.slice(0, limit).map((issue) => {
    if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
    const key = [...issue.path].reverse().find((part): part is string => typeof part === 'string');
    const field = key === undefined ? 'What was sent' : (labels[key] ?? fieldWords(key));
    return `${field}: not in a form Flight Plan can read`;
  });
  const more = error.issues.length > limit ? `; and ${error.issues.length - limit} more` : '';
  return lines.join('; ') + more;
};
