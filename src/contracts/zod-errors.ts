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

const NOT_READABLE = 'not in a form Flight Plan can read';
const count = (value: number | bigint, one: string, many = `${one}s`): string =>
  `${value.toLocaleString('en-US')} ${Number(value) === 1 ? one : many}`;

/**
 * What a zod problem means in words, without the field's name: "must be a whole number", "must be at
 * least 0". A schema's own message (a refine's, a regex's) is its author's words and is kept.
 */
export const plainIssueMessage = (issue: z.core.$ZodIssue): string => {
  if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      if (issue.expected === 'number') return 'must be a number';
      if (issue.expected === 'string') return 'must be text';
      return NOT_READABLE;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'must not be blank' : `must be at least ${count(issue.minimum, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${count(issue.minimum, 'entry', 'entries')}`;
      return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${issue.minimum.toLocaleString('en-US')}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${count(issue.maximum, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `holds at most ${count(issue.maximum, 'entry', 'entries')}`;
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum.toLocaleString('en-US')}`;
    case 'invalid_value':
      return 'is not one of the choices';
    default:
      return NOT_READABLE;
  }
};

/**
 * The same problems for the person at the screen: the schema's own words ("Justification is required"),
 * no field path, no resolver key; where zod's default would show, "<field>: <what it must be>".
 * `labels` names fields whose key does not read well on its own.
 */
export const describeZodErrorForPerson = (error: z.ZodError, labels: Readonly<Record<string, string>> = {}, limit = 3): string => {
  const lines = error.issues.slice(0, limit).map((issue) => {
    if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
    const key = [...issue.path].reverse().find((part): part is string => typeof part === 'string');
    const field = key === undefined ? 'What was sent' : (labels[key] ?? fieldWords(key));
    return `${field}: ${plainIssueMessage(issue)}`;
  });
  const more = error.issues.length > limit ? `; and ${error.issues.length - limit} more` : '';
  return lines.join('; ') + more;
};
