import { useState } from 'react';
import type { AppConfig } from '../../../src/domain/app-config';
import { GATE_ITEM_CODES, GATE_ITEMS, GATE_LABELS, GATES } from '../../../src/domain/gates/gate-items';
import { lexiconFromCsv, lexiconToCsv } from '../../../src/domain/lexicon-csv';
import { STAGE_LABELS, STAGES, TRACK_STAGES } from '../../../src/domain/stages';
import { TIER_LABELS, TIERS, type Tier } from '../../../src/domain/tiers';
import { MAX_ROUTING_RULES } from '../../../src/domain/routing';
import { errorAt, Labelled, NumberField, TableHead, TextField, TextList, type FieldErrors } from './fields';
import { PersonPicker } from '../../shared/PersonPicker';
import { searchPeople } from './api';
import { nameOf } from '../../shared/people';
import { TextAreaField } from '../../shared/components';

export interface SectionProps {
  readonly draft: AppConfig;
  readonly change: (next: Partial<AppConfig>) => void;
  readonly errors: FieldErrors;
  /** Names of the accounts the configuration mentions, as Jira gave them. */
  readonly people: Readonly<Record<string, string>>;
}

/** A table head: the row label's column, then one column per tier. */
const TierHeader = ({ first }: { first: string }) => <TableHead columns={[first, ...TIERS.map((tier) => TIER_LABELS[tier])]} />;

export const StatusMapSection = ({ draft, change, errors }: SectionProps) => (
  <div className="fp-grid">
    {STAGES.map((stage) => (
      <TextList
        key={stage}
        label={STAGE_LABELS[stage]}
        hint="Jira status names, separated by commas"
        value={draft.statusMap[stage]}
        error={errorAt(errors, `statusMap.${stage}`)}
        onChange={(names) => change({ statusMap: { ...draft.statusMap, [stage]: names } })}
      />
    ))}
  </div>
);

export const GateMatrixSection = ({ draft, change }: SectionProps) => {
  const toggle = (code: (typeof GATE_ITEM_CODES)[number], tier: Tier, on: boolean) => {
    const tiers = new Set(draft.gateMatrix[code]);
    if (on) tiers.add(tier);
    else tiers.delete(tier);
    change({ gateMatrix: { ...draft.gateMatrix, [code]: TIERS.filter((candidate) => tiers.has(candidate)) } });
  };
  return (
    <table className="fp-matrix">
      <caption className="fp-visually-hidden">Mandatory gate items per tier</caption>
      <TierHeader first="Item" />
      {GATES.map((gate) => (
        <tbody key={gate}>
          <tr>
            <th scope="rowgroup" colSpan={TIERS.length + 1} className="fp-matrix-gate">
              {GATE_LABELS[gate]}
            </th>
          </tr>
          {GATE_ITEM_CODES.filter((code) => GATE_ITEMS[code].gate === gate).map((code) => (
            <tr key={code}>
              <th scope="row">{GATE_ITEMS[code].label}</th>
              {TIERS.map((tier) => (
                <td key={tier}>
                  <input
                    type="checkbox"
                    aria-label={`${GATE_ITEMS[code].label} mandatory for ${TIER_LABELS[tier]}`}
                    checked={draft.gateMatrix[code].includes(tier)}
                    onChange={(event) => toggle(code, tier, event.target.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
};

export const TriageSection = ({ draft, change, errors }: SectionProps) => {
  const { triage, intake } = draft;
  return (
    <div className="fp-grid">
      {(['impact', 'confidence', 'effort'] as const).map((name) => (
        <NumberField
          key={name}
          label={`Weight of ${name}`}
          step={0.1}
          value={triage.weights[name]}
          error={errorAt(errors, `triage.weights.${name}`)}
          onChange={(value) => change({ triage: { ...triage, weights: { ...triage.weights, [name]: value } } })}
        />
      ))}
      <NumberField
        label="Accept at a score of at least"
        value={triage.acceptAtOrAbove}
        error={errorAt(errors, 'triage.acceptAtOrAbove')}
        onChange={(value) => change({ triage: { ...triage, acceptAtOrAbove: value } })}
      />
      <NumberField
        label="Decline below a score of"
        value={triage.declineBelow}
        error={errorAt(errors, 'triage.declineBelow')}
        onChange={(value) => change({ triage: { ...triage, declineBelow: value } })}
      />
      <NumberField
        label="Business context: fewest characters"
        value={intake.minDescriptionLength}
        error={errorAt(errors, 'intake.minDescriptionLength')}
        onChange={(value) => change({ intake: { ...intake, minDescriptionLength: value } })}
      />
      {TIERS.map((tier) => (
        <NumberField
          key={tier}
          label={`Lead time, ${TIER_LABELS[tier]} (business days)`}
          value={intake.leadTimeBusinessDays[tier]}
          error={errorAt(errors, `intake.leadTimeBusinessDays.${tier}`)}
          onChange={(value) => change({ intake: { ...intake, leadTimeBusinessDays: { ...intake.leadTimeBusinessDays, [tier]: value } } })}
        />
      ))}
    </div>
  );
};

export const SlaSection = ({ draft, change, errors }: SectionProps) => (
  <>
    <table className="fp-matrix">
      <caption className="fp-visually-hidden">Stage SLAs in business days, per tier</caption>
      <TierHeader first="Stage" />
      <tbody>
        {TRACK_STAGES.map((stage) => (
          <tr key={stage}>
            <th scope="row">{STAGE_LABELS[stage]}</th>
            {TIERS.map((tier) => {
              const error = errorAt(errors, `slaBusinessDays.${stage}.${tier}`);
              return (
                <td key={tier}>
                  <input
                    type="number"
                    className="fp-input fp-number"
                    aria-label={`SLA of ${STAGE_LABELS[stage]} for ${TIER_LABELS[tier]}, business days`}
                    aria-invalid={error !== null}
                    // The error is read with the cell's control, as a labelled field's is.
                    aria-describedby={error ? `sla-${stage}-${tier}-error` : undefined}
                    title={error ?? undefined}
                    value={Number.isNaN(draft.slaBusinessDays[stage][tier]) ? '' : draft.slaBusinessDays[stage][tier]}
                    onChange={(event) =>
                      change({
                        slaBusinessDays: {
                          ...draft.slaBusinessDays,
                          [stage]: { ...draft.slaBusinessDays[stage], [tier]: event.target.valueAsNumber },
                        },
                      })
                    }
                  />
                  {error && (
                    <span id={`sla-${stage}-${tier}-error`} className="fp-field-error" role="alert">
                      {error}
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
    <TextList
      label="Holidays"
      hint="One date per line, as YYYY-MM-DD; SLAs and lead times skip them"
      rows={3}
      value={draft.holidays}
      error={errorAt(errors, 'holidays')}
      onChange={(holidays) => change({ holidays })}
    />
  </>
);

export const LexiconSection = ({ draft, change, errors }: SectionProps) => {
  const [csv, setCsv] = useState(lexiconToCsv(draft.lexicon));
  const [problem, setProblem] = useState<string | null>(null);
  const importCsv = () => {
    const parsed = lexiconFromCsv(csv);
    if (!parsed.ok) {
      setProblem(parsed.error.message);
      return;
    }
    setProblem(null);
    change({ lexicon: parsed.value });
  };
  return (
    <>
      <p className="fp-muted">
        {draft.lexicon.length} terms. Edit them as CSV (<code>term,category,unless</code>; category is <code>claim</code> or{' '}
        <code>regulated</code>; several unless-phrases are separated by <code>;</code>), then apply. Copy the text to keep it in a
        spreadsheet.
      </p>
      <TextAreaField label="Lexicon as CSV" error={problem ?? errorAt(errors, 'lexicon')} value={csv} onChange={setCsv} rows={10} code />
      <div>
        <button type="button" className="fp-button" onClick={importCsv}>
          Apply the CSV
        </button>
      </div>
    </>
  );
};

export const RulesSection = ({ draft, change, errors }: SectionProps) => (
  <div className="fp-grid">
    <TextField
      label="Asset naming pattern"
      hint="{campaign}, {channel}, {asset} and {n} (the version)"
      value={draft.naming.pattern}
      error={errorAt(errors, 'naming.pattern')}
      onChange={(pattern) => change({ naming: { ...draft.naming, pattern } })}
    />
    <TextList
      label="Forbidden words in asset names"
      value={draft.naming.blacklist}
      error={errorAt(errors, 'naming.blacklist')}
      onChange={(blacklist) => change({ naming: { ...draft.naming, blacklist } })}
    />
    <TextList
      label="Allowed utm_medium values"
      value={draft.utm.allowedMediums}
      error={errorAt(errors, 'utm.allowedMediums')}
      onChange={(allowedMediums) => change({ utm: { allowedMediums } })}
    />
    <TextField
      label="Requests the metrics follow (JQL)"
      value={draft.metricsJql}
      error={errorAt(errors, 'metricsJql')}
      onChange={(metricsJql) => change({ metricsJql })}
    />
    <NumberField
      label="At-risk launches: on-time chance below (%)"
      value={draft.atRiskBelowPercent}
      error={errorAt(errors, 'atRiskBelowPercent')}
      onChange={(atRiskBelowPercent) => change({ atRiskBelowPercent })}
    />
  </div>
);

/** Routing: which person a request goes to when triage accepts it, first matching rule wins; people picked by name. */
export const RoutingSection = ({ draft, change, errors, people }: SectionProps) => {
  const [picked, setPicked] = useState<Readonly<Record<string, string>>>({});
  const rules = draft.routing;
  const set = (index: number, next: Partial<AppConfig['routing'][number]>) =>
    change({
      routing: rules.map((rule, position) => {
        if (position !== index) return rule;
        const merged = { ...rule, ...next };
        // An emptied condition is no condition at all.
        return {
          assigneeId: merged.assigneeId,
          ...(merged.channel?.trim() ? { channel: merged.channel } : {}),
          ...(merged.assetType?.trim() ? { assetType: merged.assetType } : {}),
          ...(merged.alternates && merged.alternates.length > 0 ? { alternates: merged.alternates } : {}),
        };
      }),
    });
  return (
    <>
      <p className="fp-muted">
        When triage accepts a request, the first rule that fits assigns it. A channel matches an issue label or a tracked link's utm_medium;
        an asset type matches one of its assets.
      </p>
      {rules.length === 0 && <p className="fp-muted">No rules yet: accepted requests keep their assignee.</p>}
      {rules.map((rule, index) => {
        const name = `Rule ${index + 1}`;
        const error = errorAt(errors, `routing.${index}`);
        return (
          <fieldset key={index} className="fp-fieldset fp-rule" aria-label={name}>
            <legend>{name}</legend>
            <div className="fp-grid">
              {(['channel', 'assetType'] as const).map((condition) => (
                <Labelled key={condition} label={`${name} ${condition === 'channel' ? 'channel' : 'asset type'}`}>
                  {(id) => (
                    <input
                      id={id}
                      className="fp-input"
                      value={rule[condition] ?? ''}
                      onChange={(event) => set(index, { [condition]: event.target.value })}
                    />
                  )}
                </Labelled>
              ))}
              <div className="fp-field">
                <span className="fp-field-label">Assigns to</span>
                <span data-testid={`routing-${index + 1}-assignee`}>
                  {rule.assigneeId === '' ? 'nobody yet: pick a person' : nameOf({ ...people, ...picked }, rule.assigneeId)}
                </span>
                <PersonPicker
                  label={`Pick who ${name.toLowerCase()} assigns to`}
                  search={searchPeople}
                  onPick={(person) => {
                    setPicked((known) => ({ ...known, [person.accountId]: person.displayName }));
                    set(index, { assigneeId: person.accountId });
                  }}
                />
                {error && (
                  <p className="fp-field-error" role="alert">
                    {error}
                  </p>
                )}
              </div>
              <div className="fp-field">
                <span className="fp-field-label">Shared with (the least loaded of them all gets it)</span>
                {(rule.alternates ?? []).length === 0 ? (
                  <span className="fp-muted">nobody: always the person above</span>
                ) : (
                  <ul aria-label={`People ${name.toLowerCase()} shares with`}>
                    {(rule.alternates ?? []).map((accountId) => (
                      <li key={accountId}>
                        {nameOf({ ...people, ...picked }, accountId)}{' '}
                        <button
                          type="button"
                          className="fp-button"
                          onClick={() => set(index, { alternates: (rule.alternates ?? []).filter((other) => other !== accountId) })}
                        >
                          Remove {nameOf({ ...people, ...picked }, accountId)} from {name.toLowerCase()}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
                <PersonPicker
                  label={`Pick who ${name.toLowerCase()} also shares with`}
                  search={searchPeople}
                  onPick={(person) => {
                    setPicked((known) => ({ ...known, [person.accountId]: person.displayName }));
                    const alternates = rule.alternates ?? [];
                    if (person.accountId !== rule.assigneeId && !alternates.includes(person.accountId))
                      set(index, { alternates: [...alternates, person.accountId] });
                  }}
                />
              </div>
            </div>
            <div>
              <button
                type="button"
                className="fp-button"
                onClick={() => change({ routing: rules.filter((_, position) => position !== index) })}
              >
                Remove {name.toLowerCase()}
              </button>
            </div>
          </fieldset>
        );
      })}
      {errors['routing'] !== undefined && (
        <p className="fp-field-error" role="alert">
          {errors['routing']}
        </p>
      )}
      <div>
        {rules.length < MAX_ROUTING_RULES ? (
          <button type="button" className="fp-button" onClick={() => change({ routing: [...rules, { assigneeId: '' }] })}>
            Add a rule
          </button>
        ) : (
          <p className="fp-muted">That is the most rules there can be ({MAX_ROUTING_RULES}): change or remove one to route differently.</p>
        )}
      </div>
    </>
  );
};
