import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import { callAdmin } from './api';
import { csvRows } from '../../../src/domain/csv';
import { GATE_ITEM_CODES, GATE_ITEMS } from '../../../src/domain/gates/gate-items';
import { auditCsv, OUTCOME_FIGURE_LABELS, previousQuarter, quarterOf, type Quarter } from '../../../src/domain/quarterly-audit';
import { STAGE_LABELS } from '../../../src/domain/stages';
import { percentWords } from '../../../src/domain/percent-words';
import type { AuditView, SetupChecksView } from '../../../src/contracts/views/admin';
import { viewerDate } from '../../shared/viewer-time';
import { nameOf } from '../../shared/people';

const recentQuarters = (): [Quarter, ...Quarter[]] => {
  const latest = quarterOf(new Date());
  const quarters: [Quarter, ...Quarter[]] = [latest];
  for (let last = latest; quarters.length < 4; quarters.push(last)) last = previousQuarter(last);
  return quarters;
};

/** The set-up check as CSV rows under the audit's: findings per project, as things are now. */
const setupCsv = (checks: SetupChecksView | null): string =>
  checks === null || checks.projects.length === 0
    ? ''
    : csvRows(checks.projects.map((check) => ['set-up project findings', check.projectKey, check.findings.length, '']));

/** The quarterly workflow audit: process drift against the previous quarter, and its CSV. */
export const AuditPart = () => {
  const quarters = recentQuarters();
  const [quarter, setQuarter] = useState<Quarter>(quarters[0]);
  const [view, setView] = useState<AuditView | null>(null);
  const [checks, setChecks] = useState<SetupChecksView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const [answer, checked] = await Promise.all([callAdmin('audit/get', { quarter }), callAdmin('setup/check')]);
      if (answer.ok) setView(answer.data);
      else setProblem(answer.error.message);
      if (checked.ok) setChecks(checked.data);
      else setProblem(checked.error.message);
    } finally {
      setBusy(false);
    }
  };

  const rows = (audit: AuditView['audit']): [string, string | number, string | number][] => [
    ['Gate blocks', audit.current.gateBlocks, audit.previous.gateBlocks],
    ...GATE_ITEM_CODES.filter((code) => audit.current.gateBlocksByItem[code] || audit.previous.gateBlocksByItem[code]).map(
      (code): [string, number, number] => [
        `  ${GATE_ITEMS[code].label}`,
        audit.current.gateBlocksByItem[code] ?? 0,
        audit.previous.gateBlocksByItem[code] ?? 0,
      ],
    ),
    ['Tier downgrades', audit.current.tierDowngrades.length, audit.previous.tierDowngrades.length],
    ['Waivers and approved lexicon hits', audit.current.waivers.length, audit.previous.waivers.length],
    ['Revisions', audit.current.revisions, audit.previous.revisions],
    ['QA returns', audit.current.qaReturns, audit.previous.qaReturns],
    ['Transitions that skipped a stage', audit.current.skippedStages.length, audit.previous.skippedStages.length],
    ['SLA breaches', audit.current.slaBreaches, audit.previous.slaBreaches],
    ['Launches', audit.current.launched, audit.previous.launched],
    ...outcomeRows(audit),
    ['Launches that used an approved claim', audit.current.library.launches, audit.previous.library.launches],
    ['Approved claims reused', audit.current.library.claimsReused, audit.previous.library.claimsReused],
    ['Lexicon approvals the library saved', audit.current.library.approvalsSaved, audit.previous.library.approvalsSaved],
    ['Approvals given', audit.current.approvals.made, audit.previous.approvals.made],
    ['Approvals made out of date by a change of the content', audit.current.approvals.madeStale, audit.previous.approvals.madeStale],
    ...approvalWaitRows(audit),
    ['Requests whose approvals were reminded', audit.current.approvals.remindedRequests, audit.previous.approvals.remindedRequests],
    [
      'Requests whose approvals were escalated to a triage lead',
      audit.current.approvals.escalatedRequests,
      audit.previous.approvals.escalatedRequests,
    ],
    [
      'Bottleneck stage',
      audit.current.bottleneck ? STAGE_LABELS[audit.current.bottleneck] : '—',
      audit.previous.bottleneck ? STAGE_LABELS[audit.previous.bottleneck] : '—',
    ],
  ];

  /** What the quarter's launches delivered: targets met, and the outcome figures. */
  const outcomeRows = (audit: AuditView['audit']): [string, string, string][] => {
    const judged = (figures: AuditView['audit']['current']['outcomes']) => {
      const of = figures.attained + figures.partly + figures.missed;
      return of === 0
        ? `none judged yet${figures.notYetJudged > 0 ? ` (${figures.notYetJudged} waiting)` : ''}`
        : `${figures.attained} of ${of} attained, ${figures.partly} partly, ${figures.missed} missed`;
    };
    const figure = (name: (typeof OUTCOME_FIGURE_LABELS)[number][0], value: number | null): string => {
      if (value === null) return '—';
      if (name === 'attainmentRate') return percentWords(value);
      if (name === 'conversionVelocityDays') return `${Math.round(value * 10) / 10} day${value === 1 ? '' : 's'}`;
      return value.toLocaleString('en-US', { maximumFractionDigits: value < 100 ? 2 : 0 });
    };
    return [
      ['Success metric targets', judged(audit.current.outcomes), judged(audit.previous.outcomes)],
      ...OUTCOME_FIGURE_LABELS.map(([name, label]): [string, string, string] => [
        `  ${label[0]?.toUpperCase() ?? ''}${label.slice(1)}`,
        figure(name, audit.current.outcomes.summary[name]),
        figure(name, audit.previous.outcomes.summary[name]),
      ]),
    ];
  };

  /** The median wait of each role's approvals, in hours, the roles of either quarter. */
  const approvalWaitRows = (audit: AuditView['audit']): [string, string | number, string | number][] => {
    const roles = [...new Set([...audit.current.approvals.waitByRole, ...audit.previous.approvals.waitByRole].map((wait) => wait.role))];
    const median = (figures: AuditView['audit']['current'], role: string) => {
      const wait = figures.approvals.waitByRole.find((candidate) => candidate.role === role);
      return wait === undefined ? '—' : `${wait.medianHours} h (${wait.approvals} approval${wait.approvals === 1 ? '' : 's'})`;
    };
    return roles.map((role) => [
      `  Median wait of ${view?.roleLabels[role] ?? role} approvals`,
      median(audit.current, role),
      median(audit.previous, role),
    ]);
  };

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
                  {event.key}, {viewerDate(event.at)}, by {nameOf(view.people, event.by)}: {event.detail}
                </li>
              ))}
            </ul>
          )}
          {view.unreadableEntries > 0 && <p className="fp-muted">{view.unreadableEntries} unreadable stored entries were left out.</p>}
          {checks && (
            <table className="fp-matrix" data-testid="setup-checks">
              <caption>Set-up projects as they are now: gate validators and schemes</caption>
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Set up</th>
                  <th scope="col">Findings</th>
                </tr>
              </thead>
              <tbody>
                {checks.projects.length === 0 && (
                  <tr>
                    <td colSpan={3}>No project has been set up by Flight Plan yet.</td>
                  </tr>
                )}
                {checks.projects.map((check) => (
                  <tr key={check.projectKey}>
                    <th scope="row">{check.projectKey}</th>
                    <td>
                      {viewerDate(check.setUpAt)}, by {nameOf(checks.people, check.setUpBy)}
                    </td>
                    <td>
                      {check.findings.length === 0 ? (
                        'Every gate validator in place'
                      ) : (
                        <ul>
                          {check.findings.map((finding) => (
                            <li key={finding}>{finding}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <label className="fp-field">
            CSV (copy it into a spreadsheet)
            <textarea
              className="fp-input fp-code"
              rows={8}
              readOnly
              value={auditCsv(view.audit, (accountId) => nameOf(view.people, accountId)) + setupCsv(checks)}
            />
          </label>
        </>
      )}
    </div>
  );
};
