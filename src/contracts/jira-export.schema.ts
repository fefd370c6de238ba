import { z } from 'zod';
import type { IssueHistory, StatusChange } from '../domain/metrics/issue-metrics';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { isTier, type Tier } from '../domain/tiers';
import { requestLinksFrom } from './issue-links';
import { changelogItemSchema, isStatusItem } from './changelog-item.schema';
import { parseJiraInstant } from './jira-time';
import { campaignKeySchema, successMetricSchema } from './success-metric.schema';
import { describeZodError } from './zod-errors';
import type { SuccessMetric } from '../domain/outcomes/catalogue';

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
      duedate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
        .nullish(),
      status: z.object({ name: z.string() }).loose(),
    })
    .loose(),
  changelog: z
    .object({ histories: z.array(historySchema) })
    .loose()
    .optional(),
  // The app's summary property, when the search asked for it: the tier reports filter by, and the
  // campaign key and success metric that outcomes are judged by.
  properties: z
    .object({
      'flight-plan-summary': z
        .object({ tier: z.unknown(), campaign: campaignKeySchema.nullish(), metric: successMetricSchema.nullish() })
        .loose()
        .optional(),
    })
    .loose()
    .optional(),
});

const changelogSchema = z.object({ issueId: z.string(), changeHistories: z.array(historySchema) });

export const metricsExportSchema = z.object({
  issues: z.array(z.unknown()),
  changelogs: z.array(z.unknown()).optional(),
});

type History = z.infer<typeof historySchema>;

/** An issue's history, with the campaign key and success metric of its summary property when it has them. */
export type ExportedIssue = IssueHistory & { readonly campaign?: string; readonly metric?: SuccessMetric };

/** The ids of the issues it is blocked by, from `issuelinks` when the export has it (at most 50). */
const blockedByOf = (issuelinks: unknown): { blockedBy?: string[] } => {
  const ids = requestLinksFrom(issuelinks)
    .blockers.map((blocker) => blocker.issueId)
    .slice(0, 50);
  return ids.length > 0 ? { blockedBy: ids } : {};
};

/** "unset" and anything else unknown read as no tier. */
const tierOf = (issue: z.infer<typeof issueSchema>): Tier | undefined => {
  const tier = issue.properties?.['flight-plan-summary']?.tier;
  return isTier(tier) ? tier : undefined;
};

const outcomeFactsOf = (issue: z.infer<typeof issueSchema>): Pick<ExportedIssue, 'campaign' | 'metric'> => {
  const summary = issue.properties?.['flight-plan-summary'];
  return { ...(summary?.campaign ? { campaign: summary.campaign } : {}), ...(summary?.metric ? { metric: summary.metric } : {}) };
};

/** An issue's status changes, oldest first (ties by history id); other fields' changes are ignored. */
const statusChangesOf = (histories: Iterable<History>): StatusChange[] =>
  [...histories]
    .map((history) => ({ history, at: parseJiraInstant(history.created) }))
    .sort((a, b) => a.at - b.at || Number(a.history.id ?? 0) - Number(b.history.id ?? 0))
    .flatMap(({ history, at }) =>
      history.items.filter(isStatusItem).map((item) => ({ at, fromStatus: item.fromString ?? '', toStatus: item.toText ?? '' })),
    );

/**
 * Reads a metrics export: issues from search/jql and changelogs from changelog/bulkfetch (or
 * embedded with expand=changelog), merged and sorted. Errors name the issue and the field.
 */
export const parseMetricsExport = (raw: unknown): Result<ExportedIssue[], Failure<'EXPORT.INVALID'>> => {
  const parsed = parseExport(raw, false);
  return parsed.ok ? ok(parsed.value.issues) : parsed;
};

/** What a refresh page read: the issues counted, and those it could not count whole, each named once. */
export interface ExportRead {
  readonly issues: ExportedIssue[];
  /** Issues left out, each with what did not read (their status history counted wrong is worse than not at all). */
  readonly skipped: string[];
  /** Issues counted without their summary property's facts (campaign, success metric, tier), which did not read. */
  readonly partlyRead: string[];
}

/**
 * The same, for a refresh page: an issue (or changelog) that does not read is left out and named in `skipped`, so one
 * bad issue never stops the page, and the others are counted. An issue whose summary property alone does not read is
 * counted without it and named in `partlyRead`, never in both.
 */
export const parseMetricsExportSkippingInvalid = (raw: unknown): Result<ExportRead, Failure<'EXPORT.INVALID'>> => parseExport(raw, true);

const parseExport = (raw: unknown, skipInvalid: boolean): Result<ExportRead, Failure<'EXPORT.INVALID'>> => {
  const top = metricsExportSchema.safeParse(raw);
  if (!top.success)
    return failure('EXPORT.INVALID', `the export must be {"issues": [...], "changelogs": [...]}: ${describeZodError(top.error)}`);

  const histories = new Map<string, Map<string, History>>();
  const add = (issueId: string, history: History, index: number): void => {
    const byId = histories.get(issueId) ?? new Map<string, History>();
    // The same history may arrive from both sources; its id keeps it from counting twice.
    byId.set(history.id === undefined ? `#${index}:${history.created}` : String(history.id), history);
    histories.set(issueId, byId);
  };

  const skipped: string[] = [];
  const partlyRead: string[] = [];
  /** By issue id: why its changelog did not read, until its issue is met and named with it. */
  const unreadableHistories = new Map<string, string>();
  for (const [index, entry] of (top.data.changelogs ?? []).entries()) {
    const parsed = changelogSchema.safeParse(entry);
    if (!parsed.success) {
      const problem = `changelogs[${index}]: ${describeZodError(parsed.error)}`;
      if (!skipInvalid) return failure('EXPORT.INVALID', problem);
      const issueId = (entry as { issueId?: unknown } | null)?.issueId;
      if (typeof issueId === 'string') unreadableHistories.set(issueId, problem);
      else skipped.push(problem);
      continue;
    }
    parsed.data.changeHistories.forEach((history, i) => add(parsed.data.issueId, history, i));
  }

  const result: ExportedIssue[] = [];
  for (const [index, entry] of top.data.issues.entries()) {
    const key = typeof (entry as { key?: unknown } | null)?.key === 'string' ? ` (${(entry as { key: string }).key})` : '';
    let parsed = issueSchema.safeParse(entry);
    let propertiesProblem: string | null = null;
    if (!parsed.success) {
      const problem = `issues[${index}]${key}: ${describeZodError(parsed.error)}`;
      if (!skipInvalid) return failure('EXPORT.INVALID', problem);
      // Anyone who can edit the issue can write its summary property: in the refresh, a value there that does not
      // read costs the issue its outcome facts, not its status history.
      const onlyProperties = parsed.error.issues.every((issue) => issue.path[0] === 'properties');
      if (onlyProperties) parsed = issueSchema.safeParse({ ...(entry as Record<string, unknown>), properties: undefined });
      if (!onlyProperties || !parsed.success) {
        skipped.push(problem);
        continue;
      }
      propertiesProblem = problem;
    }
    const issue = parsed.data;
    // Its status history did not read: counting it without would be counting it wrong.
    const historyProblem = unreadableHistories.get(issue.id);
    if (historyProblem !== undefined) {
      unreadableHistories.delete(issue.id);
      skipped.push(`issues[${index}]${key}: its status history does not read: ${historyProblem}`);
      continue;
    }
    if (propertiesProblem !== null) partlyRead.push(propertiesProblem);
    issue.changelog?.histories.forEach((history, i) => add(issue.id, history, 1_000_000 + i));
    const changes = statusChangesOf(histories.get(issue.id)?.values() ?? []);
    result.push({
      id: issue.id,
      key: issue.key,
      createdAt: parseJiraInstant(issue.fields.created),
      dueDate: issue.fields.duedate ?? null,
      currentStatus: issue.fields.status.name,
      changes,
      ...(tierOf(issue) ? { tier: tierOf(issue) } : {}),
      ...blockedByOf(issue.fields['issuelinks']),
      ...outcomeFactsOf(issue),
    });
  }
  // A changelog of an issue the export does not list counted for nothing, but is still said.
  skipped.push(...unreadableHistories.values());
  return ok({ issues: result, skipped, partlyRead });
};
