import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ISSUE_TYPE } from '../../../src/domain/project-setup/blueprint';
import { navigate } from './navigation';
import { SCORE_FIELDS, adf, adfText, fieldLabel, loadAppFieldIds, type AppFieldIds } from './fields';
import { ScoreOptions, UserOptions } from './options';
import { JiraRequestError, jira, sandbox, settle, type SandboxUser } from './sandbox-api';

/** Per field id, what the field configuration says of it (the sandbox's `create-form`). */
type CreateForm = Readonly<Record<string, { readonly required: boolean; readonly description: string }>>;

interface ControlProps {
  readonly id: string;
  readonly 'aria-required': boolean;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby'?: string;
}

/** A pre-filled field's value as the dialog's text: Jira's create context gives strings, numbers or ADF. */
const prefilledText = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : value && typeof value === 'object' ? adfText(value) : '';

/**
 * Jira's create dialog for a Marketing Request: the brief and the triage fields. Opened by an app
 * (`CreateIssueModal`), it starts from the app's `prefill` (Jira's create context: field values by field id) and
 * hands the created issue to `onCreated` instead of opening it.
 */
export const CreateDialog = ({
  projectKey,
  users,
  onClose,
  prefill = {},
  onCreated,
}: {
  projectKey: string;
  users: readonly SandboxUser[];
  onClose: () => void;
  prefill?: Readonly<Record<string, unknown>>;
  onCreated?: (created: { readonly id: string; readonly key: string }) => void;
}) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const [ids, setIds] = useState<AppFieldIds | null>(null);
  const [values, setValues] = useState<Record<string, string>>({
    summary: prefilledText(prefill['summary']),
    description: prefilledText(prefill['description']),
    successMetric: '',
    duedate: prefilledText(prefill['duedate']),
    assignee: prefilledText(prefill['assignee']),
    impact: '',
    confidence: '',
    effort: '',
    risk: '',
  });
  const [refusal, setRefusal] = useState<JiraRequestError | null>(null);
  const [form, setForm] = useState<CreateForm | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
    void loadAppFieldIds().then((found) => {
      setIds(found);
      // The app's fields by their site ids, as an app names them in the create context.
      const prefilled = Object.entries(found).filter(([, id]) => prefill[id] !== undefined);
      setValues((current) => ({ ...current, ...Object.fromEntries(prefilled.map(([name, id]) => [name, prefilledText(prefill[id])])) }));
    });
    // The required marks and the lines under the fields come from the field configuration, as in Jira's dialog.
    void sandbox<CreateForm>(
      'GET',
      `create-form?project=${encodeURIComponent(projectKey)}&issueType=${encodeURIComponent(ISSUE_TYPE.name)}`,
    ).then(setForm, () => setForm({ summary: { required: true, description: '' } }));
  }, [projectKey]);

  // From the values as they are when React applies it: the app's pre-filled fields land after the dialog opens, and a
  // field typed meanwhile must not put back the values from before them.
  const set = (name: string) => (event: { target: { value: string } }) => {
    const { value } = event.target;
    setValues((current) => ({ ...current, [name]: value }));
  };

  const submit = async () => {
    if (!ids) return;
    setBusy(true);
    setRefusal(null);
    const { description = '', successMetric = '' } = values;
    const fields: Record<string, unknown> = {
      project: { key: projectKey },
      issuetype: { name: ISSUE_TYPE.name },
      summary: values['summary'],
      ...(description.trim() ? { description: adf(description) } : {}),
      ...(successMetric.trim() ? { [ids.successMetric]: successMetric.trim() } : {}),
      ...(values['duedate'] ? { duedate: values['duedate'] } : {}),
      ...(values['assignee'] ? { assignee: { accountId: values['assignee'] } } : {}),
      ...Object.fromEntries(SCORE_FIELDS.filter((name) => values[name]).map((name) => [ids[name], Number(values[name])])),
    };
    try {
      const created = await jira<{ id: string; key: string }>('POST', '/issue', { fields });
      await settle();
      if (onCreated) {
        onCreated(created);
        return;
      }
      onClose();
      navigate(`/browse/${created.key}`);
    } catch (error) {
      if (error instanceof JiraRequestError) setRefusal(error);
      else throw error;
    } finally {
      setBusy(false);
    }
  };

  /** A field as Jira's Create dialog lays it out: its name, a required mark, the line under it, Jira's refusal of it. */
  const field = (label: string, id: string | undefined, control: (props: ControlProps) => ReactNode) => {
    const marks = id === undefined ? undefined : form?.[id];
    const error = id === undefined ? undefined : refusal?.body.errors[id];
    const controlId = `create-${id ?? label}`;
    // The hint and Jira's refusal are read with the control (aria-describedby), so a screen reader hears the error.
    const notes = [marks?.description ? `${controlId}-hint` : null, error ? `${controlId}-error` : null].filter((note) => note !== null);
    return (
      <div key={label} className="shell-field" data-field={label}>
        <label htmlFor={controlId}>
          {label}
          {marks?.required === true && (
            <span className="shell-required" aria-hidden="true">
              {' '}
              *
            </span>
          )}
        </label>
        {control({
          id: controlId,
          'aria-required': marks?.required === true,
          'aria-invalid': error !== undefined,
          ...(notes.length > 0 ? { 'aria-describedby': notes.join(' ') } : {}),
        })}
        {marks?.description ? (
          <small id={`${controlId}-hint`} className="shell-hint">
            {marks.description}
          </small>
        ) : null}
        {error && (
          <small id={`${controlId}-error`} className="shell-field-error">
            {error}
          </small>
        )}
      </div>
    );
  };

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
        {field('Summary', 'summary', (props) => (
          <input {...props} value={values['summary']} onChange={set('summary')} />
        ))}
        {field('Description (business context)', 'description', (props) => (
          <textarea {...props} rows={4} value={values['description']} onChange={set('description')} />
        ))}
        {field(fieldLabel('successMetric'), ids?.successMetric, (props) => (
          <input
            {...props}
            value={values['successMetric']}
            onChange={set('successMetric')}
            placeholder="e.g. 120 MQLs within 30 days of launch"
          />
        ))}
        <div className="shell-row">
          {field('Due date (requested launch)', 'duedate', (props) => (
            <input {...props} type="date" value={values['duedate']} onChange={set('duedate')} />
          ))}
          {field('Assignee (accountable owner)', 'assignee', (props) => (
            <select {...props} value={values['assignee']} onChange={set('assignee')}>
              <UserOptions users={users} />
            </select>
          ))}
        </div>
        <div className="shell-row">
          {SCORE_FIELDS.map((name) =>
            field(fieldLabel(name), ids?.[name], (props) => (
              <select {...props} value={values[name]} onChange={set(name)}>
                <ScoreOptions />
              </select>
            )),
          )}
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
