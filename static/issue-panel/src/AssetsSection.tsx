import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { useState } from 'react';
import type { Asset } from '../../../src/domain/flight-plan-record';
import { checkAssetName } from '../../../src/domain/naming-check';
import { linkShown } from '../../../src/domain/utm-check';
import type { PanelView } from './api';
import { rememberSectionOpen, sectionOpen } from './panel-memory';
import type { Save } from './use-panel';
import { Field, OutcomeMessage, SaveRow, Section, linesOf, useCommand } from './ui';
import { formatInstant, nameOf } from './words';
import { TextAreaField } from '../../shared/components';

/** The naming check as the user types: the same domain function the build gate runs. */
const NameField = ({
  view,
  value,
  onChange,
  label = 'Name',
}: {
  view: PanelView;
  value: string;
  onChange: (name: string) => void;
  label?: string;
}) => {
  const problems = value.trim() === '' ? [] : checkAssetName(value.trim(), view.record.plan.tracking.campaignKey, view.naming);
  const pattern = view.record.plan.tracking.campaignKey
    ? view.naming.pattern.replace('{campaign}', view.record.plan.tracking.campaignKey)
    : view.naming.pattern;
  return (
    <Field
      label={label}
      hint={problems.length === 0 ? `Pattern: ${pattern}` : undefined}
      error={problems.map((problem) => problem.message).join('; ') || null}
    >
      {(id, describedBy) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={problems.length > 0}
          className="fp-input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
};

const AssetEditor = ({ view, asset, save, saving }: { view: PanelView; asset: Asset; save: Save; saving: string | null }) => {
  const command = useCommand(save, 'asset/update');
  const retire = useCommand(save, 'asset/retire');
  const [name, setName] = useState(asset.name);
  const [copy, setCopy] = useState(asset.copy);
  const [urls, setUrls] = useState(asset.trackedUrls.join('\n'));
  const utmProblems = view.utm.problems.filter((problem) => problem.asset === asset.name);
  return (
    <li className="fp-asset">
      <div className="fp-asset-head">
        <strong>{asset.name}</strong>
        <span className="fp-muted">
          {asset.type} · {asset.spec}
        </span>
        <Lozenge appearance={asset.readyForReview ? 'success' : 'default'}>
          {asset.readyForReview ? 'ready for review' : 'in progress'}
        </Lozenge>
      </div>
      {asset.previousNames.length > 0 && <p className="fp-muted">Earlier names: {asset.previousNames.join(' → ')}</p>}
      {utmProblems.length > 0 && (
        <ul className="fp-problems" aria-label={`UTM problems on ${asset.name}`}>
          {utmProblems.map((problem) => (
            <li key={`${problem.url}-${problem.code}-${problem.message}`}>
              {problem.link === null ? '' : `Link ${problem.link} (${linkShown(problem.url)}): `}
              {problem.message}
            </li>
          ))}
        </ul>
      )}
      {view.canEdit && (
        <details
          className="fp-asset-edit"
          open={sectionOpen(`asset ${asset.id}`) ?? false}
          onToggle={(event) => rememberSectionOpen(`asset ${asset.id}`, event.currentTarget.open)}
        >
          <summary>Edit {asset.name}</summary>
          <NameField view={view} value={name} onChange={setName} label="Rename to" />
          <TextAreaField label="Copy" hint="Scanned against the compliance lexicon." value={copy} onChange={setCopy} rows={3} />
          <TextAreaField
            label="Tracked links"
            hint="One URL per line, with utm_source, utm_medium and utm_campaign."
            value={urls}
            onChange={setUrls}
          />
          <div className="fp-button-row">
            <Button
              appearance="primary"
              isLoading={saving === 'asset/update'}
              onClick={() =>
                void command.run({
                  assetId: asset.id,
                  ...(name.trim() !== asset.name ? { name: name.trim() } : {}),
                  copy,
                  trackedUrls: linesOf(urls),
                })
              }
            >
              Save asset
            </Button>
            <Button onClick={() => void command.run({ assetId: asset.id, readyForReview: !asset.readyForReview })}>
              {asset.readyForReview ? 'Mark in progress' : 'Mark ready for review'}
            </Button>
          </div>
          <OutcomeMessage outcome={command.outcome} />
          <div className="fp-button-row">
            <Button appearance="subtle" isLoading={saving === 'asset/retire'} onClick={() => void retire.run({ assetId: asset.id })}>
              Retire {asset.name}
            </Button>
            <span className="fp-muted">Takes it off the register: kept in this request&apos;s history, counted by no gate.</span>
          </div>
          <OutcomeMessage outcome={retire.outcome} />
        </details>
      )}
    </li>
  );
};

export const AssetsSection = ({ view, save, saving }: { view: PanelView; save: Save; saving: string | null }) => {
  const command = useCommand(save, 'asset/add');
  const restore = useCommand(save, 'asset/restore');
  const [type, setType] = useState('');
  const [spec, setSpec] = useState('');
  const [name, setName] = useState('');
  const [urls, setUrls] = useState('');
  const { assets } = view.record;
  const retired = view.record.retiredAssets ?? [];
  const add = async () => {
    const added = await command.run({ type: type.trim(), spec: spec.trim(), name: name.trim(), trackedUrls: linesOf(urls) });
    if (added) {
      setType('');
      setSpec('');
      setName('');
      setUrls('');
    }
  };
  return (
    <Section title="Assets" summary={`${assets.length} asset${assets.length === 1 ? '' : 's'}`}>
      {assets.length === 0 ? (
        <p className="fp-muted">No assets yet. The planning gate needs at least one, with its type and spec.</p>
      ) : null}
      <ul className="fp-assets">
        {assets.map((asset) => (
          <AssetEditor key={`${asset.id}-${view.record.revision}`} view={view} asset={asset} save={save} saving={saving} />
        ))}
      </ul>
      {retired.length > 0 && (
        <div data-testid="retired-assets">
          <h4>Retired</h4>
          <ul className="fp-list">
            {retired.map((asset) => (
              <li key={asset.id}>
                {asset.name}{' '}
                <span className="fp-muted">
                  (retired by {nameOf(view.people, asset.retiredBy)}, {formatInstant(asset.retiredAt)})
                </span>
                {view.canEdit && (
                  <Button
                    appearance="subtle"
                    isLoading={saving === 'asset/restore'}
                    onClick={() => void restore.run({ assetId: asset.id })}
                  >
                    Restore {asset.name}
                  </Button>
                )}
              </li>
            ))}
          </ul>
          <OutcomeMessage outcome={restore.outcome} />
        </div>
      )}
      {view.canEdit && (
        <fieldset className="fp-fieldset">
          <legend>Add an asset</legend>
          <div className="fp-grid">
            <Field label="Type" hint="email, social, landing, banner…">
              {(id, describedBy) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  className="fp-input"
                  value={type}
                  onChange={(event) => setType(event.target.value)}
                />
              )}
            </Field>
            <Field label="Spec">
              {(id) => <input id={id} className="fp-input" value={spec} onChange={(event) => setSpec(event.target.value)} />}
            </Field>
            <NameField view={view} value={name} onChange={setName} />
            <TextAreaField label="Tracked links" hint="One URL per line." value={urls} onChange={setUrls} />
          </div>
          <SaveRow label="Add asset" busy={saving === 'asset/add'} outcome={command.outcome} onClick={() => void add()} />
        </fieldset>
      )}
    </Section>
  );
};
