import { useState } from 'react';
import { indicatorKeyFor } from '../../../src/domain/outcomes/metric-sentence';
import { errorAt, RemoveCell, TableHead, TextField } from './fields';
import type { SectionProps } from './sections';

/**
 * The indicators a success metric may name ("400 registrations within 30 days of launch"). A
 * label is what people write; the key behind it never changes, so figures already kept for it
 * stay joined. Saved with the rest of the configuration, which checks every label and key.
 */
export const IndicatorsSection = ({ draft, change, errors }: SectionProps) => {
  const indicators = draft.indicators;
  const [added, setAdded] = useState('');
  const setLabel = (index: number, label: string) =>
    change({ indicators: indicators.map((indicator, position) => (position === index ? { ...indicator, label } : indicator)) });
  const add = () => {
    const label = added.trim();
    if (label === '') return;
    change({ indicators: [...indicators, { key: indicatorKeyFor(label, indicators), label }] });
    setAdded('');
  };
  const listError = errors['indicators'];
  return (
    <>
      <p className="fp-muted">
        A success metric names one of these: &ldquo;400 registrations within 30 days of launch&rdquo;. The intake gate and the check on
        Create accept these words only. Renaming or removing one leaves the requests that already name it to be asked again at their intake
        gate, so run Set up a project again for each project after a change.
      </p>
      <table className="fp-matrix" aria-label="Indicators">
        <TableHead columns={['Indicator, as people write it']} removeColumn />
        <tbody>
          {indicators.map((indicator, index) => {
            const error = errorAt(errors, `indicators.${index}`);
            return (
              <tr key={indicator.key}>
                <td>
                  <input
                    className="fp-input"
                    aria-label={`Indicator ${index + 1}`}
                    aria-invalid={error !== null}
                    value={indicator.label}
                    onChange={(event) => setLabel(index, event.target.value)}
                  />
                  {error && (
                    <span className="fp-field-error" role="alert">
                      {error}
                    </span>
                  )}
                </td>
                <RemoveCell
                  label={`Remove ${indicator.label || `indicator ${index + 1}`}`}
                  onRemove={() => change({ indicators: indicators.filter((_, position) => position !== index) })}
                />
              </tr>
            );
          })}
        </tbody>
      </table>
      {listError && (
        <span className="fp-field-error" role="alert">
          {listError}
        </span>
      )}
      <form
        className="fp-inline-form"
        aria-label="Add an indicator"
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <input
          className="fp-input"
          aria-label="New indicator"
          placeholder="webinar attendees"
          value={added}
          onChange={(event) => setAdded(event.target.value)}
        />
        <button type="submit" className="fp-button">
          Add an indicator
        </button>
      </form>
      <TextField
        label="Currency of money figures"
        hint="Pipeline, revenue and spend are kept and shown in it; a CRM report with amounts in another is refused. An ISO 4217 code: USD, EUR, GBP…"
        value={draft.currency}
        error={errorAt(errors, 'currency')}
        maxLength={3}
        onChange={(currency) => change({ currency: currency.toUpperCase() })}
      />
    </>
  );
};
