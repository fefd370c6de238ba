import { jqlString } from '../domain/jql';
import type { AppConfig, RoutingRule } from '../domain/app-config';
import { stageOfStatus } from '../domain/app-config';
import { byLoad, personLoads, type AssignedRequest, type PersonLoad } from '../domain/capacity';
import { listOf } from '../domain/gates/gate-context';
import { ok, type Result } from '../domain/result';
import { routingCandidates } from '../domain/routing';
import type { JiraApi, JiraFailure } from './jira-port';

/**
 * Accepted requests asked for per search page, and pages read at most: only four fields are asked for, so Jira answers
 * large pages (search/jql "returns max 5000 issues", fewer "where a large number of fields are requested": the spec's
 * SearchAndReconcileRequestBean.maxResults); the page bound holds if it answers smaller ones.
 */
const LOAD_PAGE = 1_000;
const MAX_LOAD_PAGES = 30;
/** The most accepted requests a load counts: beyond it the load says it was cut short rather than be silently low. */
export const MAX_LOAD_REQUESTS = 3_000;

/**
 * What a load reads of each request: whose it is, its project, its stage and its Effort (the app's field, by its id on
 * this site). Nothing else: `*navigable` would send every field of up to 3,000 issues while someone waits on Accept.
 */
const loadFields = (effortFieldId: string | undefined): string[] => [
  'assignee',
  'status',
  'project',
  ...(effortFieldId === undefined ? [] : [effortFieldId]),
];

/** The measured requests being worked on (Planning, Build, QA + Governance), of the people named when any are. */
export const acceptedWorkJql = (config: Pick<AppConfig, 'metricsJql' | 'statusMap'>, assignees: readonly string[] = []): string => {
  const [where] = config.metricsJql.split(/\s+ORDER\s+BY\s+/i);
  const statuses = [...config.statusMap.planning, ...config.statusMap.build, ...config.statusMap.qa].map(jqlString).join(', ');
  const people = assignees.length === 0 ? '' : ` AND assignee in (${assignees.map(jqlString).join(', ')})`;
  return `(${where}) AND status in (${statuses})${people} ORDER BY created ASC`;
};

export interface TeamLoad {
  /** Heaviest first. */
  readonly loads: readonly PersonLoad[];
  /**
   * The same loads per project (by project key), so a view shows only the projects its viewer may browse: a person's
   * work elsewhere is not theirs to see.
   */
  readonly byProject: ReadonlyMap<string, readonly PersonLoad[]>;
  /** Display names by account id, as Jira gave them on the requests. */
  readonly names: ReadonlyMap<string, string>;
  /** More than `MAX_LOAD_REQUESTS` requests are open: only the oldest were counted, so loads may be low. */
  readonly cutShort: boolean;
  /** Whose each counted request is, by issue id: the forecasts stretch the work ahead of a loaded person's requests. */
  readonly assigneeOf: ReadonlyMap<string, string>;
}

interface SearchedRequest {
  readonly id: string;
  readonly fields?: Record<string, unknown>;
}

const assigneeOf = (fields: Record<string, unknown>): { accountId: string; displayName: string } | null => {
  const assignee = fields['assignee'] as { accountId?: unknown; displayName?: unknown } | null | undefined;
  if (typeof assignee?.accountId !== 'string') return null;
  return { accountId: assignee.accountId, displayName: typeof assignee.displayName === 'string' ? assignee.displayName : '' };
};

/**
 * Each person's current load from the accepted requests assigned to them (see `capacity.ts`), asked of Jira as the
 * app. `effortFieldId` is the Effort field's id on this site (from an issue's schema, or the field list): without it
 * every request counts the middle of the scale.
 */
export const currentTeamLoad = async (
  jira: JiraApi,
  config: Pick<AppConfig, 'metricsJql' | 'statusMap'>,
  effortFieldId: string | undefined,
  assignees: readonly string[] = [],
): Promise<Result<TeamLoad, JiraFailure>> => {
  const requests: AssignedRequest[] = [];
  const projectOfRequest: string[] = [];
  const names = new Map<string, string>();
  const assignedTo = new Map<string, string>();
  let token: string | undefined;
  for (let page = 0; page < MAX_LOAD_PAGES && requests.length < MAX_LOAD_REQUESTS; page++) {
    const found = await jira.searchIssues(acceptedWorkJql(config, assignees), loadFields(effortFieldId), token, {
      maxResults: Math.min(LOAD_PAGE, MAX_LOAD_REQUESTS - requests.length),
    });
    if (!found.ok) return found;
    for (const issue of found.value.issues as SearchedRequest[]) {
      const fields = issue.fields ?? {};
      const assignee = assigneeOf(fields);
      if (assignee !== null && assignee.displayName !== '') names.set(assignee.accountId, assignee.displayName);
      if (assignee !== null) assignedTo.set(issue.id, assignee.accountId);
      const status = (fields['status'] as { name?: unknown } | undefined)?.name;
      const effort = effortFieldId === undefined ? null : fields[effortFieldId];
      const project = (fields['project'] as { key?: unknown } | undefined)?.key;
      projectOfRequest.push(typeof project === 'string' ? project : '');
      requests.push({
        assigneeId: assignee?.accountId ?? null,
        stage: typeof status === 'string' ? stageOfStatus(status, config.statusMap) : null,
        effort: typeof effort === 'number' ? effort : null,
      });
    }
    token = found.value.isLast === false ? (found.value.nextPageToken ?? undefined) : undefined;
    if (token === undefined) break;
  }
  const cutShort = token !== undefined;
  const perProject = new Map<string, AssignedRequest[]>();
  requests.forEach((request, index) => {
    const project = projectOfRequest[index] ?? '';
    const list = perProject.get(project);
    if (list === undefined) perProject.set(project, [request]);
    else list.push(request);
  });
  const byProject = new Map([...perProject].map(([project, projectRequests]) => [project, personLoads(projectRequests)]));
  return ok({ loads: personLoads(requests), byProject, names, cutShort, assigneeOf: assignedTo });
};

/**
 * Whom a routing rule may give an accepted request to, in the order to try them: the people it names, least loaded
 * first (the first named when loads tie), never the request's own requester (nobody builds their own request). When
 * the loads cannot be read, the order the rule names them in, with the reason.
 */
export const routingOrder = async (
  jira: JiraApi,
  config: Pick<AppConfig, 'metricsJql' | 'statusMap'>,
  rule: RoutingRule,
  request: Pick<RoutedRequest, 'reporterId' | 'effortFieldId'>,
): Promise<{ readonly candidates: readonly string[]; readonly problem: string | null }> => {
  const requesterId = request.reporterId;
  const candidates = routingCandidates(rule).filter((accountId) => accountId !== requesterId);
  if (candidates.length <= 1) return { candidates, problem: null };
  const team = await currentTeamLoad(jira, config, request.effortFieldId, candidates);
  if (!team.ok) return { candidates, problem: "the team's loads could not be read" };
  const ordered = byLoad(candidates, new Map(team.value.loads.map((person) => [person.accountId, person.load])));
  const problem = team.value.cutShort
    ? `the loads count only the ${MAX_LOAD_REQUESTS.toLocaleString('en')} oldest accepted requests of the people it names, so they may be low`
    : null;
  return { candidates: ordered, problem };
};

/** The request being routed, as its issue stands. */
interface RoutedRequest {
  readonly issueId: string;
  readonly assigneeId: string | null;
  /** Its requester: never given their own request. */
  readonly reporterId: string | null;
  /** The Effort field's id on this site, from the request's own schema: the loads are read with it. */
  readonly effortFieldId: string | undefined;
}

/**
 * Gives an accepted request to the first person, in routing order, whom Jira lets it be assigned to: a person Jira
 * refuses (a deactivated or removed account, someone without the Assignable User permission) is skipped for the next
 * least loaded, since Jira's assign answers 400 for a user it cannot find and 403 without the permission
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-assignee-put).
 * Answers the warnings, in plain words with people's names.
 */
export const assignByRouting = async (
  jira: JiraApi,
  config: Pick<AppConfig, 'metricsJql' | 'statusMap'>,
  rule: RoutingRule,
  request: RoutedRequest,
): Promise<string[]> => {
  const { candidates, problem } = await routingOrder(jira, config, rule, request);
  const warnings = problem === null ? [] : [`accepted and routed, but ${problem}`];
  if (candidates.length === 0)
    return [...warnings, 'accepted, but not routed: the routing rules name only its requester, and nobody is given their own request'];
  const refused: string[] = [];
  let given: string | null = null;
  for (const accountId of candidates) {
    if (accountId === request.assigneeId) return warnings;
    const assigned = await jira.assignIssue(request.issueId, accountId);
    if (assigned.ok) {
      given = accountId;
      break;
    }
    refused.push(accountId);
  }
  if (refused.length === 0) return warnings;
  const names = await jira.displayNames(given === null ? refused : [...refused, given]);
  const nameOf = (accountId: string): string => (names.ok ? names.value.get(accountId) : undefined) ?? 'someone no longer on this site';
  const outcome = given === null ? 'so it is not assigned to anyone yet' : `so it went to ${nameOf(given)}`;
  return [...warnings, `accepted, but Jira would not let it be assigned to ${listOf(refused.map(nameOf))}, ${outcome}`];
};
