import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useId, useState, type ReactNode } from 'react';
import type { CommandFields, CommandKey } from './api';
import { rememberedOutcome, rememberOutcome, rememberSectionOpen, sectionOpen } from './panel-memory';
import type { Save, SaveOutcome } from './use-panel';

/** A titled part of the panel, collapsible, announced to screen readers by its heading; it stays as the person left it. */
export const Section = ({
  title,
  summary,
  children,
  defaultOpen = false,
}: {
  title: string;
  summary?: ReactNode;
  children: ReactNode;
  defaultOpen?: boolean;
}) => {
  const headingId = useId();
  return (
    <details
      className="fp-section"
      open={sectionOpen(title) ?? defaultOpen}
      onToggle={(event) => rememberSectionOpen(title, event.currentTarget.open)}
    >
      <summary>
        <h3 id={headingId}>{title}</h3>
        {summary !== undefined && <span className="fp-section-summary">{summary}</span>}
      </summary>
      <div role="group" aria-labelledby={headingId} className="fp-section-body">
        {children}
      </div>
    </details>
  );
};

export { Field } from '../../shared/components';

/** A form's save button with the server's refusal shown beside it. */
export const useCommand = <Key extends CommandKey>(save: Save, key: Key) => {
  const [outcome, setOutcome] = useState<SaveOutcome | null>(() => rememberedOutcome(key));
  const run = async (fields: CommandFields<Key>): Promise<boolean> => {
    const result = await save(key, fields);
    rememberOutcome(key, result);
    setOutcome(result);
    return result.ok;
  };
  return {
    run,
    outcome,
    clear: () => {
      rememberOutcome(key, null);
      setOutcome(null);
    },
  };
};

/** What the server said of the last save: its refusal in full, or a short "Saved". */
export const OutcomeMessage = ({ outcome }: { outcome: SaveOutcome | null }) =>
  outcome === null ? null : outcome.ok ? (
    <span className="fp-saved" role="status">
      Saved
    </span>
  ) : (
    <div className="fp-save-error" role="alert">
      <SectionMessage appearance="error">{outcome.message}</SectionMessage>
    </div>
  );

export const SaveRow = ({
  label,
  busy,
  disabled,
  outcome,
  onClick,
}: {
  label: string;
  busy: boolean;
  disabled?: boolean;
  outcome: SaveOutcome | null;
  onClick: () => void;
}) => (
  <div className="fp-save-row">
    <Button appearance="primary" isLoading={busy} isDisabled={disabled === true} onClick={onClick}>
      {label}
    </Button>
    <OutcomeMessage outcome={outcome} />
  </div>
);

/** Lines of a textarea as a list, blank lines dropped. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
