import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useId, type ReactNode } from 'react';

/**
 * A labelled form field with its hint, or its error in place of the hint, tied to the control
 * by `aria-describedby`. `children` renders the control from the ids it should carry.
 */
export const Field = ({
  label,
  hint,
  error = null,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  children: (id: string, describedBy: string | undefined, invalid: boolean) => ReactNode;
}) => {
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <div className="fp-field">
      <label htmlFor={id}>{label}</label>
      {children(id, error || hint ? noteId : undefined, error !== null)}
      {error ? (
        <p id={noteId} className="fp-field-error" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={noteId} className="fp-field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
};

/** A labelled text box of several lines: a `Field` holding a textarea, its hint or error tied to it. */
export const TextAreaField = ({
  label,
  hint,
  error = null,
  value,
  onChange,
  rows = 2,
  disabled = false,
  code = false,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  value: string;
  onChange: (text: string) => void;
  rows?: number;
  disabled?: boolean;
  /** Set in a fixed-width face, for text pasted from elsewhere (a CSV). */
  code?: boolean;
}) => (
  <Field label={label} {...(hint ? { hint } : {})} error={error}>
    {(id, describedBy, invalid) => (
      <textarea
        id={id}
        className={code ? 'fp-input fp-code' : 'fp-input'}
        rows={rows}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      />
    )}
  </Field>
);

/** What a module says when the bridge call itself failed (the app's functions could not be reached), in place of the browser's words. */
export const APP_UNREACHABLE = 'The app could not be reached. Try again in a moment.';

/** What failed to load, and a way to try again. */
export const LoadFailed = ({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) => (
  <SectionMessage
    appearance="error"
    title={title}
    actions={[
      <Button key="retry" onClick={onRetry}>
        Try again
      </Button>,
    ]}
  >
    <p>{message}</p>
  </SectionMessage>
);
