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
