import type { AppConfig } from './app-config';
import { later, pathProgress } from './approval-paths';
import { approvalsWithStanding, lastContentChange, type ApprovalFacts } from './approvals';
import type { Approval, FlightPlanRecord } from './flight-plan-record';
import type { ApprovalEvent } from './quarterly-audit';
import type { Tier } from './tiers';

const sameApproval = (a: Approval, b: Approval): boolean => a.by === b.by && a.role === b.role && a.at === b.at;

/**
 * Since when an approval in `role` was awaited: its path step's due time, or for a role off the
 * path, the later of entering QA and the last change to the content. Null when not known (the
 * request has not entered QA, or an earlier in-order step is open).
 */
const awaitedSince = (
  record: FlightPlanRecord,
  role: string,
  people: ApprovalFacts,
  config: Pick<AppConfig, 'approvalPaths' | 'roles'>,
  tier: Tier,
  qaEnteredAt: string | null,
): string | null => {
  const step = pathProgress(config.approvalPaths[tier], record, people, config.roles, qaEnteredAt).steps.find(
    (candidate) => candidate.role === role,
  );
  if (step !== undefined) return step.dueSince;
  return qaEnteredAt === null ? null : later(qaEnteredAt, lastContentChange(record));
};

/**
 * What one change of a record did to its approvals, for the quarterly audit: each approval given
 * (with how long it was awaited), and each approval that counted before and is stale after (the
 * content it covered changed).
 * @example approvalEventsOf(before, afterApproving, 'MKT-2', people, config, 'regulated', qaEnteredAt, now) // [{ kind: 'made', role: 'compliance', waitedMs: … }]
 */
export const approvalEventsOf = (
  before: FlightPlanRecord,
  after: FlightPlanRecord,
  key: string,
  people: ApprovalFacts,
  config: Pick<AppConfig, 'approvalPaths' | 'roles'>,
  tier: Tier,
  qaEnteredAt: string | null,
  now: Date,
): ApprovalEvent[] => {
  const made = after.approvals
    .filter((approval) => !before.approvals.some((earlier) => sameApproval(earlier, approval)))
    .map((approval): ApprovalEvent => {
      const since = awaitedSince(before, approval.role, people, config, tier, qaEnteredAt);
      return {
        key,
        kind: 'made',
        role: approval.role,
        at: now.toISOString(),
        waitedMs: since === null ? null : Math.max(0, now.getTime() - Date.parse(since)),
      };
    });
  const standingAfter = approvalsWithStanding(after, people, config.roles);
  const madeStale = approvalsWithStanding(before, people, config.roles)
    .filter(
      ({ approval, standing }) =>
        standing.kind === 'current' &&
        standingAfter.some((other) => sameApproval(other.approval, approval) && other.standing.kind === 'stale'),
    )
    .map(({ approval }): ApprovalEvent => ({ key, kind: 'stale', role: approval.role, at: now.toISOString(), waitedMs: null }));
  return [...made, ...madeStale];
};
