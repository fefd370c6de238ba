import { z } from 'zod';
import type { IssueHistory, StatusChange } from '../domain/metrics/issue-metrics';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { changelogItemSchema, isStatusItem } from './changelog-item.schema';
import { describeZodError } from './zod-errors';

/** Jira writes `2026-06-01T10:00:00.000+1100`; Date.parse needs the offset as `+11:00`. */
export const parseJiraInstant = (text: string): number => Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

const instant = z.string().refine((text) => !Number.isNaN(parseJiraInstant(text)), 'must be a date-time like 2026-06-01T10:00:00.000+0000');

const historySchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  created: instant,
  items: z.array(changelogItemSchema),
});

/** An issue as `POST /rest/api/3/search/jql` returns it, optionally with `expand=changelog`. */
const issueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z
    .object({
      created: instant,
      duedate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD').nullish(),
      status: z.object({ name: z.string() }).loose(),
    })
    .loose(),
  changelog: z.object({ histories: z.array(historySchema) }).loose().optional(),
});

const changelogSchema = z.object({ issueId: z.string(), changeHistories: z.array(historySchema) });

export const metricsExportSchema = z.object({
  issues: z.array(z.unknown()),
  changelogs: z.array(z.unknown()).optional(),
});

type History = z.infer<typeof historySchema>;

/** A history's status items only; other fields' changes are ignored. */
const statusChanges = (history: History): StatusChange[] => {
  const at = parseJiraInstant(history.created);
  return history.items.filter(isStatusItem).map((item) => ({ at, fromStatus: item.fromString ?? '', toStatus: item.toText ?? '' }));
};

/**
 * Reads a metrics export: issues from search/jql and changelogs from changelog/bulkfetch (or
 * embedded with expand=changelog), merged and sorted. Errors name the issue and the field.
 */
export const parseMetricsExport = (raw: unknown): Result<IssueHistory[], Failure<'EXPORT.INVALID'>> => {
  const top = metricsExportSchema.safeParse(raw);
  if (!top.success) return failure('EXPORT.INVALID', `the export must be {"issues": [...], "changelogs": [...]}: ${describeZodError(top.error)}`);

  const histories = new Map<string, Map<string, History>>();
  const add = (issueId: string, history: History, index: number): void => {
    const byId = histories.get(issueId) ?? new Map<string, History>();
    // The same history may arrive from both sources; its id keeps it from counting twice.
    byId.set(history.id === undefined ? `#${index}:${history.created}` : String(history.id), history);
    histories.set(issueId, byId);
  };

  for (const [index, entry] of (top.data.changelogs ?? []).entries()) {
    const parsed = changelogSchema.safeParse(entry);
    if (!parsed.success) return failure('EXPORT.INVALID', `changelogs[${index}]: ${describeZodError(parsed.error)}`);
    parsed.data.changeHistories.forEach((history, i) => add(parsed.data.issueId, history, i));
  }

  const result: IssueHistory[] = [];
  for (const [index, entry] of top.data.issues.entries()) {
    const parsed = issueSchema.safeParse(entry);
    if (!parsed.success) {
      const key = typeof (entry as { key?: unknown })?.key === 'string' ? ` (${(entry as { key: string }).key})` : '';
      return failure('EXPORT.INVALID', `issues[${index}]${key}: ${describeZodError(parsed.error)}`);
    }
    const issue = parsed.data;
    issue.changelog?.histories.forEach((history, i) => add(issue.id, history, 1_000_000 + i));
    const changes = [...(histories.get(issue.id)?.values() ?? [])]
      .sort((a, b) => parseJiraInstant(a.created) - parseJiraInstant(b.created) || Number(a.id ?? 0) - Number(b.id ?? 0))
      .flatMap(statusChanges);
    result.push({
      id: issue.id,
      key: issue.key,
      createdAt: parseJiraInstant(issue.fields.created),
      dueDate: issue.fields.duedate ?? null,
      currentStatus: issue.fields.status.name,
      changes,
    });
  }
  return ok(result);
};
