import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import type { CrmImportFormat, CrmImportPayload } from '../../../src/contracts/crm-figures.schema';
import type { CrmImportChangeView, CrmImportDoneView, CrmImportPreviewView } from '../../../src/contracts/views/outcomes';
import { SPEND } from '../../../src/domain/outcomes/catalogue';
import { csvHeaderNames } from '../../../src/domain/outcomes/crm-csv';
import { indicatorFigure, indicatorLabel, type Indicator } from '../../../src/domain/outcomes/metric-sentence';
import { calendarDate } from '../../shared/viewer-time';
import { callAdmin } from './api';
import { Labelled, TableHead } from './fields';

const FORMATS: readonly { readonly value: CrmImportFormat; readonly label: string; readonly hint: string }[] = [
  {
    value: 'flight-plan',
    label: 'Flight Plan CSV',
    hint: 'A header campaign,date then indicator keys and spend, one row per campaign and date.',
  },
  {
    value: 'salesforce',
    label: 'Salesforce campaign report',
    hint: 'Columns as Salesforce labels them: Campaign Name, Leads in Campaign, Opportunities in Campaign, Value Opportunities in Campaign, Value Won Opportunities in Campaign, Actual Cost in Campaign.',
  },
  {
    value: 'hubspot',
    label: 'HubSpot campaign export',
    hint: 'Columns as HubSpot names its campaign metrics: Campaign name, New contacts (first touch), Revenue, Total campaign spend.',
  },
  { value: 'custom', label: 'Another report: map its columns', hint: 'Say which column holds the campaign, the date and each figure.' },
];

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string }
  // The report as it was previewed: the import sends exactly that, whatever the form holds by then.
  | { kind: 'previewed'; preview: CrmImportPreviewView; sent: CrmImportPayload }
  | { kind: 'imported'; done: CrmImportDoneView }
  | { kind: 'failed'; message: string };

interface Mapping {
  campaign: string;
  date: string;
  figures: Record<string, string>;
}

/** "leads 120 → 140, spend 500 (the 450 entered by hand still counts)" */
const changeWords = (row: CrmImportChangeView, keys: readonly Indicator[]): string =>
  Object.entries(row.after)
    .filter(([key, value]) => row.before?.[key] !== value)
    .map(([key, value]) => {
      const before = row.before?.[key];
      const figure = indicatorFigure(key, value);
      const byHand = row.keptByHand[key];
      return (
        `${indicatorLabel(key, keys)} ${before === undefined ? figure : `${indicatorFigure(key, before)} → ${figure}`}` +
        (byHand === undefined ? '' : ` (the ${indicatorFigure(key, byHand)} entered by hand still counts)`)
      );
    })
    .join(', ');

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/**
 * Import a CRM campaign report: choose its kind and the file, see what it would change, then import
 * it. Nothing is written until the import, and then only what the preview showed.
 */
export const CrmImportPart = ({ indicators }: { indicators: readonly Indicator[] }) => {
  const [format, setFormat] = useState<CrmImportFormat>('flight-plan');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [asOf, setAsOf] = useState('');
  const [mapping, setMapping] = useState<Mapping>({ campaign: '', date: '', figures: {} });
  const [state, setState] = useState<State>({ kind: 'idle' });
  const columns = file === null ? [] : csvHeaderNames(file.text);
  const figureKeys: readonly Indicator[] = [...indicators, { key: SPEND, label: 'spend' }];

  const payload = (): CrmImportPayload => ({
    csv: file?.text ?? '',
    format,
    fileName: file?.name.slice(0, 120),
    ...(format !== 'flight-plan' && asOf !== '' ? { asOf } : {}),
    ...(format === 'custom' ? { mapping } : {}),
  });

  const preview = async () => {
    setState({ kind: 'busy', label: 'Reading the report…' });
    const sent = payload();
    const answer = await callAdmin('crm/preview', sent);
    setState(answer.ok ? { kind: 'previewed', preview: answer.data, sent } : { kind: 'failed', message: answer.error.message });
  };

  const apply = async (preview: CrmImportPreviewView, sent: CrmImportPayload) => {
    setState({ kind: 'busy', label: 'Importing…' });
    const answer = await callAdmin('crm/import', { ...sent, previewed: preview.previewed });
    setState(answer.ok ? { kind: 'imported', done: answer.data } : { kind: 'failed', message: answer.error.message });
  };

  const chosen = FORMATS.find((option) => option.value === format);
  // A preview shows what the file read with these columns would write: another choice calls for another preview.
  const columnSelect = (id: string, value: string, onChange: (value: string) => void, none: string) => (
    <select
      id={id}
      className="fp-input"
      value={value}
      onChange={(event) => {
        onChange(event.target.value);
        setState({ kind: 'idle' });
      }}
    >
      <option value="">{none}</option>
      {columns.map((column) => (
        <option key={column} value={column}>
          {column}
        </option>
      ))}
    </select>
  );

  return (
    <div className="fp-crm-import">
      <p>
        Figures from your CRM join each campaign's figures by its campaign key (the plan's <code>utm_campaign</code>), where the Outcomes
        gadget and each request's Outcome part read them. Figures entered by hand stay as they are.
      </p>
      <form
        className="fp-crm-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (file) void preview();
        }}
      >
        <Labelled label="Kind of report" {...(chosen ? { hint: chosen.hint } : {})}>
          {(id, describedBy) => (
            <select
              id={id}
              className="fp-input"
              aria-describedby={describedBy}
              value={format}
              onChange={(event) => {
                setFormat(event.target.value as CrmImportFormat);
                setState({ kind: 'idle' });
              }}
            >
              {FORMATS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <Labelled label="CSV file">
          {(id) => (
            <input
              id={id}
              type="file"
              accept=".csv,text/csv"
              onChange={(event) => {
                const chosenFile = event.target.files?.[0];
                setState({ kind: 'idle' });
                if (chosenFile) void chosenFile.text().then((text) => setFile({ name: chosenFile.name, text }));
                else setFile(null);
              }}
            />
          )}
        </Labelled>
        {format !== 'flight-plan' && (
          <Labelled label="Figures as of" hint="For a report without a date column: the day its figures are from.">
            {(id, describedBy) => (
              <input
                id={id}
                type="date"
                className="fp-input"
                aria-describedby={describedBy}
                value={asOf}
                onChange={(event) => {
                  setAsOf(event.target.value);
                  setState({ kind: 'idle' });
                }}
              />
            )}
          </Labelled>
        )}
        {format === 'custom' && file !== null && (
          <fieldset className="fp-crm-mapping">
            <legend>Which column holds what</legend>
            <Labelled label="Campaign">
              {(id) => columnSelect(id, mapping.campaign, (campaign) => setMapping({ ...mapping, campaign }), 'Choose a column')}
            </Labelled>
            <Labelled label="Date">
              {(id) => columnSelect(id, mapping.date, (date) => setMapping({ ...mapping, date }), 'No date column: use the date above')}
            </Labelled>
            {figureKeys.map((indicator) => (
              <Labelled key={indicator.key} label={`${indicator.label[0]?.toUpperCase() ?? ''}${indicator.label.slice(1)}`}>
                {(id) =>
                  columnSelect(
                    id,
                    mapping.figures[indicator.key] ?? '',
                    (column) => setMapping({ ...mapping, figures: { ...mapping.figures, [indicator.key]: column } }),
                    'Not in this report',
                  )
                }
              </Labelled>
            ))}
          </fieldset>
        )}
        <Button type="submit" isDisabled={file === null || state.kind === 'busy'}>
          Preview import
        </Button>
      </form>
      {state.kind === 'busy' && (
        <p role="status" className="fp-muted">
          {state.label}
        </p>
      )}
      {state.kind === 'failed' && (
        <SectionMessage appearance="error" title="Nothing was imported">
          <p>{state.message}</p>
        </SectionMessage>
      )}
      {state.kind === 'imported' && (
        <SectionMessage appearance="success" title="Imported">
          <p role="status">
            {plural(state.done.campaigns, 'campaign')} updated: {plural(state.done.added, 'new date')}, {plural(state.done.changed, 'date')}{' '}
            changed.
          </p>
        </SectionMessage>
      )}
      {state.kind === 'previewed' && <Preview preview={state.preview} onImport={() => void apply(state.preview, state.sent)} />}
    </div>
  );
};

const Preview = ({ preview, onImport }: { preview: CrmImportPreviewView; onImport: () => void }) => {
  const writes = preview.added + preview.changed;
  return (
    <div data-testid="crm-preview">
      <h3>
        {plural(preview.rows, 'row')}: {plural(preview.added, 'new date')}, {plural(preview.changed, 'changed date')},{' '}
        {plural(preview.unchanged, 'date')} already kept
        {preview.emptyRows > 0 ? `, ${plural(preview.emptyRows, 'row')} without figures` : ''}
      </h3>
      {preview.keptByHand > 0 && (
        <SectionMessage appearance="information">
          <p>
            {plural(preview.keptByHand, 'date')} also {preview.keptByHand === 1 ? 'has' : 'have'} a figure entered by hand, which goes on
            counting over the report's, as a figure entered by hand always does. The import keeps the report's figure beside it.
          </p>
        </SectionMessage>
      )}
      <table className="fp-matrix">
        {/* Two columns, the counts under the campaign's name: five did not fit a 360 px frame. */}
        <TableHead columns={['Campaign', 'What changes']} />
        <tbody>
          {preview.campaigns.map((campaign) => (
            <tr key={campaign.campaign}>
              <th scope="row">
                {campaign.campaign}
                {campaign.isNew ? ' (new)' : ''}
                {campaign.replacesUnreadable ? ' (what it kept could not be read: replaced)' : ''}
                <span className="fp-muted fp-crm-counts">
                  {plural(campaign.added, 'new date')}, {campaign.changed} changed, {campaign.unchanged} already kept
                </span>
              </th>
              <td>
                <ul className="fp-crm-changes">
                  {campaign.changes.map((row) => (
                    <li key={row.date}>
                      {calendarDate(row.date)}: {changeWords(row, preview.keys)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.moreCampaigns > 0 && <p className="fp-muted">and {plural(preview.moreCampaigns, 'more campaign')}</p>}
      <Button appearance="primary" isDisabled={writes === 0} onClick={onImport}>
        {writes === 0 ? 'Nothing to import' : `Import ${plural(writes, 'date')}`}
      </Button>
    </div>
  );
};
