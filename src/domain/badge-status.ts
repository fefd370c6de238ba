import type { RecordSummary } from './record-summary';
import { STAGE_LABELS } from './stages';

/**
 * What the collapsed `jira:issueContext` panel shows beside its label: a status lozenge, in the
 * shape the manifest's `status` takes and a `dynamicProperties` function returns
 * (developer.atlassian.com/platform/forge/manifest-reference/modules/jira-issue-context, "Status properties").
 */
export interface BadgeStatus {
  readonly type: 'lozenge';
  readonly value: { readonly label: string; readonly type: 'default' | 'inprogress' | 'success' | 'removed' };
}

const lozenge = (label: string, type: BadgeStatus['value']['type']): BadgeStatus => ({ type: 'lozenge', value: { label, type } });

/** The next gate's progress ("QA 7/10", green once ready), or where the request stands off the gates. */
export const badgeStatusOf = (summary: Pick<RecordSummary, 'stage' | 'progress' | 'currentGateReady'>): BadgeStatus => {
  if (summary.progress !== '') return lozenge(summary.progress, summary.currentGateReady === 'yes' ? 'success' : 'inprogress');
  if (summary.stage === 'unmapped') return lozenge('Not in a stage', 'default');
  return lozenge(STAGE_LABELS[summary.stage], summary.stage === 'done' ? 'success' : summary.stage === 'declined' ? 'removed' : 'default');
};

/** Shown when the status cannot be worked out (storage or Jira unavailable): nothing that looks like progress. */
export const BADGE_STATUS_UNAVAILABLE: BadgeStatus = lozenge('Unavailable', 'default');
