import { APP_FIELD_LIST, FIELDS } from '../catalogue';
import { JqlError, parseJql, type FieldValue } from './jql';
import { statusCategoryName, type ConfigView } from './site-config';
import type { StoredIssue } from './site-state';
import { present } from '../../src/domain/present';
import { scalarText } from '../../src/contracts/scalar-text';
import type { IssueLinks } from './issue-links';
import type { SitePeople } from './people';
import { type RestResponse, error } from './rest-shapes';
import { issueJson, schemaJson, historyJson } from './issue-json';

/** Search: JQL over the stored issues (`POST /search/jql`) and their changelogs (`POST /changelog/bulkfetch`), in Jira's shapes. */

const SYSTEM_JQL_FIELDS = [
  'project',
  'issuetype',
  'type',
  'status',
  'statuscategory',
  'key',
  'issuekey',
  'id',
  'summary',
  'text',
  'assignee',
  'reporter',
  'created',
  'updated',
  'duedate',
  'due',
  'issue',
  'issuelinktype',
];
/** The `searchAlias`es of the app's `jira:entityProperty` index, lowercased as JQL reads them. */
const ALIAS_PATHS: Readonly<Record<string, string>> = {
  // The forecast property's (`flight-plan-forecast`), written by the metrics refresh.
  flightplanontime: 'forecast:onTime',
  flightplanontimechance: 'forecast:onTimeChance',
  // The attainment property's (`flight-plan-attainment`), written by the metrics refresh.
  flightplanattainment: 'attainment:result',
  flightplanstage: 'stage',
  flightplantier: 'tier',
  flightplangate: 'currentGate',
  flightplangateready: 'currentGateReady',
  flightplanmissing: 'missingCount',
  flightplanreadygates: 'readyGates',
  flightplancampaign: 'campaign',
};
const appFieldByJqlName = (field: string) =>
  APP_FIELD_LIST.find(
    (candidate) => candidate.label.toLowerCase() === field || candidate.id === field || `cf[${candidate.schema.customId}]` === field,
  );
const isJqlField = (field: string): boolean =>
  SYSTEM_JQL_FIELDS.includes(field) || field in ALIAS_PATHS || appFieldByJqlName(field) !== undefined;

/** What a search reads of the site: its issues, configuration and links (the sandbox's `JiraSite`). */
interface SearchableSite {
  readonly issues: readonly StoredIssue[];
  readonly view: ConfigView;
  readonly links: IssueLinks;
  readonly people: SitePeople;
  find(idOrKey: string): StoredIssue | undefined;
}

function jqlValue(site: SearchableSite, issue: StoredIssue, field: string): FieldValue | undefined {
  // An alias's path names its property before a colon; the summary property's have none.
  const alias = (path: string): FieldValue => {
    const [name, key] = path.includes(':') ? path.split(':') : ['summary', path];
    const value = ((issue.properties[`flight-plan-${name ?? ''}`] ?? {}) as Record<string, unknown>)[key ?? ''];
    return typeof value === 'number' || typeof value === 'string' ? value : Array.isArray(value) ? (value as string[]) : null;
  };
  const view = site.view;
  const status = present(view.status(issue.statusId));
  const project = present(view.project(issue.projectId));
  const issueType = present(view.issueType(issue.issueTypeId));
  const aliasPath = ALIAS_PATHS[field];
  if (aliasPath !== undefined) return alias(aliasPath);
  const appField = appFieldByJqlName(field);
  if (appField) return (issue.custom[appField.id] as FieldValue | undefined) ?? null;
  switch (field) {
    case 'project':
      return [project.key.toLowerCase(), project.id, project.name.toLowerCase()];
    case 'issuetype':
    case 'type':
      return [issueType.name, issueType.id];
    case 'status':
      return [status.name, status.id];
    case 'statuscategory':
      return statusCategoryName(status);
    case 'key':
    case 'issuekey':
      return issue.key;
    case 'issue':
      return [issue.key, issue.id];
    case 'issuelinktype':
      // The link descriptions from this issue's side ("is blocked by", "blocks"), as JQL's issueLinkType matches them.
      return site.links.describedFrom(issue).map(([description]) => description);
    case 'id':
      return Number(issue.id);
    case 'summary':
      return issue.summary;
    case 'text':
      return [issue.summary, JSON.stringify(issue.description ?? '')];
    case 'assignee':
      return issue.assigneeId;
    case 'reporter':
      return issue.reporterId;
    case 'created':
      return issue.created;
    case 'updated':
      return issue.updated;
    case 'duedate':
    case 'due':
      return issue.duedate;
    default:
      return undefined;
  }
}

/** What JQL may use on the site, for a search or a parse as `accountId`. */
const jqlOptions = (site: SearchableSite, accountId: string | null, now: Date) => ({
  now: now.getTime(),
  currentUser: accountId,
  isField: isJqlField,
  listFunction: (name: string, args: readonly string[]) => (name === 'linkedissues' ? linkedIssues(site, args) : null),
});

/** Issues matching `jql`, in its order (by id when it names none). */
export function queryIssues(site: SearchableSite, jql: string, accountId: string | null, now: Date): StoredIssue[] {
  const parsed = parseJql(jql, jqlOptions(site, accountId, now));
  const found = site.issues.filter((issue) => parsed.where({ valueOf: (field) => jqlValue(site, issue, field) }));
  const sortKey = (issue: StoredIssue, field: string): string | number => {
    const value = field === 'key' ? Number(issue.key.split('-')[1]) : jqlValue(site, issue, field);
    if (value === undefined) throw new JqlError(`Not able to sort using field '${field}'.`);
    if (Array.isArray(value)) return String(value[0] ?? '');
    return (value as string | number | null) ?? '';
  };
  return found.sort((a, b) => {
    for (const { field, descending } of parsed.orderBy) {
      const left = sortKey(a, field);
      const right = sortKey(b, field);
      if (left !== right) return (left < right ? -1 : 1) * (descending ? -1 : 1);
    }
    return Number(a.id) - Number(b.id);
  });
}

/**
 * JQL's `linkedIssues(issueKey[, description])`: the keys of the issues linked to the named one, only those whose link
 * reads with that description from the named issue's side (`linkedIssues("MKT-5", "is blocked by")`: MKT-5's blockers).
 */
function linkedIssues(site: SearchableSite, args: readonly string[]): string[] {
  const [ref, description] = args;
  const issue = site.find(ref ?? '');
  if (issue === undefined) throw new JqlError(`Error in the JQL Query: issue '${ref ?? ''}' does not exist.`);
  return site.links
    .describedFrom(issue)
    .filter(([said]) => description === undefined || said.toLowerCase() === description.toLowerCase())
    .map(([, key]) => key);
}

/**
 * `POST /jql/parse`: each query with its errors (syntax, a field that does not exist) or its warnings (a
 * project that does not exist), as Jira's ParsedJqlQueries. The sandbox does not build the syntax tree. Its
 * `validation` query parameter is required, one of strict, warn or none (OpenAPI spec); with none, nothing is checked.
 */
export function parseJqlAnswer(
  site: SearchableSite,
  body: Record<string, unknown>,
  validation: string | null,
  accountId: string | null,
  now: Date,
): RestResponse {
  if (validation === null || !['strict', 'warn', 'none'].includes(validation))
    return error(400, ["The query parameter 'validation' must be one of strict, warn or none."]);
  const queries = Array.isArray(body['queries']) ? body['queries'].map((query) => scalarText(query)) : [];
  if (queries.length === 0) return error(400, ['At least one query must be provided.']);
  return {
    status: 200,
    body: {
      queries: queries.map((query) => {
        const warnings: string[] = [];
        const checkValue = (field: string, value: string) => {
          if (field === 'project' && site.view.project(value) === undefined)
            warnings.push(`The value '${value}' does not exist for the field 'project'.`);
        };
        if (validation === 'none') return { query };
        try {
          parseJql(query, { ...jqlOptions(site, accountId, now), checkValue });
        } catch (thrown) {
          if (thrown instanceof JqlError) return { query, errors: [thrown.message] };
          throw thrown;
        }
        return { query, ...(warnings.length > 0 ? { warnings } : {}) };
      }),
    },
  };
}

/** `POST /search/jql`: a page of the issues `query` finds for the JQL. */
export function searchAnswer(site: SearchableSite, body: Record<string, unknown>, query: (jql: string) => StoredIssue[]): RestResponse {
  if (typeof body['jql'] !== 'string') return error(400, ['The JQL query is required.']);
  // The spec's SearchAndReconcileRequestBean: "Accepts max 50 ids". The sandbox's search is always current, so they
  // change nothing else here.
  if (Array.isArray(body['reconcileIssues']) && body['reconcileIssues'].length > 50)
    return error(400, ['reconcileIssues accepts at most 50 issue ids.']);
  const fields = Array.isArray(body['fields']) ? (body['fields'] as string[]) : ['id'];
  const properties = Array.isArray(body['properties']) ? (body['properties'] as string[]) : [];
  // As Jira: up to 5,000 per page when only ids or a few fields are asked for, else 100.
  const cap = fields.some((field) => field.startsWith('*')) ? 100 : 5_000;
  const size = Math.min(Math.max(Number(body['maxResults'] ?? 50), 1), cap);
  const start = body['nextPageToken'] === undefined ? 0 : Number(Buffer.from(scalarText(body['nextPageToken']), 'base64url').toString());
  if (!Number.isInteger(start) || start < 0) return error(400, ['The nextPageToken is not valid.']);
  const matches = query(body['jql']);
  const page = matches.slice(start, start + size).map((issue) => {
    const json = issueJson(issue, site.view, site.people, fields.join(','), null, site.links.fieldOf(issue, site.view));
    const props = Object.fromEntries(properties.filter((key) => key in issue.properties).map((key) => [key, issue.properties[key]]));
    return { id: json.id, key: json.key, self: json.self, fields: json.fields, ...(properties.length > 0 ? { properties: props } : {}) };
  });
  const more = start + size < matches.length;
  const expand = typeof body['expand'] === 'string' ? body['expand'].split(',').map((part) => part.trim()) : [];
  return {
    status: 200,
    body: {
      issues: page,
      isLast: !more,
      ...(more ? { nextPageToken: Buffer.from(String(start + size)).toString('base64url') } : {}),
      ...(expand.includes('schema') ? { schema: schemaJson() } : {}),
      ...(expand.includes('names') ? { names: Object.fromEntries(FIELDS.map((field) => [field.id, field.name])) } : {}),
    },
  };
}

/** `POST /changelog/bulkfetch`: the changelogs of the issues named, by issue. */
export function bulkFetchAnswer(site: SearchableSite, body: Record<string, unknown>): RestResponse {
  const ids = Array.isArray(body['issueIdsOrKeys']) ? (body['issueIdsOrKeys'] as string[]) : [];
  if (ids.length === 0 || ids.length > 1_000) return error(400, ['issueIdsOrKeys must name between 1 and 1000 issues.']);
  const fieldIds = Array.isArray(body['fieldIds']) ? new Set(body['fieldIds'] as string[]) : null;
  const size = Math.min(Math.max(Number(body['maxResults'] ?? 1_000), 1), 10_000);
  const start = body['nextPageToken'] === undefined ? 0 : Number(Buffer.from(scalarText(body['nextPageToken']), 'base64url').toString());
  const entries = ids.flatMap((idOrKey) => {
    const issue = site.find(idOrKey);
    if (issue === undefined) return [];
    return issue.histories
      .map((history) => ({ ...history, items: history.items.filter((item) => fieldIds === null || fieldIds.has(item.fieldId)) }))
      .filter((history) => history.items.length > 0)
      .map((history) => ({ issueId: issue.id, history: historyJson(history, site.people) }));
  });
  const byIssue = new Map<string, unknown[]>();
  for (const { issueId, history } of entries.slice(start, start + size)) byIssue.set(issueId, [...(byIssue.get(issueId) ?? []), history]);
  const more = start + size < entries.length;
  return {
    status: 200,
    body: {
      issueChangeLogs: [...byIssue].map(([issueId, changeHistories]) => ({ issueId, changeHistories })),
      ...(more ? { nextPageToken: Buffer.from(String(start + size)).toString('base64url') } : {}),
    },
  };
}
