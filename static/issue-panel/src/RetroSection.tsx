import { useState } from 'react';
import type { OutcomeResult } from '../../../src/domain/flight-plan-record';
import { suggestedTemplateName } from '../../../src/domain/templates';
import type { PanelView } from './api';
import type { Save } from './use-panel';
import { Field, SaveRow, Section, useCommand } from './ui';
import { TextAreaField } from '../../shared/components';

const QUESTIONS = [
  ['slowedDown', 'What slowed us down?'],
  ['rework', 'What required rework?'],
  ['broke', 'What broke?'],
  ['template', 'What should become a template?'],
] as const;

export const RetroSection = ({ view, save, saving }: { view: PanelView; save: Save; saving: string | null }) => {
  const { retrospective } = view.record;
  const command = useCommand(save, 'retro/answer');
  const [answers, setAnswers] = useState<Record<string, string>>(
    Object.fromEntries(QUESTIONS.map(([key]) => [key, retrospective[key] ?? ''])),
  );
  const [result, setResult] = useState<OutcomeResult | ''>(retrospective.outcome?.result ?? '');
  const [actual, setActual] = useState(retrospective.outcome?.actual ?? '');
  const disabled = !view.canEdit;
  const answered = QUESTIONS.filter(([key]) => (retrospective[key] ?? '') !== '').length;
  const templateCommand = useCommand(save, 'template/save');
  // Until someone types a name, the retrospective's saved answer to "What should become a template?" suggests one.
  const [typedName, setTypedName] = useState<string | null>(null);
  const templateName = typedName ?? suggestedTemplateName(retrospective.template);
  const finished = view.stage === 'measure' || view.stage === 'done';
  return (
    <Section title="Retrospective" summary={`${answered} of ${QUESTIONS.length} answered`}>
      <div className="fp-grid">
        {QUESTIONS.map(([key, question]) => (
          <TextAreaField
            key={key}
            label={question}
            value={answers[key] ?? ''}
            onChange={(text) => setAnswers({ ...answers, [key]: text })}
            disabled={disabled}
          />
        ))}
        <Field label={`Outcome against "${view.facts.successMetric || 'the success metric'}"`}>
          {(id) => (
            <select
              id={id}
              className="fp-input"
              value={result}
              disabled={disabled}
              onChange={(event) => setResult(event.target.value as OutcomeResult | '')}
            >
              <option value="">not yet measured</option>
              <option value="attained">attained</option>
              <option value="partly">partly attained</option>
              <option value="missed">missed</option>
            </select>
          )}
        </Field>
        <Field label="Actual figure">
          {(id) => (
            <input id={id} className="fp-input" value={actual} disabled={disabled} onChange={(event) => setActual(event.target.value)} />
          )}
        </Field>
      </div>
      {view.canEdit && (
        <SaveRow
          label="Save retrospective"
          busy={saving === 'retro/answer'}
          outcome={command.outcome}
          onClick={() =>
            void command.run({
              ...Object.fromEntries(QUESTIONS.flatMap(([key]) => (answers[key]?.trim() ? [[key, answers[key].trim()]] : []))),
              ...(result && actual.trim() ? { outcome: { result, actual: actual.trim() } } : {}),
            })
          }
        />
      )}
      {view.canEdit && finished && (
        <fieldset className="fp-fieldset">
          <legend>Save as template</legend>
          <Field
            label="Template name"
            hint={`Keeps the plan items, asset types and specs, and QA notes for the next request${retrospective.template?.trim() ? ', with the answer to "What should become a template?" as its reason' : ''}`}
          >
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                className="fp-input"
                value={templateName}
                onChange={(event) => setTypedName(event.target.value)}
              />
            )}
          </Field>
          <SaveRow
            label="Save as template"
            busy={saving === 'template/save'}
            outcome={templateCommand.outcome}
            onClick={() => void templateCommand.run({ name: templateName })}
          />
        </fieldset>
      )}
    </Section>
  );
};
