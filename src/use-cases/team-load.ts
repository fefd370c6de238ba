import { appFieldIds } from '../contracts/jira-issue-facts';
import type { AppConfig, RoutingRule } from '../domain/app-config';
import { stageOfStatus } from '../domain/app-config';
import { leastLoaded, personLoads, type AssignedRequest, type PersonLoad } from '../domain/capacity';
import { ok, type Result } from '../domain/result';
import { routingCandidates } from '../domain/routing';
import type { JiraApi, JiraFailure } from './jira-port';

/** Accepted requests read per search page, and pages at most: a load over the 1,000 oldest accepted requests. */
const LOAD_PAGE = 100;
const MAX_LOAD_PAGES = 10;

const quoted = (text: string): string => `"${text.replace(/["\\]/g, (character) => `\\${character}`)}"`;

/** The measured requests being worked on (Planning, Build, QA + Governance), of the people named when any are. */
export const acceptedWorkJql = (config: Pick<AppConfig, 'metricsJql' | 'statusMap'>, assignees: readonly string[] = []): string => {
  const [where] = config.metricsJql.split(/\s+ORDER\s+BY\s+/i);
  const statuses = [...config.statusMap.planning, ...config.statusMap.build, ...config.statusMap.qa].map(quoted).join(', ');
  const people = assignees.length === 0 ? '' : ` AND assignee in (${assignees.map(quoted).join(', ')})`;
  return `(${where}) AND status in (${statuses})${people} ORDER BY created ASC`;
};

export interface TeamLoad {
  /** Heaviest first. */
  readonly loads: readonly PersonLoad[];
  /** Display names by account id, as Jira gave them on the requests. */
  readonly names: ReadonlyMap<string, string>;
}

interface SearchedRequest {
  readonly fields?: Record<string, unknown>;
}

const assigneeOf = (fields: Record<string, unknown>): { accountId: string; displayName: string } | null => {
  const assignee = fields['assignee'] as { accountId?: unknown; displayName?: unknown } | null | undefined;
  if (typeof assignee?.accountId !== 'string') return null;
  return { accountId: assignee.accountId, displayName: typeof assignee.displayName === 'string' ? assignee.displayName : '' };
};

/**
 * Each person's current load from the accepted requests assigned to them (see `capacity.ts`), asked of Jira as the
 * app: the Effort field is the app's, found by its schema (`expand: schema`).
 */
export const currentTeamLoad = async (
  jira: JiraApi,
  config: Pick<AppConfig, 'metricsJql' | 'statusMap'>,
  assignees: readonly string[] = [],
): Promise<Result<TeamLoad, JiraFailure>> => {
  const requests: AssignedRequest[] = [];
  const names = new Map<string, string>();
  let token: string | undefined;
  for (let page = 0; page < MAX_LOAD_PAGES; page++) {
    const found = await jira.searchIssues(acceptedWorkJql(config, assignees), ['assignee', 'status', '*navigable'], token, {
      expandSchema: true,
      maxResults: LOAD_PAGE,
    });
    if (!found.ok) return found;
    const effortField = appFieldIds({ schema: found.value.schema }).effort;
    for (const issue of found.value.issues as SearchedRequest[]) {
      const fields = issue.fields ?? {};
      const assignee = assigneeOf(fields);
      if (assignee !== null && assignee.displayName !== '') names.set(assignee.accountId, assignee.displayName);
      const status = (fields['status'] as { name?: unknown } | undefined)?.name;
      const effort = effortField === undefined ? null : fields[effortField];
      requests.push({
        assigneeId: assignee?.accountId ?? null,
        stage: typeof status === 'string' ? stageOfStatus(status, config.statusMap) : null,
        effort: typeof effort === 'number' ? effort : null,
      });
    }
    token = found.value.isLast === false ? (found.value.nextPageToken ?? undefined) : undefined;
    if (token === undefined) break;
  }
  return ok({ loads: personLoads(requests), names });
};

/**
 * Whom a routing rule gives an accepted request to: its one person, or the least loaded of the people it names (the
 * first named when loads tie). When the loads cannot be read, the rule's first person, with the reason.
 */
export const routedAssignee = async (
  jira: JiraApi,
  config: Pick<AppConfig, 'metricsJql' | 'statusMap'>,
  rule: RoutingRule,
): Promise<{ readonly assigneeId: string; readonly problem: string | null }> => {
  const candidates = routingCandidates(rule);
  if (candidates.length === 1) return { assigneeId: rule.assigneeId, problem: null };
  const team = await currentTeamLoad(jira, config, candidates);
  if (!team.ok) return { assigneeId: rule.assigneeId, problem: `the team's loads could not be read (${team.error.message})` };
  const loads = new Map(team.value.loads.map((person) => [person.accountId, person.load]));
  return { assigneeId: leastLoaded(candidates, loads), problem: null };
};
