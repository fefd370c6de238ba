import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { PanelView } from './api';
import type { Save } from './use-panel';
import { OutcomeMessage, useCommand } from './ui';
import { formatInstant, nameOf } from './words';
import { HOUR_MS } from '../../../src/domain/durations';

type StepView = PanelView['approvalPath']['steps'][number];
type People = PanelView['people'];

/** "3 days 4 hours", "5 hours", "less than an hour": a wait in words. */
const waitInWords = (ms: number): string => {
  const hours = Math.floor(ms / HOUR_MS);
  if (hours < 1) return 'less than an hour';
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  const part = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  return days === 0 ? part(rest, 'hour') : rest === 0 ? part(days, 'day') : `${part(days, 'day')} ${part(rest, 'hour')}`;
};

const names = (people: People, accountIds: readonly string[]): string => accountIds.map((id) => nameOf(people, id)).join(', ');

/** One line of what a step is waiting for, or when it was done. */
const stepStatus = (step: StepView, people: People, slaDays: number): string => {
  const waited = step.waitedMs === null ? '' : waitInWords(step.waitedMs);
  switch (step.state) {
    case 'done':
      return `approved by ${step.approvedBy.map((given) => `${nameOf(people, given.by)} (${formatInstant(given.at)})`).join(', ')}${waited ? `, after ${waited}` : ''}`;
    case 'waiting': {
      const asked =
        step.next.length === 0 ? 'nobody who may approve it holds the role: an admin adds someone' : `next: ${names(people, step.next)}`;
      const count = step.required - step.approvedBy.length;
      return `${count} more approval${count === 1 ? '' : 's'} needed, waiting ${waited}${step.overdue ? `, past the ${slaDays}-business-day approval time` : ''} · ${asked}`;
    }
    case 'after-earlier':
      return `after the steps before it · then: ${step.next.length === 0 ? 'nobody who may approve it holds the role' : names(people, step.next)}`;
    case 'not-due':
      return `from QA + Governance · then: ${step.next.length === 0 ? 'nobody who may approve it holds the role' : names(people, step.next)}`;
  }
};

const LOZENGE: Record<StepView['state'], { text: string; appearance: 'success' | 'inprogress' | 'default' | 'removed' }> = {
  done: { text: 'approved', appearance: 'success' },
  waiting: { text: 'waiting', appearance: 'inprogress' },
  'after-earlier': { text: 'not yet', appearance: 'default' },
  'not-due': { text: 'not yet', appearance: 'default' },
};

/**
 * The request's approval path (the tier's roles, side by side or one after another), each step with
 * who approved, who is next and how long it has waited; then the caller's own approve buttons, one
 * per role they hold, or why they may not approve.
 */
export const ApprovalPath = ({ view, save, saving }: { view: PanelView; save: Save; saving: string | null }) => {
  const give = useCommand(save, 'approval/give');
  const { approvalPath: path, people } = view;
  return (
    <div className="fp-approval-path">
      <h4>Approval path</h4>
      {path.steps.length === 0 ? (
        <p className="fp-muted">This tier needs no approvals before launch.</p>
      ) : (
        <>
          <p className="fp-muted">
            {path.order === 'in-order' ? 'Each role approves after the one before it.' : 'The roles approve side by side, in any order.'}
          </p>
          <ol className="fp-path-steps" aria-label="Approval path">
            {path.steps.map((step) => {
              const lozenge =
                step.state === 'waiting' && step.overdue ? { text: 'overdue', appearance: 'removed' as const } : LOZENGE[step.state];
              return (
                <li key={step.role} data-testid={`path-step-${step.role}`}>
                  <Lozenge appearance={lozenge.appearance}>{lozenge.text}</Lozenge>{' '}
                  <strong>
                    {step.roleLabel}
                    {step.required > 1 ? ` × ${step.required}` : ''}
                  </strong>
                  : {stepStatus(step, people, path.slaBusinessDays)}
                </li>
              );
            })}
          </ol>
        </>
      )}
      {view.canEdit &&
        view.callerRoles
          .filter((role) => !role.approved)
          .map((role) => (
            <div className="fp-button-row" key={role.role}>
              {role.refusal === null ? (
                <>
                  <Button
                    isLoading={saving === 'approval/give'}
                    onClick={() => void give.run({ role: role.role, covers: view.approvalCovers })}
                  >
                    Approve as {role.roleLabel}
                  </Button>
                  <span className="fp-muted">It covers the assets as they are now; any later change to them means approving again.</span>
                </>
              ) : (
                <span className="fp-muted">
                  You hold the {role.roleLabel} role but cannot approve this request: {role.refusal}.
                </span>
              )}
            </div>
          ))}
      <OutcomeMessage outcome={give.outcome} />
    </div>
  );
};
