import { COMPLIANCE_ROLE, isMemberOf } from '../app-config';
import { isBlank, listOf, type GateChecks } from './gate-context';

type PlanningItem =
  | 'planning.assets'
  | 'planning.dependencies'
  | 'planning.tracking-plan'
  | 'planning.approval-path'
  | 'planning.compliance-approver'
  | 'planning.launch-criteria'
  | 'planning.definition-of-done';

export const PLANNING_CHECKS: GateChecks<PlanningItem> = {
  'planning.assets': ({ record }) =>
    record.assets.some((asset) => !isBlank(asset.type) && !isBlank(asset.spec)) ? null : 'no asset with a type and spec',
  'planning.dependencies': ({ record }) =>
    record.plan.dependencies.length === 0 ? 'dependencies not listed (list them, or say "none")' : null,
  'planning.tracking-plan': ({ record }) => {
    const { tracking } = record.plan;
    const lacking = [
      ...(isBlank(tracking.campaignKey) ? ['campaign key'] : []),
      ...(tracking.events.length === 0 ? ['events'] : []),
      ...(isBlank(tracking.crmCampaign) ? ['CRM campaign'] : []),
    ];
    return lacking.length === 0 ? null : `tracking plan lacks ${listOf(lacking)}`;
  },
  'planning.approval-path': ({ record }) => (record.plan.approvers.length === 0 ? 'no approvers named' : null),
  // Only a member of the compliance role counts, whatever the plan calls someone.
  'planning.compliance-approver': ({ record, config }) =>
    record.plan.approvers.some(
      (approver) => approver.role === COMPLIANCE_ROLE && isMemberOf(config.roles, COMPLIANCE_ROLE, approver.accountId),
    )
      ? null
      : 'no member of the compliance role named as approver',
  'planning.launch-criteria': ({ record }) => (isBlank(record.plan.launchCriteria) ? 'launch criteria missing' : null),
  'planning.definition-of-done': ({ record }) => (isBlank(record.plan.definitionOfDone) ? 'definition of done missing' : null),
};
