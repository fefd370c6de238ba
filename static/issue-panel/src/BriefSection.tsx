import type { PanelView } from './api';
import { Section } from './ui';
import { formatDay, nameOf } from './words';

/** The brief lives in Jira's own fields (edited in the issue view); the panel shows what the gates read. */
export const BriefSection = ({ view }: { view: PanelView }) => {
  const { facts } = view;
  const rows: [string, string][] = [
    ['Business context', facts.description || '—'],
    ['Success metric', facts.successMetric || '—'],
    ['Requested launch date', facts.dueDate === null ? '—' : formatDay(facts.dueDate)],
    ['Accountable owner', facts.assigneeId === null ? '—' : nameOf(view.people, facts.assigneeId)],
  ];
  return (
    <Section title="Brief" summary={facts.successMetric || 'no success metric'}>
      <dl className="fp-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="fp-muted">Edit these in the issue's fields; the intake gate reads them there.</p>
    </Section>
  );
};
