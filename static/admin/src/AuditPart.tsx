import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { invoke } from '@forge/bridge';
import { useState } from 'react';
import type { Envelope } from '../../../src/contracts/resolver-contract';
import { GATE_ITEM_CODES, GATE_ITEMS } from '../../../src/domain/gates/gate-items';
import { auditCsv, previousQuarter, quarterOf, type Quarter } from '../../../src/domain/quarterly-audit';
import { STAGE_LABELS } from '../../../src/domain/stages';
import type { AuditView } from '../../../src/use-cases/quarterly-audit';

const recentQuarters = (): Quarter[] => {
  const quarters: Quarter[] = [quarterOf(new Date())];
  while (quarters.length < 4) quarters.push(previousQuarter(quarters.at(-1)!));
  return quarters;
};

/** The quarterly workflow audit: process drift against the previous quarter, and its CSV. */
export const AuditPart = () => {
  const quarters = recentQuarters();
  const [quarter, setQuarter] = useState<Quarter>(quarters[0]!);
  const [view, setView] = useState<AuditView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await invoke<Envelope<AuditView>>('audit/get', { quarter });
      if (answer.ok) setView(answer.data);
      else setProblem(answer.error.message);
    } finally {
      setBusy(false);
    }
  };

  const rows = (audit: AuditView['audit']): [string, string | number, string | number][] => [
    ['Gate blocks', audit.current.gateBlocks, audit.previous.gateBlocks],
    ...GATE_ITEM_CODES.filter((code) => audit.current.gateBlocksByItem[code] || audit.previous.gateBlocksByItem[code]).map(
      (code): [string, number, number] => [`  ${GATE_ITEMS[code].label}`, audit.current.gateBlocksByItem[code] ?? 0, audit.previous.gateBlocksByItem[code] ?? 0],
    ),
    ['Tier downgrades', audit.current.tierDowngrades.length, audit.previous.tierDowngrades.length],
    ['Waivers and approved lexicon hits', audit.current.waivers.length, audit.previous.waivers.length],
    ['Revisions', audit.current.revisions, audit.previous.revisions],
    ['QA returns', audit.current.qaReturns, audit.previous.qaReturns],
    ['Transitions that skipped a stage', audit.current.skippedStages.length, audit.previous.skippedStages.length],
    ['SLA breaches', audit.current.slaBreaches, audit.previous.slaBreaches],
    ['Launches', audit.current.launched, audit.previous.launched],
    ['Bottleneck stage', audit.current.bottleneck ? STAGE_LABELS[audit.current.bottleneck] : '—', audit.previous.bottleneck ? STAGE_LABELS[audit.previous.bottleneck] : '—'],
  ];

  return (
    <div className="fp-audit-report">
      <div className="fp-audit-controls">
        <label>
          Quarter{' '}
          <select className="fp-input" value={quarter} onChange={(event) => setQuarter(event.target.value as Quarter)}>
            {quarters.map((candidate) => (
              <option key={candidate} value={candidate}>
                {candidate}
              </option>
            ))}
          </select>
        </label>
        <Button isLoading={busy} onClick={() => void show()}>
          Show the audit
        </Button>
      </div>
      {problem && <SectionMessage appearance="error">{problem}</SectionMessage>}
      {view && (
        <>
          <table className="fp-matrix" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">{view.audit.quarter}</th>
                <th scope="col">{view.audit.previousQuarter}</th>
              </tr>
            </thead>
            <tbody>
              {rows(view.audit).map(([label, current, previous]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{current}</td>
                  <td>{previous}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {[...view.audit.current.tierDowngrades, ...view.audit.current.waivers].length > 0 && (
            <ul className="fp-changes">
              {[...view.audit.current.tierDowngrades, ...view.audit.current.waivers].map((event) => (
                <li key={`${event.key}-${event.at}`}>
                  {event.key}, {event.at.slice(0, 10)}, by {view.people[event.by] ?? event.by}: {event.detail}
                </li>
              ))}
            </ul>
          )}
          <p className="fp-muted">
            Gate validators missing from a set-up workflow are not checked yet: that needs Set up project.
            {view.unreadableEntries > 0 ? ` ${view.unreadableEntries} unreadable stored entries were left out.` : ''}
          </p>
          <label className="fp-field">
            CSV (copy it into a spreadsheet)
            <textarea className="fp-input fp-code" rows={8} readOnly value={auditCsv(view.audit)} />
          </label>
        </>
      )}
    </div>
  );
};
