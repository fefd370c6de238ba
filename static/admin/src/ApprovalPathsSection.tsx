import type { ApprovalPath, ApprovalStep } from '../../../src/domain/approval-paths';
import { TIER_LABELS, TIERS, type Tier } from '../../../src/domain/tiers';
import { errorAt, Labelled, NumberField } from './fields';
import type { SectionProps } from './sections';

const FieldError = ({ error }: { error: string | null }) =>
  error === null ? null : (
    <span className="fp-field-error" role="alert">
      {error}
    </span>
  );

/**
 * Per tier, which approver roles approve before launch, how many of each, and whether side by side
 * or one after another; and the approval SLA after which approvers are reminded, then triage leads
 * told. The server checks every field; its errors show beside the field they name.
 */
export const ApprovalPathsSection = ({ draft, change, errors }: SectionProps) => {
  const roles = draft.roles.approvers;
  const setPath = (tier: Tier, path: ApprovalPath) => change({ approvalPaths: { ...draft.approvalPaths, [tier]: path } });
  return (
    <>
      <p className="fp-muted">
        The QA + Governance gate waits until a request's path is complete with approvals of the assets as they are. Roles and their members
        are set under Governance roles.
      </p>
      {TIERS.map((tier) => {
        const path = draft.approvalPaths[tier];
        const tierLabel = TIER_LABELS[tier];
        const setStep = (index: number, step: ApprovalStep) =>
          setPath(tier, { ...path, steps: path.steps.map((candidate, position) => (position === index ? step : candidate)) });
        const unused = roles.find((role) => !path.steps.some((step) => step.role === role.key));
        return (
          <fieldset key={tier} className="fp-fieldset fp-approval-path" aria-label={`Approval path for ${tierLabel}`}>
            <legend>{tierLabel}</legend>
            <Labelled label={`Order of the ${tierLabel} approvals`}>
              {(id) => (
                <select
                  id={id}
                  className="fp-input"
                  value={path.order}
                  onChange={(event) => setPath(tier, { ...path, order: event.target.value as ApprovalPath['order'] })}
                >
                  <option value="parallel">Side by side, in any order</option>
                  <option value="in-order">One role after another, top first</option>
                </select>
              )}
            </Labelled>
            {path.steps.length === 0 ? (
              <p className="fp-muted">No approvals before launch.</p>
            ) : (
              <ol className="fp-path-steps">
                {path.steps.map((step, index) => {
                  const where = `approvalPaths.${tier}.steps.${index}`;
                  const known = roles.some((role) => role.key === step.role);
                  return (
                    <li key={`${step.role}-${index}`} className="fp-button-row">
                      <Labelled label={`Role ${index + 1} for ${tierLabel}`} error={errorAt(errors, `${where}.role`)}>
                        {(id, describedBy, invalid) => (
                          <select
                            id={id}
                            className="fp-input"
                            aria-describedby={describedBy}
                            aria-invalid={invalid}
                            value={step.role}
                            onChange={(event) => setStep(index, { ...step, role: event.target.value })}
                          >
                            {!known && <option value={step.role}>a role that no longer exists</option>}
                            {roles.map((role) => (
                              <option key={role.key} value={role.key}>
                                {role.label}
                              </option>
                            ))}
                          </select>
                        )}
                      </Labelled>
                      <NumberField
                        label={`Approvals needed from role ${index + 1} for ${tierLabel}`}
                        value={step.count}
                        error={errorAt(errors, `${where}.count`)}
                        onChange={(count) => setStep(index, { ...step, count })}
                      />
                      <button
                        type="button"
                        className="fp-button"
                        aria-label={`Remove role ${index + 1} from the ${tierLabel} path`}
                        onClick={() => setPath(tier, { ...path, steps: path.steps.filter((_, position) => position !== index) })}
                      >
                        Remove
                      </button>
                    </li>
                  );
                })}
              </ol>
            )}
            <FieldError error={errors[`approvalPaths.${tier}.steps`] ?? errors[`approvalPaths.${tier}`] ?? null} />
            {unused !== undefined && (
              <button
                type="button"
                className="fp-button"
                onClick={() => setPath(tier, { ...path, steps: [...path.steps, { role: unused.key, count: 1 }] })}
              >
                Add a role to the {tierLabel} path
              </button>
            )}
          </fieldset>
        );
      })}
      <NumberField
        label="Approval time (business days): past it the approvers are reminded, at twice it the triage leads are told"
        value={draft.approvalSlaBusinessDays}
        error={errorAt(errors, 'approvalSlaBusinessDays')}
        onChange={(approvalSlaBusinessDays) => change({ approvalSlaBusinessDays })}
      />
    </>
  );
};
