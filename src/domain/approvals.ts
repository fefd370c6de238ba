import { COMPLIANCE_ROLE, type AppConfig, type GovernanceRoles } from './app-config';
import { contentCheck } from './content-fingerprint';
import type { Approval, FlightPlanRecord } from './flight-plan-record';
import type { IssueFacts } from './issue-facts';
import { approvalConflict, approvalConflictMessage, type ApprovalConflict, type RequestPeople } from './separation-of-duties';

/**
 * Whether an approval counts now: `current` when its approver may still approve in its role and
 * the content is what they approved; `stale` when the description or the assets' names, types, copy
 * or links changed after it; `void` when the approver may not approve (removed from the role, became
 * the assignee, wrote copy since…).
 */
type ApprovalStanding =
  | { readonly kind: 'current' }
  | { readonly kind: 'stale'; readonly changedAt: string | null }
  | { readonly kind: 'void'; readonly conflict: ApprovalConflict };

/**
 * When the assets' content last changed, as far as the record knows. Retiring an asset changes what an approval
 * covers (the fingerprint drops it), so a retirement counts as a content change too.
 */
export const lastContentChange = (record: FlightPlanRecord): string | null =>
  [...record.assets.map((asset) => asset.contentChangedAt), ...(record.retiredAssets ?? []).map((asset) => asset.retiredAt)].reduce<
    string | null
  >((latest, at) => (at !== undefined && (latest === null || at > latest) ? at : latest), null);

/** The people of a request, and its description: what an approval covers besides the record's assets. */
export type ApprovalFacts = RequestPeople & Pick<IssueFacts, 'description'>;

const approvalStanding = (
  approval: Approval,
  record: FlightPlanRecord,
  facts: ApprovalFacts,
  roles: GovernanceRoles,
  covers: (fingerprint: string | null) => boolean,
): ApprovalStanding => {
  const conflict = approvalConflict(approval.by, approval.role, record, facts, roles);
  if (conflict !== null) return { kind: 'void', conflict };
  if (covers(approval.fingerprint)) return { kind: 'current' };
  // The record knows when an asset last changed, not when the description did: a change it knows of before the
  // approval is not the one that made it stale.
  const changedAt = lastContentChange(record);
  return { kind: 'stale', changedAt: changedAt !== null && changedAt >= approval.at ? changedAt : null };
};

/** Each approval with its standing, for the panel and the gates. */
export const approvalsWithStanding = (
  record: FlightPlanRecord,
  facts: ApprovalFacts,
  roles: GovernanceRoles,
): { readonly approval: Approval; readonly standing: ApprovalStanding }[] => {
  const covers = contentCheck(record.assets, facts.description);
  return record.approvals.map((approval) => ({ approval, standing: approvalStanding(approval, record, facts, roles, covers) }));
};

/**
 * What the QA gate says about the compliance approval: null when one counts, otherwise why none
 * does (missing, out of date, or given by someone who may not give it).
 */
export const complianceApprovalProblem = (
  record: FlightPlanRecord,
  people: ApprovalFacts,
  config: Pick<AppConfig, 'roles'>,
): string | null => {
  const standings = approvalsWithStanding(record, people, config.roles).filter(({ approval }) => approval.role === COMPLIANCE_ROLE);
  if (standings.length === 0) return 'compliance approval missing';
  if (standings.some(({ standing }) => standing.kind === 'current')) return null;
  if (standings.some(({ standing }) => standing.kind === 'stale'))
    return 'compliance approval out of date: the copy changed after it was given';
  const conflict = standings.find(({ standing }) => standing.kind === 'void')?.standing;
  if (conflict?.kind !== 'void') return 'compliance approval missing';
  return `compliance approval does not count: ${approvalConflictMessage(conflict.conflict, COMPLIANCE_ROLE, config.roles)}`;
};
