import type { AppConfig } from './app-config';
import type { FlightPlanRecord } from './flight-plan-record';

export type ApprovalConflict = 'IS_ASSIGNEE' | 'BUILT_ASSETS' | 'NOT_A_COMPLIANCE_APPROVER';

/**
 * Why an account may not give the compliance approval of a request, or null when it may.
 * A compliance approver is named in the plan or in the configuration, and is neither the
 * assignee nor anyone who built the request's assets.
 */
export const complianceApprovalConflict = (
  accountId: string,
  record: FlightPlanRecord,
  assigneeId: string | null,
  config: Pick<AppConfig, 'complianceApproverIds'>,
): ApprovalConflict | null => {
  if (accountId === assigneeId) return 'IS_ASSIGNEE';
  if (record.assets.some((asset) => asset.builtBy === accountId)) return 'BUILT_ASSETS';
  const named = record.plan.approvers.some((approver) => approver.role === 'compliance' && approver.accountId === accountId);
  return named || config.complianceApproverIds.includes(accountId) ? null : 'NOT_A_COMPLIANCE_APPROVER';
};

export const APPROVAL_CONFLICT_MESSAGES: Readonly<Record<ApprovalConflict, string>> = {
  IS_ASSIGNEE: 'the assignee cannot give the compliance approval of their own request',
  BUILT_ASSETS: 'someone who built the assets cannot give their compliance approval',
  NOT_A_COMPLIANCE_APPROVER: 'only a compliance approver named in the plan or by an admin can approve',
};
