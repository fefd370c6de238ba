import { useState } from 'react';
import type { ApproverRole } from '../../../src/domain/flight-plan-record';
import type { PanelView } from './api';
import type { Save } from './use-panel';
import { Field, SaveRow, Section, linesOf, useCommand } from './ui';

const ROLES: readonly ApproverRole[] = ['brand', 'compliance', 'legal', 'stakeholder'];

/** Approvers as "accountId role" lines, the role defaulting to stakeholder. */
const approversOf = (text: string) =>
  linesOf(text).map((line) => {
    const [accountId = '', role = 'stakeholder'] = line.split(/\s+/);
    return { accountId, role: (ROLES as readonly string[]).includes(role) ? role : 'stakeholder' };
  });

export const PlanSection = ({ view, save, saving }: { view: PanelView; save: Save; saving: string | null }) => {
  const { plan } = view.record;
  const command = useCommand(save, 'plan/update');
  const [dependencies, setDependencies] = useState(plan.dependencies.join('\n'));
  const [campaignKey, setCampaignKey] = useState(plan.tracking.campaignKey ?? '');
  const [events, setEvents] = useState(plan.tracking.events.join('\n'));
  const [crmCampaign, setCrmCampaign] = useState(plan.tracking.crmCampaign ?? '');
  const [approvers, setApprovers] = useState(plan.approvers.map((approver) => `${approver.accountId} ${approver.role}`).join('\n'));
  const [launchCriteria, setLaunchCriteria] = useState(plan.launchCriteria ?? '');
  const [definitionOfDone, setDefinitionOfDone] = useState(plan.definitionOfDone ?? '');
  const disabled = !view.canEdit;
  const templateCommand = useCommand(save, 'template/apply');
  const [templateId, setTemplateId] = useState(view.templates[0]?.id ?? '');

  const submit = () =>
    void command.run({
      dependencies: linesOf(dependencies),
      tracking: { ...(campaignKey.trim() ? { campaignKey: campaignKey.trim() } : {}), events: linesOf(events), ...(crmCampaign.trim() ? { crmCampaign: crmCampaign.trim() } : {}) },
      approvers: approversOf(approvers),
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
        <Field label="Approval path" hint="One per line: account ID and role (brand, compliance, legal, stakeholder).">
          {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} className="fp-input" rows={3} value={approvers} disabled={disabled} onChange={(event) => setApprovers(event.target.value)} />}
        </Field>
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
