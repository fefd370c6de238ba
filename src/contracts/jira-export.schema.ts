import { z } from 'zod';
import type { IssueHistory, StatusChange } from '../domain/metrics/issue-metrics';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { MAX_BLOCKERS_KEPT } from '../domain/metrics/history-buckets';
import { isTier } from '../domain/tiers';
import { requestLinksFrom } from './issue-links';
import { changelogItemSchema, isStatusItem } from './changelog-item.schema';
import { isJiraDate, JIRA_DATE_WORDS, JIRA_INSTANT_WORDS, parseJiraInstant } from './jira-time';
import { campaignKeySchema } from './success-metric.schema';
import { describeZodError } from './zod-errors';
import { appFieldIdsOf } from './jira-issue-facts';

const instant = z.string().refine((text) => !Number.isNaN(parseJiraInstant(text)), `must be ${JIRA_INSTANT_WORDS}`);

const historySchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  created: instant,
  items: z.array(changelogItemSchema),
});

/**
 * The app's summary property, when the search asked for it: the tier reports filter by and the campaign key outcomes are
 * kept by. Its success metric is not read: targets come from the Success metric field, as in the app, so a value there
 * that does not read (anyone who may edit the issue can write the property) stops nothing.
 */
const propertiesSchema = z
  .object({
    'flight-plan-summary': z.object({ tier: z.unknown(), campaign: campaignKeySchema.nullish() }).loose().optional(),
  })
  .loose();

/** An issue as `POST /rest/api/3/search/jql` returns it, optionally with `expand=changelog`. */
const issueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z
    .object({
      created: instant,
      duedate: z.string().refine(isJiraDate, `must be ${JIRA_DATE_WORDS}`).nullish(),
      status: z.object({ name: z.string() }).loose(),
    })
    .loose(),
  changelog: z
    .object({ histories: z.array(historySchema) })
    .loose()
    .optional(),
  properties: propertiesSchema.optional(),
});

const changelogSchema = z.object({ issueId: z.string(), changeHistories: z.array(historySchema) });

const metricsExportSchema = z.object({
  issues: z.array(z.unknown()),
  changelogs: z.array(z.unknown()).optional(),
  /** search/jql's `schema` (with `expand: "schema"`): which field id is the app's Success metric on this site. */
  schema: z.record(z.string(), z.object({ custom: z.string().optional() }).loose()).optional(),
});

/**
 * An issue's history, with the campaign key of its summary property when it has one, and the text of
 * its Success metric field when the export names that field (`metricText`, '' when the issue's is empty).
 */
export type ExportedIssue = IssueHistory & { readonly campaign?: string; readonly metricText?: string };

/** The text of a field of an issue as exported; '' when empty or not text. */
const fieldText = (entry: unknown, fieldId: string): string => {
  const value = (entry as { fields?: Record<string, unknown> }).fields?.[fieldId];
  return typeof value === 'string' ? value : '';
};

/** A changelog history as read: its instant, and only its status changes (each already carrying the instant). */
export interface ReadHistory {
  readonly id: string | number | undefined;
  readonly created: string;
  readonly at: number;
  readonly changes: readonly StatusChange[];
}

type Summary = NonNullable<z.infer<typeof propertiesSchema>['flight-plan-summary']>;

/** An issue as read, before its histories from both sources are merged. */
export interface ReadIssue {
  readonly id: string;
  readonly key: string;
  readonly createdAt: number;
  readonly dueDate: string | null;
  readonly status: string;
  readonly histories: readonly ReadHistory[] | undefined;
  readonly issuelinks: unknown;
  readonly summary: Summary | undefined;
}

const historyRead = (history: z.infer<typeof historySchema>): ReadHistory => {
  const at = parseJiraInstant(history.created);
  return {
    id: history.id,
    created: history.created,
    at,
    changes: history.items.filter(isStatusItem).map((item) => ({ at, fromStatus: item.fromString ?? '', toStatus: item.toText ?? '' })),
  };
};

const issueRead = (issue: z.infer<typeof issueSchema>): ReadIssue => ({
  id: issue.id,
  key: issue.key,
  createdAt: parseJiraInstant(issue.fields.created),
  dueDate: issue.fields.duedate ?? null,
  status: issue.fields.status.name,
  histories: issue.changelog?.histories.map(historyRead),
  issuelinks: issue.fields['issuelinks'],
  summary: issue.properties?.['flight-plan-summary'],
});

// ---- The common shape, read without the schema ------------------------------------------------------------------------
// The schemas above copy every value they read, and a 10,000-issue export is about 150,000 of them: issue 12's profile
// of the metrics command found the copies (and the garbage they leave) costing more than the metrics themselves. So an
// entry is first read as it is, checking exactly what the schema checks; anything off that shape reads as null, and the
// schema then reads the entry, naming what is wrong. A test holds the two to the same answers.

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): boolean => value === undefined || typeof value === 'string';
const isNullableText = (value: unknown): boolean => value === null || isText(value);
/** Only an item's own properties: Jira names the new value `toString`, which every object also inherits. */
const own = (item: object, key: string): unknown => (Object.hasOwn(item, key) ? (item as Record<string, unknown>)[key] : undefined);

const plainHistory = (history: unknown): ReadHistory | null => {
  if (!isRecord(history)) return null;
  const { id, created, items } = history;
  if (!(id === undefined || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)))) return null;
  if (typeof created !== 'string' || !Array.isArray(items)) return null;
  const at = parseJiraInstant(created);
  if (Number.isNaN(at)) return null;
  const changes: StatusChange[] = [];
  for (const item of items as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const field = own(item, 'field');
    const fieldId = own(item, 'fieldId');
    const fromStatus = own(item, 'fromString');
    const toStatus = own(item, 'toString');
    if (!isText(field) || !isText(fieldId) || !isNullableText(fromStatus) || !isNullableText(toStatus)) return null;
    if (fieldId === 'status' || field === 'status')
      changes.push({
        at,
        fromStatus: (fromStatus as string | null | undefined) ?? '',
        toStatus: (toStatus as string | null | undefined) ?? '',
      });
  }
  return { id, created, at, changes };
};

const plainHistories = (histories: unknown): ReadHistory[] | null => {
  if (!Array.isArray(histories)) return null;
  const read: ReadHistory[] = [];
  for (const history of histories as unknown[]) {
    const one = plainHistory(history);
    if (one === null) return null;
    read.push(one);
  }
  return read;
};

/** A changelog entry as read: its issue's id and its histories. */
export interface ReadChangelog {
  readonly issueId: string;
  readonly histories: readonly ReadHistory[];
}

const plainChangelog = (entry: unknown): ReadChangelog | null => {
  if (!isRecord(entry) || typeof entry['issueId'] !== 'string') return null;
  const histories = plainHistories(entry['changeHistories']);
  return histories === null ? null : { issueId: entry['issueId'], histories };
};

/**
 * The summary property of an issue's `properties` (undefined when it has none), or null when they do not read. The
 * property is small and rare beside the histories: its own schema reads it.
 */
export const summaryOf = (properties: unknown): Summary | undefined | null => {
  if (properties === undefined) return undefined;
  const read = propertiesSchema.safeParse(properties);
  return read.success ? read.data['flight-plan-summary'] : null;
};

const plainIssue = (entry: unknown): ReadIssue | null => {
  if (!isRecord(entry)) return null;
  const { id, key, fields, changelog, properties } = entry;
  if (typeof id !== 'string' || typeof key !== 'string' || !isRecord(fields)) return null;
  const { created, duedate, status } = fields;
  if (typeof created !== 'string') return null;
  const createdAt = parseJiraInstant(created);
  if (Number.isNaN(createdAt)) return null;
  if (!(duedate === undefined || duedate === null || (typeof duedate === 'string' && isJiraDate(duedate)))) return null;
  if (!isRecord(status) || typeof status['name'] !== 'string') return null;
  let histories: ReadHistory[] | undefined;
  if (changelog !== undefined) {
    const read = isRecord(changelog) ? plainHistories(changelog['histories']) : null;
    if (read === null) return null;
    histories = read;
  }
  const summary = summaryOf(properties);
  if (summary === null) return null;
  return {
    id,
    key,
    createdAt,
    dueDate: duedate ?? null,
    status: status['name'],
    histories,
    issuelinks: fields['issuelinks'],
    summary,
  };
};

// ------------------------------------------------------------------------------------------------------------------------

/** The ids of the issues it is blocked by, from `issuelinks` when the export has it (at most `MAX_BLOCKERS_KEPT`). */
const blockedByOf = (issuelinks: unknown): { blockedBy?: string[] } => {
  const ids = requestLinksFrom(issuelinks)
    .blockers.map((blocker) => blocker.issueId)
    .slice(0, MAX_BLOCKERS_KEPT);
  return ids.length > 0 ? { blockedBy: ids } : {};
};

/** What the summary property says of outcomes and the tier; "unset" and anything else unknown read as no tier. */
const summaryFactsOf = (summary: Summary | undefined): Pick<ExportedIssue, 'tier' | 'campaign'> => ({
  ...(isTier(summary?.tier) ? { tier: summary.tier } : {}),
  ...(summary?.campaign ? { campaign: summary.campaign } : {}),
});

/** True when no two histories share an id (those without one are told apart by their place). */
const eachOnce = (histories: readonly ReadHistory[]): boolean => {
  if (histories.length < 2) return true;
  const ids = new Set<string>();
  for (const history of histories) {
    if (history.id === undefined) continue;
    const id = String(history.id);
    if (ids.has(id)) return false;
    ids.add(id);
  }
  return true;
};

/** An issue's status changes, oldest first (ties by history id); other fields' changes are ignored. */
const statusChangesOf = (histories: readonly ReadHistory[]): StatusChange[] => {
  const changes: StatusChange[] = [];
  for (const history of inOrder(histories)) for (const change of history.changes) changes.push(change);
  return changes;
};

/**
 * Oldest first, ties by history id. Histories whose instants already rise strictly are in that order whatever their
 * ids, and Jira lists them so: no copy, no sort.
 */
const inOrder = (histories: readonly ReadHistory[]): readonly ReadHistory[] => {
  for (let n = 1; n < histories.length; n++)
    if (!((histories[n - 1] as ReadHistory).at < (histories[n] as ReadHistory).at))
      return [...histories].sort((a, b) => a.at - b.at || Number(a.id ?? 0) - Number(b.id ?? 0));
  return histories;
};

/**
 * Reads a metrics export: issues from search/jql and changelogs from changelog/bulkfetch (or
 * embedded with expand=changelog), merged and sorted. Errors name the issue and the field.
 */
export const parseMetricsExport = (raw: unknown): Result<ExportedIssue[], Failure<'EXPORT.INVALID'>> => {
  const parsed = parseExport(raw, false, true);
  return parsed.ok ? ok(parsed.value.issues) : parsed;
};

/** What a refresh page read: the issues counted, and those it could not count whole, each named once. */
interface ExportRead {
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
export const parseMetricsExportSkippingInvalid = (raw: unknown): Result<ExportRead, Failure<'EXPORT.INVALID'>> =>
  parseExport(raw, true, true);

/**
 * Either reading with the schemas alone: the answers the plain reading above is held to, entry for entry (its test).
 */
export const parseMetricsExportBySchema = (raw: unknown, skipInvalid: boolean): Result<ExportRead, Failure<'EXPORT.INVALID'>> =>
  parseExport(raw, skipInvalid, false);

/**
 * An entry of the export as the byte reader read it whole, on the common shape (`jira-export-json.ts`): what the plain
 * reading gives. An issue also answers the text of any of its fields, for the Success metric field.
 */
export interface ReadChangelogEntry {
  readonly read: ReadChangelog;
}
export interface ReadIssueEntry {
  readonly read: ReadIssue;
  readonly fieldText: (fieldId: string) => string;
}
/** An entry as its JSON value: the plain reading and then the schemas read it, naming what is wrong. */
export interface ValueEntry {
  readonly value: unknown;
}

/** The export's parts, its `issues` and `changelogs` entry by entry, and its `schema` as read by the top-level schema. */
interface ExportParts {
  readonly changelogs: readonly (ReadChangelogEntry | ValueEntry)[];
  readonly issues: readonly (ReadIssueEntry | ValueEntry)[];
  readonly schema: z.infer<typeof metricsExportSchema>['schema'];
}

/** The export's top level as its schema reads it, or the failure that names what is wrong. */
export const exportTopOf = (raw: unknown): Result<z.infer<typeof metricsExportSchema>, Failure<'EXPORT.INVALID'>> => {
  const top = metricsExportSchema.safeParse(raw);
  return top.success
    ? ok(top.data)
    : failure('EXPORT.INVALID', `the export must be {"issues": [...], "changelogs": [...]}: ${describeZodError(top.error)}`);
};

const parseExport = (raw: unknown, skipInvalid: boolean, readPlain: boolean): Result<ExportRead, Failure<'EXPORT.INVALID'>> => {
  const top = exportTopOf(raw);
  if (!top.ok) return top;
  const { issues, changelogs = [], schema } = top.value;
  return readExportParts(
    { issues: issues.map((value) => ({ value })), changelogs: changelogs.map((value) => ({ value })), schema },
    skipInvalid,
    readPlain,
  );
};

/** Reads the export's parts: entries already read count as they are; the others are read plainly, then by the schemas. */
export const readExportParts = (
  parts: ExportParts,
  skipInvalid: boolean,
  readPlain: boolean,
): Result<ExportRead, Failure<'EXPORT.INVALID'>> => {
  const histories = new Map<string, Map<string, ReadHistory>>();
  const add = (issueId: string, history: ReadHistory, index: number): void => {
    let byId = histories.get(issueId);
    if (byId === undefined) histories.set(issueId, (byId = new Map<string, ReadHistory>()));
    // The same history may arrive from both sources; its id keeps it from counting twice.
    byId.set(history.id === undefined ? `#${index}:${history.created}` : String(history.id), history);
  };

  const skipped: string[] = [];
  const partlyRead: string[] = [];
  /** By issue id: why its changelog did not read, until its issue is met and named with it. */
  const unreadableHistories = new Map<string, string>();
  for (const [index, entry] of parts.changelogs.entries()) {
    let changelog = 'read' in entry ? entry.read : readPlain ? plainChangelog(entry.value) : null;
    if (changelog === null) {
      const value = (entry as ValueEntry).value;
      const parsed = changelogSchema.safeParse(value);
      if (!parsed.success) {
        const problem = `changelogs[${index}]: ${describeZodError(parsed.error)}`;
        if (!skipInvalid) return failure('EXPORT.INVALID', problem);
        const issueId = (value as { issueId?: unknown } | null)?.issueId;
        if (typeof issueId === 'string') unreadableHistories.set(issueId, problem);
        else skipped.push(problem);
        continue;
      }
      changelog = { issueId: parsed.data.issueId, histories: parsed.data.changeHistories.map(historyRead) };
    }
    const { issueId } = changelog;
    changelog.histories.forEach((history, i) => add(issueId, history, i));
  }

  const metricFieldId = appFieldIdsOf(
    Object.entries(parts.schema ?? {}).map(([id, field]) => [id, field.custom ?? ''] as const),
  ).successMetric;
  const result: ExportedIssue[] = [];
  for (const [index, entry] of parts.issues.entries()) {
    let issue = 'read' in entry ? entry.read : readPlain ? plainIssue(entry.value) : null;
    const value = 'value' in entry ? entry.value : undefined;
    const key =
      issue !== null
        ? ` (${issue.key})`
        : typeof (value as { key?: unknown } | null)?.key === 'string'
          ? ` (${(value as { key: string }).key})`
          : '';
    let propertiesProblem: string | null = null;
    if (issue === null) {
      let parsed = issueSchema.safeParse(value);
      if (!parsed.success) {
        const problem = `issues[${index}]${key}: ${describeZodError(parsed.error)}`;
        if (!skipInvalid) return failure('EXPORT.INVALID', problem);
        // Anyone who can edit the issue can write its summary property: in the refresh, a value there that does not
        // read costs the issue its outcome facts, not its status history.
        const onlyProperties = parsed.error.issues.every((issue) => issue.path[0] === 'properties');
        if (onlyProperties) parsed = issueSchema.safeParse({ ...(value as Record<string, unknown>), properties: undefined });
        if (!onlyProperties || !parsed.success) {
          skipped.push(problem);
          continue;
        }
        propertiesProblem = problem;
      }
      issue = issueRead(parsed.data);
    }
    // Its status history did not read: counting it without would be counting it wrong.
    const historyProblem = unreadableHistories.get(issue.id);
    if (historyProblem !== undefined) {
      unreadableHistories.delete(issue.id);
      skipped.push(`issues[${index}]${key}: its status history does not read: ${historyProblem}`);
      continue;
    }
    if (propertiesProblem !== null) partlyRead.push(propertiesProblem);
    // Most issues have one source of history, each history once: merging then has nothing to drop.
    const embedded = issue.histories ?? [];
    let read: readonly ReadHistory[] = embedded;
    if (histories.has(issue.id) || !eachOnce(embedded)) {
      const issueId = issue.id;
      embedded.forEach((history, i) => add(issueId, history, 1_000_000 + i));
      read = [...(histories.get(issueId)?.values() ?? [])];
    }
    result.push({
      id: issue.id,
      key: issue.key,
      createdAt: issue.createdAt,
      dueDate: issue.dueDate,
      currentStatus: issue.status,
      changes: statusChangesOf(read),
      ...summaryFactsOf(issue.summary),
      ...blockedByOf(issue.issuelinks),
      ...(metricFieldId === undefined
        ? {}
        : { metricText: 'fieldText' in entry ? entry.fieldText(metricFieldId) : fieldText(entry.value, metricFieldId) }),
    });
  }
  // A changelog of an issue the export does not list counted for nothing, but is still said.
  skipped.push(...unreadableHistories.values());
  return ok({ issues: result, skipped, partlyRead });
};
