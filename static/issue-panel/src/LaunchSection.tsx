import Button from '@atlaskit/button/new';
import Checkbox from '@atlaskit/checkbox';
import Lozenge from '@atlaskit/lozenge';
import { useState } from 'react';
import { OBSERVATION_CHECKPOINTS, type ObservationCheckpoint } from '../../../src/domain/flight-plan-record';
import type { PanelView } from './api';
import { PersonPicker } from '../../shared/PersonPicker';
import { searchPeople } from './api';
import type { Save } from './use-panel';
import { Field, OutcomeMessage, SaveRow, Section, useCommand } from './ui';
import { formatInstant, fromLocalInput, nameOf, toLocalInput, viewerTimeZone } from './words';
import { TextAreaField } from '../../shared/components';

const ObservationRow = ({ view, checkpoint, save }: { view: PanelView; checkpoint: ObservationCheckpoint; save: Save }) => {
  const command = useCommand(save, 'launch/observe');
  const [note, setNote] = useState('');
  const [anomaly, setAnomaly] = useState(false);
  const observation = view.record.launch.observations.find((candidate) => candidate.checkpoint === checkpoint);
  // The schedule comes from the server, on its clock, by the rule the reminders follow.
  const due = view.observations?.find((candidate) => candidate.checkpoint === checkpoint);
  return (
    <li className="fp-observation">
      <strong>+{checkpoint}</strong>{' '}
      {observation ? (
        <>
          <Lozenge appearance="success">recorded</Lozenge>{' '}
          {observation.anomaly === true && (
            <>
              <Lozenge appearance="removed">anomaly</Lozenge>{' '}
            </>
          )}
          {observation.note}{' '}
          <span className="fp-muted">
            ({nameOf(view.people, observation.by)}, {formatInstant(observation.at)})
          </span>
        </>
      ) : (
        <>
          {due?.state === 'overdue' ? (
            <Lozenge appearance="removed">overdue</Lozenge>
          ) : (
            <Lozenge>{due ? `due ${formatInstant(due.dueAt)}` : 'due after launch'}</Lozenge>
          )}
          {view.canEdit && (
            <span className="fp-hit-resolve">
              <input
                aria-label={`Observation at +${checkpoint}`}
                className="fp-input"
                placeholder="What did you see?"
                value={note}
                onChange={(event) => setNote(event.target.value)}
              />
              <Checkbox
                label={`Something went wrong at +${checkpoint} (an anomaly)`}
                isChecked={anomaly}
                onChange={(event) => setAnomaly(event.target.checked)}
              />
              <Button onClick={() => void command.run({ checkpoint, note, anomaly })}>Record</Button>
            </span>
          )}
        </>
      )}
      <OutcomeMessage outcome={command.outcome} />
    </li>
  );
};

/** A date and time in the viewer's own time zone, as the browser's picker takes it. */
const LocalTimeField = ({
  label,
  value,
  disabled,
  onChange,
}: {
  label: string;
  value: string;
  disabled: boolean;
  onChange: (value: string) => void;
}) => (
  <Field label={label} hint={`Your time (${viewerTimeZone()})`}>
    {(id) => (
      <input
        id={id}
        type="datetime-local"
        className="fp-input"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      />
    )}
  </Field>
);

export const LaunchSection = ({ view, save, saving }: { view: PanelView; save: Save; saving: string | null }) => {
  const { launch } = view.record;
  const command = useCommand(save, 'launch/update');
  const waive = useCommand(save, 'launch/waive-observations');
  const [start, setStart] = useState(toLocalInput(launch.window?.start));
  const [end, setEnd] = useState(toLocalInput(launch.window?.end));
  const [owner, setOwner] = useState(launch.monitoringOwnerId ?? '');
  const [people, setPeople] = useState<Readonly<Record<string, string>>>(view.people);
  const [anomalyPlan, setAnomalyPlan] = useState(launch.anomalyPlan ?? '');
  const [waiverReason, setWaiverReason] = useState('');
  const disabled = !view.canEdit;
  return (
    <Section
      title="Launch"
      summary={launch.window ? `${formatInstant(launch.window.start)} → ${formatInstant(launch.window.end)}` : 'no window yet'}
    >
      <div className="fp-grid">
        <LocalTimeField label="Window start" value={start} disabled={disabled} onChange={setStart} />
        <LocalTimeField label="Window end" value={end} disabled={disabled} onChange={setEnd} />
        <div className="fp-field">
          <span className="fp-field-label">Monitoring owner: {owner ? nameOf(people, owner) : 'nobody yet'}</span>
          {!disabled && (
            <PersonPicker
              label="Choose the monitoring owner"
              search={searchPeople}
              onPick={(person) => {
                setPeople({ ...people, [person.accountId]: person.displayName });
                setOwner(person.accountId);
              }}
            />
          )}
        </div>
        <TextAreaField label="Anomaly response plan" value={anomalyPlan} onChange={setAnomalyPlan} disabled={disabled} />
      </div>
      {view.canEdit && (
        <SaveRow
          label="Save launch plan"
          busy={saving === 'launch/update'}
          outcome={command.outcome}
          onClick={() =>
            void command.run({
              ...(start && end ? { window: { start: fromLocalInput(start), end: fromLocalInput(end) } } : {}),
              ...(owner.trim() ? { monitoringOwnerId: owner.trim() } : {}),
              ...(anomalyPlan.trim() ? { anomalyPlan: anomalyPlan.trim() } : {}),
            })
          }
        />
      )}
      <h4>First 72 hours</h4>
      {launch.observationWaiver ? (
        <p>
          <Lozenge appearance="moved">waived</Lozenge> {launch.observationWaiver.reason}
        </p>
      ) : (
        <ul className="fp-observations">
          {OBSERVATION_CHECKPOINTS.map((checkpoint) => (
            <ObservationRow key={checkpoint} view={view} checkpoint={checkpoint} save={save} />
          ))}
        </ul>
      )}
      {view.canEdit && !launch.observationWaiver && view.record.tier === 'low-risk' && (
        <fieldset className="fp-fieldset">
          <legend>Waive the observations (low-risk only)</legend>
          <input
            aria-label="Reason to waive the observations"
            className="fp-input"
            value={waiverReason}
            onChange={(event) => setWaiverReason(event.target.value)}
          />
          <SaveRow
            label="Waive"
            busy={saving === 'launch/waive-observations'}
            outcome={waive.outcome}
            onClick={() => void waive.run({ reason: waiverReason })}
          />
        </fieldset>
      )}
    </Section>
  );
};
