import Button from '@atlaskit/button/new';
import { Field as Labelled } from '../../shared/components';

export { Labelled };

/** Errors by field path ("slaBusinessDays.qa.revenue"), as the server returns them. */
export type FieldErrors = Readonly<Record<string, string>>;

/** The error for a path or anything under it, in words: the path stays a key, never shown. */
export const errorAt = (errors: FieldErrors, path: string): string | null => {
  const exact = errors[path];
  if (exact !== undefined) return exact;
  return Object.entries(errors).find(([key]) => key.startsWith(`${path}.`))?.[1] ?? null;
};

/** A list edited as text, one item per comma or line. */
export const listOf = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

export const TextList = ({
  label,
  hint,
  value,
  error,
  onChange,
  rows,
}: {
  label: string;
  hint?: string;
  value: readonly string[];
  error: string | null;
  onChange: (items: string[]) => void;
  rows?: number;
}) => (
  <Labelled label={label} {...(hint ? { hint } : {})} error={error}>
    {(id, describedBy, invalid) =>
      rows ? (
        <textarea
          id={id}
          className="fp-input"
          rows={rows}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          defaultValue={value.join('\n')}
          onChange={(event) => onChange(listOf(event.target.value))}
        />
      ) : (
        <input
          id={id}
          className="fp-input"
          aria-describedby={describedBy}
          aria-invalid={invalid}
          defaultValue={value.join(', ')}
          onChange={(event) => onChange(listOf(event.target.value))}
        />
      )
    }
  </Labelled>
);

/** A labelled one-line text input with its error in words; `hint` says what it takes. */
export const TextField = ({
  label,
  hint,
  value,
  error,
  onChange,
  maxLength,
}: {
  label: string;
  hint?: string;
  value: string;
  error: string | null;
  onChange: (value: string) => void;
  maxLength?: number;
}) => (
  <Labelled label={label} {...(hint ? { hint } : {})} error={error}>
    {(id, describedBy, invalid) => (
      <input
        id={id}
        className="fp-input"
        aria-describedby={describedBy}
        aria-invalid={invalid}
        {...(maxLength === undefined ? {} : { maxLength })}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    )}
  </Labelled>
);

export const NumberField = ({
  label,
  value,
  error,
  onChange,
  step = 1,
}: {
  label: string;
  value: number;
  error: string | null;
  onChange: (value: number) => void;
  step?: number;
}) => (
  <Labelled label={label} error={error}>
    {(id, describedBy, invalid) => (
      <input
        id={id}
        type="number"
        step={step}
        className="fp-input fp-number"
        aria-describedby={describedBy}
        aria-invalid={invalid}
        value={Number.isNaN(value) ? '' : value}
        onChange={(event) => onChange(event.target.valueAsNumber)}
      />
    )}
  </Labelled>
);

/** A table head from column labels; `removeColumn` adds the column of per-row Remove buttons. */
export const TableHead = ({ columns, removeColumn = false }: { columns: readonly string[]; removeColumn?: boolean }) => (
  <thead>
    <tr>
      {columns.map((column) => (
        <th key={column} scope="col">
          {column}
        </th>
      ))}
      {removeColumn && (
        <th scope="col">
          <span className="fp-visually-hidden">Remove</span>
        </th>
      )}
    </tr>
  </thead>
);

/** One key typed and acted on (a project to set up, a request to repair): Enter or the button submits a key that is not blank. */
export const KeyForm = ({
  id,
  label,
  placeholder,
  value,
  onChange,
  action,
  busy,
  onSubmit,
}: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  action: string;
  busy: boolean;
  onSubmit: () => void;
}) => (
  <form
    className="fp-setup-form"
    onSubmit={(event) => {
      event.preventDefault();
      if (value.trim() !== '') onSubmit();
    }}
  >
    <label htmlFor={id}>{label}</label>
    <input
      id={id}
      className="fp-input fp-setup-key"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      placeholder={placeholder}
      autoComplete="off"
    />
    <Button type="submit" isDisabled={value.trim() === '' || busy}>
      {action}
    </Button>
  </form>
);

/** A row's Remove button, in the column `TableHead`'s `removeColumn` adds; `label` says what it removes. */
export const RemoveCell = ({ label, onRemove }: { label?: string; onRemove: () => void }) => (
  <td>
    <button type="button" className="fp-button" {...(label ? { 'aria-label': label } : {})} onClick={onRemove}>
      Remove
    </button>
  </td>
);
