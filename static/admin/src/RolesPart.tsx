import { useState } from 'react';
import {
  COMPLIANCE_ROLE,
  figureReporters,
  FIGURES_ROLE_LABEL,
  type AppConfig,
  type ApproverRoleConfig,
} from '../../../src/domain/app-config';
import { PersonPicker } from '../../shared/PersonPicker';
import { searchPeople } from './api';
import { errorAt, Labelled, NumberField } from './fields';
import type { SectionProps } from './sections';

type Names = Readonly<Record<string, string>>;

/** A role's members by name, each with a Remove button, and the picker that adds one. */
const Members = ({
  label,
  members,
  names,
  error,
  onChange,
  onNamed,
}: {
  label: string;
  members: readonly string[];
  names: Names;
  error: string | null;
  onChange: (members: string[]) => void;
  onNamed: (accountId: string, name: string) => void;
}) => (
  <div className="fp-role">
    <h3>{label}</h3>
    {members.length === 0 ? (
      <p className="fp-muted">Nobody yet.</p>
    ) : (
      <ul className="fp-members" aria-label={`${label} members`}>
        {members.map((accountId) => (
          <li key={accountId}>
            {names[accountId] ?? 'someone Jira cannot name'}{' '}
            <button
              type="button"
              className="fp-button"
              aria-label={`Remove ${names[accountId] ?? 'this person'} from ${label}`}
              onClick={() => onChange(members.filter((member) => member !== accountId))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    )}
    <PersonPicker
      label={`Add to ${label}`}
      search={searchPeople}
      onPick={(person) => {
        onNamed(person.accountId, person.displayName);
        if (!members.includes(person.accountId)) onChange([...members, person.accountId]);
      }}
    />
    {error && (
      <p className="fp-field-error" role="alert">
        {error}
      </p>
    )}
  </div>
);

/** "Brand review" → "brand-review": the stable key records use for a role an admin adds. */
const keyFor = (label: string): string =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 40);

/**
 * Who may act in each governance role: triage leads and the approver roles, picked by name. Only
 * members count for a role, whatever a request's plan says.
 */
export const RolesSection = ({ draft, change, errors, people }: SectionProps) => {
  const [picked, setPicked] = useState<Names>({});
  const [newRole, setNewRole] = useState('');
  const names = { ...people, ...picked };
  const named = (accountId: string, name: string) => setPicked((known) => ({ ...known, [accountId]: name }));
  const roles = draft.roles;
  const setApprovers = (approvers: readonly ApproverRoleConfig[]) => change({ roles: { ...roles, approvers } });
  const setRole = (index: number, next: Partial<ApproverRoleConfig>) =>
    setApprovers(roles.approvers.map((role, position) => (position === index ? { ...role, ...next } : role)));
  const addRole = () => {
    const label = newRole.trim();
    if (label === '') return;
    setApprovers([...roles.approvers, { key: keyFor(label), label, members: [] }]);
    setNewRole('');
  };
  const approversError = errorAt(errors, 'roles.approvers');
  return (
    <>
      <p className="fp-muted">
        Triage leads decide a request's tier and accept, wait or decline it. Approvers approve in their role. Only the people named here
        count, whatever a request's plan says, and nobody decides or approves on their own request.
      </p>
      <div className="fp-grid">
        <Members
          label="Triage leads"
          members={roles.triageLeads}
          names={names}
          error={errorAt(errors, 'roles.triageLeads')}
          onChange={(triageLeads) => change({ roles: { ...roles, triageLeads } })}
          onNamed={named}
        />
        <div>
          <Members
            label={FIGURES_ROLE_LABEL}
            members={figureReporters(roles)}
            names={names}
            error={errorAt(errors, 'roles.figureReporters')}
            onChange={(members) => change({ roles: { ...roles, figureReporters: members } })}
            onNamed={named}
          />
          <p className="fp-muted">
            {roles.figureReporters === undefined
              ? 'Nobody has been named here yet, so the triage leads enter outcome figures by hand (as on sites set up before this list existed). Adding or removing someone names the people yourself.'
              : "The people who enter a request's outcome figures by hand, on requests assigned to them."}
          </p>
        </div>
        {roles.approvers.map((role, index) => (
          <div key={role.key === '' ? index : role.key}>
            <Members
              label={`${role.label} approvers`}
              members={role.members}
              names={names}
              error={errorAt(errors, `roles.approvers.${index}`)}
              onChange={(members) => setRole(index, { members })}
              onNamed={named}
            />
            {role.key !== COMPLIANCE_ROLE && (
              <button
                type="button"
                className="fp-button"
                onClick={() => setApprovers(roles.approvers.filter((_, position) => position !== index))}
              >
                Remove the {role.label} role
              </button>
            )}
          </div>
        ))}
      </div>
      {approversError !== null && !/^\d/.test(approversError) && (
        <p className="fp-field-error" role="alert">
          {approversError}
        </p>
      )}
      <div className="fp-button-row">
        <Labelled label="New approver role">
          {(id) => <input id={id} className="fp-input" value={newRole} onChange={(event) => setNewRole(event.target.value)} />}
        </Labelled>
        <button type="button" className="fp-button" onClick={addRole}>
          Add the role
        </button>
      </div>
      <NumberField
        label="Shortest justification for a lexicon hit (characters)"
        value={draft.minJustificationLength}
        error={errorAt(errors, 'minJustificationLength')}
        onChange={(minJustificationLength: AppConfig['minJustificationLength']) => change({ minJustificationLength })}
      />
    </>
  );
};
