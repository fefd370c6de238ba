import type { PanelView } from './api';
import { Section } from './ui';
import { formatInstant, nameOf } from './words';

/** Append-only: who changed what, newest first. */
export const AuditSection = ({ view }: { view: PanelView }) => {
  const entries = [...view.record.audit].reverse();
  return (
    <Section title="Audit trail" summary={`${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}`}>
      {entries.length === 0 ? (
        <p className="fp-muted">Nothing recorded yet.</p>
      ) : (
        <ol className="fp-audit">
          {entries.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <span className="fp-muted">{formatInstant(entry.at)}</span> {entry.detail} <span className="fp-muted">({nameOf(view.people, entry.by)})</span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
};
