import { useEffect, useRef, useState } from 'react';
import { navigate } from './navigation';
import { SCORE_FIELDS, adf, fieldLabel, loadAppFieldIds, type AppFieldIds } from './fields';
import { ScoreOptions, UserOptions } from './options';
import { JiraRequestError, jira, settle, type SandboxUser } from './sandbox-api';

/** Jira's create dialog for a Marketing Request: the brief and the triage fields. */
export const CreateDialog = ({
  projectKey,
  users,
  onClose,
}: {
  projectKey: string;
  users: readonly SandboxUser[];
  onClose: () => void;
}) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const [ids, setIds] = useState<AppFieldIds | null>(null);
  const [values, setValues] = useState<Record<string, string>>({
    summary: '',
    description: '',
    successMetric: '',
    duedate: '',
    assignee: '',
    impact: '',
    confidence: '',
    effort: '',
    risk: '',
  });
  const [refusal, setRefusal] = useState<JiraRequestError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
    void loadAppFieldIds().then(setIds);
  }, []);

  const set = (name: string) => (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value });

  const submit = async () => {
    if (!ids) return;
    setBusy(true);
    setRefusal(null);
    const { description = '', successMetric = '' } = values;
    const fields: Record<string, unknown> = {
      project: { key: projectKey },
      issuetype: { name: 'Marketing Request' },
      summary: values['summary'],
      ...(description.trim() ? { description: adf(description) } : {}),
      ...(successMetric.trim() ? { [ids.successMetric]: successMetric.trim() } : {}),
      ...(values['duedate'] ? { duedate: values['duedate'] } : {}),
      ...(values['assignee'] ? { assignee: { accountId: values['assignee'] } } : {}),
      ...Object.fromEntries(SCORE_FIELDS.filter((name) => values[name]).map((name) => [ids[name], Number(values[name])])),
    };
    try {
      const created = await jira<{ key: string }>('POST', '/issue', { fields });
      await settle();
      onClose();
      navigate(`/browse/${created.key}`);
    } catch (error) {
      if (error instanceof JiraRequestError) setRefusal(error);
      else throw error;
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (id: string | undefined): string | undefined => (id === undefined ? undefined : refusal?.body.errors[id]);

  return (
    <dialog ref={dialog} className="shell-dialog" aria-labelledby="create-title" onClose={onClose}>
      <form method="dialog" onSubmit={(event) => (event.preventDefault(), void submit())}>
        <h2 id="create-title">Create Marketing Request</h2>
        {refusal && refusal.body.errorMessages.length > 0 && (
          <div className="shell-error" role="alert" data-testid="create-error">
            {refusal.body.errorMessages.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        )}
        <label>
          Summary *
          <input required value={values['summary']} onChange={set('summary')} aria-invalid={fieldError('summary') !== undefined} />
          {fieldError('summary') && <small className="shell-field-error">{fieldError('summary')}</small>}
        </label>
        <label>
          Description (business context)
          <textarea rows={4} value={values['description']} onChange={set('description')} />
        </label>
        <label>
          {fieldLabel('successMetric')}
          <input value={values['successMetric']} onChange={set('successMetric')} placeholder="e.g. 120 MQLs within 30 days of launch" />
        </label>
        <div className="shell-row">
          <label>
            Due date (requested launch)
            <input type="date" value={values['duedate']} onChange={set('duedate')} />
          </label>
          <label>
            Assignee (accountable owner)
            <select value={values['assignee']} onChange={set('assignee')}>
              <UserOptions users={users} />
            </select>
          </label>
        </div>
        <div className="shell-row">
          {SCORE_FIELDS.map((name) => (
            <label key={name}>
              {fieldLabel(name)}
              <select value={values[name]} onChange={set(name)} aria-invalid={fieldError(ids?.[name]) !== undefined}>
                <ScoreOptions />
              </select>
              {fieldError(ids?.[name]) && <small className="shell-field-error">{fieldError(ids?.[name])}</small>}
            </label>
          ))}
        </div>
        <div className="shell-dialog-actions">
          <button type="button" className="shell-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="shell-button shell-button-primary" disabled={busy || ids === null}>
            Create
          </button>
        </div>
      </form>
    </dialog>
  );
};
