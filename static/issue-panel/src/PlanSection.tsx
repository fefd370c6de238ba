import { useState } from 'react';
import type { Approver, ApproverRole } from '../../../src/domain/flight-plan-record';
import { PersonPicker } from './PersonPicker';
import type { PanelView } from './api';
import type { Save } from './use-panel';
import { Field, SaveRow, Section, linesOf, nameOf, useCommand } from './ui';

const ROLES: readonly ApproverRole[] = ['brand', 'compliance', 'legal', 'stakeholder'];


export const PlanSection = ({ view, save, saving }: { view: PanelView; save: Save; saving: string | null }) => {
  const { plan } = view.record;
  const command = useCommand(save, 'plan/update');
  const [dependencies, setDependencies] = useState(plan.dependencies.join('\n'));
  const [campaignKey, setCampaignKey] = useState(plan.tracking.campaignKey ?? '');
  const [events, setEvents] = useState(plan.tracking.events.join('\n'));
  const [crmCampaign, setCrmCampaign] = useState(plan.tracking.crmCampaign ?? '');
  const [approvers, setApprovers] = useState<readonly Approver[]>(plan.approvers);
  const [people, setPeople] = useState<Readonly<Record<string, string>>>(view.people);
  const [launchCriteria, setLaunchCriteria] = useState(plan.launchCriteria ?? '');
  const [definitionOfDone, setDefinitionOfDone] = useState(plan.definitionOfDone ?? '');
  const disabled = !view.canEdit;
  const templateCommand = useCommand(save, 'template/apply');
  const [templateId, setTemplateId] = useState(view.templates[0]?.id ?? '');

  const submit = () =>
    void command.run({
      dependencies: linesOf(dependencies),
      tracking: { ...(campaignKey.trim() ? { campaignKey: campaignKey.trim() } : {}), events: linesOf(events), ...(crmCampaign.trim() ? { crmCampaign: crmCampaign.trim() } : {}) },
      approvers,
      ...(launchCriteria.trim() ? { launchCriteria: launchCriteria.trim() } : {}),
      ...(definitionOfDone.trim() ? { definitionOfDone: definitionOfDone.trim() } : {}),
    });

  return (
    <Section title="Plan" summary={plan.tracking.campaignKey ? `campaign ${plan.tracking.campaignKey}` : 'not planned yet'}>
      {view.canEdit && view.templates.length > 0 && view.record.assets.length === 0 && (
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
          <SaveRow label="Start from this template" busy={saving === 'template/apply'} outcome={templateCommand.outcome} onClick={() => void templateCommand.run({ templateId })} />
        </fieldset>
      )}
      <div className="fp-grid">
        <Field label="Dependencies" hint='One per line, or "none".'>
          {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} className="fp-input" rows={3} value={dependencies} disabled={disabled} onChange={(event) => setDependencies(event.target.value)} />}
        </Field>
        <fieldset className="fp-fieldset">
          <legend>Approval path</legend>
          {approvers.length === 0 && <p className="fp-muted">No approvers yet.</p>}
          <ul className="fp-approvers">
            {approvers.map((approver, index) => (
              <li key={`${approver.accountId}-${index}`}>
                <span>{nameOf(people, approver.accountId)}</span>
                <select
                  className="fp-input"
                  aria-label={`Role of ${nameOf(people, approver.accountId)}`}
                  value={approver.role}
                  disabled={disabled}
                  onChange={(event) => setApprovers(approvers.map((candidate, position) => (position === index ? { ...candidate, role: event.target.value as ApproverRole } : candidate)))}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </select>
                {!disabled && (
                  <button type="button" className="fp-picker-option" onClick={() => setApprovers(approvers.filter((_, position) => position !== index))}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          {!disabled && (
            <PersonPicker
              label="Add an approver"
              onPick={(person) => {
                setPeople({ ...people, [person.accountId]: person.displayName });
                setApprovers([...approvers, { accountId: person.accountId, role: 'stakeholder' }]);
              }}
            />
          )}
        </fieldset>
        <Field label="UTM campaign key" hint="Lowercase; every tracked link's utm_campaign must equal it.">
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} className="fp-input" value={campaignKey} disabled={disabled} onChange={(event) => setCampaignKey(event.target.value)} />}
        </Field>
        <Field label="CRM campaign / routing">
          {(id) => <input id={id} className="fp-input" value={crmCampaign} disabled={disabled} onChange={(event) => setCrmCampaign(event.target.value)} />}
        </Field>
        <Field label="Tracked events" hint="One per line.">
          {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} className="fp-input" rows={2} value={events} disabled={disabled} onChange={(event) => setEvents(event.target.value)} />}
        </Field>
        <Field label="Launch criteria">
          {(id) => <textarea id={id} className="fp-input" rows={2} value={launchCriteria} disabled={disabled} onChange={(event) => setLaunchCriteria(event.target.value)} />}
        </Field>
        <Field label="Definition of done">
          {(id) => <textarea id={id} className="fp-input" rows={2} value={definitionOfDone} disabled={disabled} onChange={(event) => setDefinitionOfDone(event.target.value)} />}
        </Field>
      </div>
      {view.canEdit && <SaveRow label="Save plan" busy={saving === 'plan/update'} outcome={command.outcome} onClick={submit} />}
    </Section>
  );
};
