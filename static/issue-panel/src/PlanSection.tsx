import Button from '@atlaskit/button/new';
import { useState } from 'react';
import { campaignKeyProblem, campaignSlug } from '../../../src/domain/campaign-key';
import { isLaunchedStage } from '../../../src/domain/stages';
import type { Approver } from '../../../src/domain/flight-plan-record';
import { workATemplateWouldReplace } from '../../../src/domain/templates';
import type { PanelView } from './api';
import type { Save } from './use-panel';
import { Field, SaveRow, Section, linesOf, useCommand } from './ui';
import { nameOf, sentenceCase } from './words';
import { TextAreaField } from '../../shared/components';

/** A plan picks its approvers from the members of the roles an admin set; only they count. */
export const PlanSection = ({ view, save, saving }: { view: PanelView; save: Save; saving: string | null }) => {
  const { plan } = view.record;
  const command = useCommand(save, 'plan/update');
  const [dependencies, setDependencies] = useState(plan.dependencies.join('\n'));
  const [campaignKey, setCampaignKey] = useState(plan.tracking.campaignKey ?? '');
  const [events, setEvents] = useState(plan.tracking.events.join('\n'));
  const [crmCampaign, setCrmCampaign] = useState(plan.tracking.crmCampaign ?? '');
  const [approvers, setApprovers] = useState<readonly Approver[]>(plan.approvers);
  const [role, setRole] = useState(view.roles[0]?.key ?? 'compliance');
  const [member, setMember] = useState('');
  const roleName = (key: string): string => view.roles.find((candidate) => candidate.key === key)?.label ?? key;
  // Members of the chosen role not yet on the path in it.
  const candidates = (view.roles.find((candidate) => candidate.key === role)?.members ?? []).filter(
    (accountId) => !approvers.some((approver) => approver.role === role && approver.accountId === accountId),
  );
  const [launchCriteria, setLaunchCriteria] = useState(plan.launchCriteria ?? '');
  const [definitionOfDone, setDefinitionOfDone] = useState(plan.definitionOfDone ?? '');
  const disabled = !view.canEdit;
  // The server refuses a launched request's new key (COMMAND.CAMPAIGN_KEY_LAUNCHED): its outcome is judged on this one.
  const keyFixed = view.history.launchEnteredAt !== null || isLaunchedStage(view.stage);
  // It refuses a change from anyone but its owner or a triage lead (COMMAND.CAMPAIGN_KEY_NOT_OWNER): the view says, by that rule.
  const keyNotTheirs = !view.canSetCampaignKey;
  const keyLocked = keyFixed || keyNotTheirs;
  const templateCommand = useCommand(save, 'template/apply');
  const [templateId, setTemplateId] = useState(view.templates[0]?.id ?? '');

  // Checked as it is typed, with the domain's own rule: the server refuses the same keys.
  const typedKey = campaignKey.trim();
  const keyProblem = typedKey === '' || typedKey === plan.tracking.campaignKey ? null : campaignKeyProblem(typedKey);
  const slug = campaignSlug(typedKey);

  const submit = () =>
    void command.run({
      dependencies: linesOf(dependencies),
      tracking: {
        ...(campaignKey.trim() ? { campaignKey: campaignKey.trim() } : {}),
        events: linesOf(events),
        ...(crmCampaign.trim() ? { crmCampaign: crmCampaign.trim() } : {}),
      },
      approvers: [...approvers],
      ...(launchCriteria.trim() ? { launchCriteria: launchCriteria.trim() } : {}),
      ...(definitionOfDone.trim() ? { definitionOfDone: definitionOfDone.trim() } : {}),
    });

  return (
    <Section title="Plan" summary={plan.tracking.campaignKey ? `campaign ${plan.tracking.campaignKey}` : 'not planned yet'}>
      {view.canEdit && view.templates.length > 0 && workATemplateWouldReplace(view.record) === null && (
        <fieldset className="fp-fieldset">
          <legend>Start from a template</legend>
          <Field label="Template">
            {(id) => (
              <select id={id} className="fp-input" value={templateId} onChange={(event) => setTemplateId(event.target.value)}>
                {view.templates.map((template) => (
                  <option key={template.id} value={template.id}>
                    {template.name} (from {template.fromKey})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SaveRow
            label="Start from this template"
            busy={saving === 'template/apply'}
            outcome={templateCommand.outcome}
            onClick={() => void templateCommand.run({ templateId })}
          />
        </fieldset>
      )}
      <div className="fp-grid">
        <TextAreaField
          label="Dependencies"
          hint='One per line, or "none".'
          value={dependencies}
          onChange={setDependencies}
          rows={3}
          disabled={disabled}
        />
        <fieldset className="fp-fieldset">
          <legend>Approval path</legend>
          {approvers.length === 0 && <p className="fp-muted">No approvers yet.</p>}
          <ul className="fp-approvers" aria-label="Approvers">
            {approvers.map((approver, index) => (
              <li key={`${approver.accountId}-${index}`}>
                <span>
                  {nameOf(view.people, approver.accountId)} <span className="fp-muted">({roleName(approver.role)})</span>
                </span>
                {!disabled && (
                  <button
                    type="button"
                    className="fp-picker-option"
                    onClick={() => setApprovers(approvers.filter((_, position) => position !== index))}
                  >
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          {!disabled && (
            <div className="fp-button-row">
              <Field label="Role">
                {(id) => (
                  <select id={id} className="fp-input" value={role} onChange={(event) => setRole(event.target.value)}>
                    {view.roles.map((option) => (
                      <option key={option.key} value={option.key}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                label="Approver"
                {...(candidates.length === 0 ? { hint: 'Nobody else is in this role: an admin names its members.' } : {})}
              >
                {(id, describedBy) => (
                  <select
                    id={id}
                    aria-describedby={describedBy}
                    className="fp-input"
                    value={member}
                    disabled={candidates.length === 0}
                    onChange={(event) => setMember(event.target.value)}
                  >
                    {candidates.map((accountId) => (
                      <option key={accountId} value={accountId}>
                        {nameOf(view.people, accountId)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Button
                isDisabled={candidates.length === 0}
                onClick={() =>
                  setApprovers([...approvers, { accountId: candidates.includes(member) ? member : (candidates[0] ?? member), role }])
                }
              >
                Add approver
              </Button>
            </div>
          )}
        </fieldset>
        <div className="fp-field-group">
          <Field
            label="UTM campaign key"
            hint={
              keyFixed
                ? "Fixed since launch: its links carry it as utm_campaign, and its outcome is judged on this campaign's figures."
                : keyNotTheirs
                  ? "Set only by the request's owner (its assignee) or a triage lead: the campaign decides whose figures judge this request."
                  : "Lowercase letters, digits and hyphens; every tracked link's utm_campaign and every asset name carry it."
            }
            error={keyProblem === null ? null : sentenceCase(keyProblem)}
          >
            {(id, describedBy, invalid) => (
              <input
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className="fp-input"
                value={campaignKey}
                disabled={disabled || keyLocked}
                onChange={(event) => setCampaignKey(event.target.value)}
              />
            )}
          </Field>
          {keyProblem !== null && slug !== '' && !disabled && !keyLocked && (
            <Button onClick={() => setCampaignKey(slug)}>Use {slug}</Button>
          )}
        </div>
        <Field label="CRM campaign / routing">
          {(id) => (
            <input
              id={id}
              className="fp-input"
              value={crmCampaign}
              disabled={disabled}
              onChange={(event) => setCrmCampaign(event.target.value)}
            />
          )}
        </Field>
        <TextAreaField label="Tracked events" hint="One per line." value={events} onChange={setEvents} disabled={disabled} />
        <TextAreaField label="Launch criteria" value={launchCriteria} onChange={setLaunchCriteria} disabled={disabled} />
        <TextAreaField label="Definition of done" value={definitionOfDone} onChange={setDefinitionOfDone} disabled={disabled} />
      </div>
      {view.canEdit && <SaveRow label="Save plan" busy={saving === 'plan/update'} outcome={command.outcome} onClick={submit} />}
    </Section>
  );
};
