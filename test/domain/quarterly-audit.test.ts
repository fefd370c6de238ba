import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import type { IssueHistory } from '../../src/domain/metrics/issue-metrics';
import type { CampaignSnapshot } from '../../src/domain/outcomes/snapshots';
import { auditCsv, auditQuartersToPrune, previousQuarter, quarterlyAudit, quarterOf, quarterRange } from '../../src/domain/quarterly-audit';

const at = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);
const NOW = at('2026-07-01');
/** The demo's people by account: the CSV names them. */
const nameOf = (accountId: string): string => ({ 'acc-ops': 'Morgan Ops' })[accountId] ?? accountId;

const history = (
  id: string,
  key: string,
  created: string,
  moves: [string, string, string][],
  tier?: 'revenue' | 'low-risk',
): IssueHistory => ({
  id,
  key,
  createdAt: at(created),
  dueDate: null,
  currentStatus: moves.at(-1)![2],
  changes: moves.map(([day, fromStatus, toStatus]) => ({ at: at(day), fromStatus, toStatus })),
  ...(tier ? { tier } : {}),
});

const HISTORIES = [
  history(
    'A',
    'MKT-1',
    '2026-04-01',
    [
      ['2026-04-02', 'Intake', 'Triage'],
      ['2026-04-10', 'Triage', 'Launch'],
      ['2026-04-12', 'Launch', 'Build'],
      ['2026-04-13', 'Build', 'QA + Governance'],
      ['2026-04-14', 'QA + Governance', 'Build'],
      ['2026-04-15', 'Build', 'QA + Governance'],
      ['2026-04-20', 'QA + Governance', 'Launch'],
    ],
    'revenue',
  ),
  history('B', 'MKT-2', '2026-02-02', [
    ['2026-02-10', 'Intake', 'Launch'],
    ['2026-02-20', 'Launch', 'Done'],
  ]),
];

const DECISIONS = [
  {
    key: 'MKT-1',
    by: 'acc-ops',
    at: '2026-05-01T10:00:00.000Z',
    action: 'tier.lowered',
    detail: 'tier lowered to low-risk: internal promo only',
  },
  {
    key: 'MKT-2',
    by: 'acc-ops',
    at: '2026-03-15T10:00:00.000Z',
    action: 'launch.observations-waived',
    detail: 'observations waived: banner swap',
  },
];

const BLOCKS = [
  { at: at('2026-04-05'), issueId: 'A', items: ['triage.decision' as const] },
  { at: at('2026-05-05'), issueId: 'A', items: ['qa.utm-structured' as const, 'qa.links-functional' as const] },
  { at: at('2026-03-01'), issueId: 'B', items: ['intake.success-metric' as const] },
];

// Q2: MKT-1 used claim-1 twice (2 hits), MKT-3 claims 1 and 2 (3 hits); Q1: MKT-2 claim-2 (1 hit).
const LIBRARY_USES = [
  { key: 'MKT-1', at: at('2026-04-20'), claimIds: ['claim-1'], hitsResolved: 2 },
  { key: 'MKT-3', at: at('2026-06-30'), claimIds: ['claim-1', 'claim-2'], hitsResolved: 3 },
  { key: 'MKT-2', at: at('2026-03-31'), claimIds: ['claim-2'], hitsResolved: 1 },
];

const HOUR = 3_600_000;
// Q2: compliance approved MKT-1 after 2 h and 6 h waits, brand after 30 h; one of them made stale; MKT-1 reminded
// twice and escalated, MKT-3 reminded. Q1: one approval, no wait known.
const APPROVAL_EVENTS = [
  { key: 'MKT-1', at: '2026-04-02T00:00:00.000Z', kind: 'made' as const, role: 'compliance', waitedMs: 2 * HOUR },
  { key: 'MKT-1', at: '2026-04-03T00:00:00.000Z', kind: 'stale' as const, role: 'compliance', waitedMs: null },
  { key: 'MKT-1', at: '2026-04-04T00:00:00.000Z', kind: 'made' as const, role: 'compliance', waitedMs: 6 * HOUR },
  { key: 'MKT-3', at: '2026-05-04T00:00:00.000Z', kind: 'made' as const, role: 'brand', waitedMs: 30 * HOUR },
  { key: 'MKT-1', at: '2026-04-10T00:00:00.000Z', kind: 'reminded' as const, role: 'brand', waitedMs: null },
  { key: 'MKT-1', at: '2026-04-11T00:00:00.000Z', kind: 'reminded' as const, role: 'legal', waitedMs: null },
  { key: 'MKT-1', at: '2026-04-14T00:00:00.000Z', kind: 'escalated' as const, role: 'brand', waitedMs: null },
  { key: 'MKT-3', at: '2026-05-10T00:00:00.000Z', kind: 'reminded' as const, role: 'brand', waitedMs: null },
  { key: 'MKT-2', at: '2026-03-02T00:00:00.000Z', kind: 'made' as const, role: 'compliance', waitedMs: null },
];

// Q2: O-1 attained its 100 leads (120 by 1 May, its window ends 10 May); O-2 shares campaign c1 and missed 300 leads
// (120 by its window's end, under half); O-3's window is still open on 1 July. Q1: O-4 partly attained 50 MQLs (40).
const metric = (indicator: string, target: number) => ({ indicator, target, windowDays: 30 });
const OUTCOME_REQUESTS = [
  { key: 'O-1', campaign: 'c1', metric: metric('leads', 100), launchDate: '2026-04-10' },
  { key: 'O-2', campaign: 'c1', metric: metric('leads', 300), launchDate: '2026-05-01' },
  { key: 'O-3', campaign: 'c3', metric: metric('leads', 10), launchDate: '2026-06-20' },
  { key: 'O-4', campaign: 'c2', metric: metric('mqls', 50), launchDate: '2026-02-01' },
  { key: 'O-5', campaign: null, metric: null, launchDate: null },
];
const SNAPSHOTS: CampaignSnapshot[] = [
  { campaign: 'c1', date: '2026-05-01', values: { leads: 120, pipeline: 50_000, spend: 1_000 } },
  { campaign: 'c1', date: '2026-07-02', values: { leads: 900, pipeline: 90_000 } },
  { campaign: 'c2', date: '2026-02-20', values: { mqls: 40, revenue: 9_000 } },
];

const audit = quarterlyAudit(
  {
    histories: HISTORIES,
    decisions: DECISIONS,
    blocks: BLOCKS,
    libraryUses: LIBRARY_USES,
    approvalEvents: APPROVAL_EVENTS,
    outcomeRequests: OUTCOME_REQUESTS,
    snapshots: SNAPSHOTS,
  },
  DEFAULT_CONFIG,
  '2026-Q2',
  NOW,
);

describe('quarters', () => {
  it('name, bound and step back through calendar quarters in UTC', () => {
    expect(quarterOf(new Date('2026-03-31T23:59:59.999Z'))).toBe('2026-Q1');
    expect(quarterOf(new Date('2026-04-01T00:00:00.000Z'))).toBe('2026-Q2');
    expect(quarterRange('2026-Q4')).toEqual({ start: at('2026-10-01'), end: at('2027-01-01') });
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
  });
});

describe('auditQuartersToPrune', () => {
  it('names the quarters past the current one and the seven before, oldest first, after the last pruned', () => {
    const now = new Date('2026-05-15T00:00:00.000Z'); // 2026-Q2: 2024-Q3 is the oldest kept
    expect(auditQuartersToPrune(now, '2024-Q1')).toEqual(['2024-Q2']);
    expect(auditQuartersToPrune(now, '2024-Q2')).toEqual([]);
    expect(auditQuartersToPrune(now, '2021-Q4')).toHaveLength(10);
    // The first prune looks back eight quarters beyond the newest it may prune.
    expect(auditQuartersToPrune(now, null)).toEqual([
      '2022-Q2',
      '2022-Q3',
      '2022-Q4',
      '2023-Q1',
      '2023-Q2',
      '2023-Q3',
      '2023-Q4',
      '2024-Q1',
      '2024-Q2',
    ]);
  });
});

describe('quarterlyAudit', () => {
  it('counts gate blocks by item, in the quarter and the one before', () => {
    expect(audit.current.gateBlocks).toBe(2);
    expect(audit.current.gateBlocksByItem).toEqual({ 'triage.decision': 1, 'qa.utm-structured': 1, 'qa.links-functional': 1 });
    expect(audit.previous.gateBlocks).toBe(1);
  });

  it('lists tier downgrades and waivers with who and why', () => {
    expect(audit.current.tierDowngrades).toEqual([
      { key: 'MKT-1', by: 'acc-ops', at: '2026-05-01T10:00:00.000Z', detail: 'tier lowered to low-risk: internal promo only' },
    ]);
    expect(audit.current.waivers).toEqual([]);
    expect(audit.previous.waivers.map((waiver) => waiver.key)).toEqual(['MKT-2']);
  });

  it('finds revisions, QA returns and transitions that skipped a stage', () => {
    expect([audit.current.revisions, audit.current.qaReturns]).toEqual([2, 1]);
    expect(audit.current.skippedStages).toEqual([{ key: 'MKT-1', at: '2026-04-10T00:00:00.000Z', from: 'triage', to: 'launch' }]);
    // Intake → Launch skips four stages; Launch → Done skips Measure.
    expect(audit.previous.skippedStages.map((skip) => `${skip.from}→${skip.to}`)).toEqual(['intake→launch', 'launch→done']);
  });

  it('counts an SLA breach in the quarter its SLA ran out, in business days', () => {
    // MKT-1: triage from Thu 04-02, 3 business days → out on Tue 04-07, left 04-10; launch from 04-20, still open.
    expect(audit.current.slaBreachesByStage).toEqual({ triage: 1, launch: 1 });
    // MKT-2: intake from Mon 02-02 → out Wed 02-04, left 02-10; launch from Tue 02-10 → out Fri 02-13, left 02-20.
    expect(audit.previous.slaBreachesByStage).toEqual({ intake: 1, launch: 1 });
  });

  it('counts the launches that reused library claims, the claims, and the lexicon approvals saved', () => {
    expect(audit.current.library).toEqual({ launches: 2, claimsReused: 2, approvalsSaved: 5 });
    expect(audit.previous.library).toEqual({ launches: 1, claimsReused: 1, approvalsSaved: 1 });
    expect(auditCsv(audit, nameOf)).toContain('messaging library,lexicon approvals it saved,5,1');
  });

  it("adds what the quarter's launches delivered: targets judged, and the outcome figures (a shared campaign once)", () => {
    expect(audit.current.outcomes).toEqual({
      attained: 1,
      partly: 0,
      missed: 1,
      notYetJudged: 1,
      summary: {
        attainmentRate: 0.5,
        pipelineInfluence: 50_000,
        revenueContribution: null,
        costPerLead: 1_000 / 120,
        costPerOpportunity: null,
        conversionVelocityDays: 21,
      },
    });
    expect(audit.previous.outcomes).toMatchObject({ attained: 0, partly: 1, missed: 0, summary: { revenueContribution: 9_000 } });
    const csv = auditCsv(audit, nameOf);
    expect(csv).toContain('outcomes,targets attained,1,0');
    expect(csv).toContain('outcomes,targets partly attained,0,1');
    expect(csv).toContain('outcomes,attainment rate,0.5,0');
    expect(csv).toContain('outcomes,pipeline influence,50000,');
    expect(csv).toContain('outcomes,conversion velocity (median days to target),21,');
  });

  it('counts approvals made and made stale, the wait by role, and the requests reminded or escalated', () => {
    expect(audit.current.approvals).toEqual({
      made: 3,
      madeStale: 1,
      waitByRole: [
        { role: 'compliance', approvals: 2, medianHours: 4, longestHours: 6 },
        { role: 'brand', approvals: 1, medianHours: 30, longestHours: 30 },
      ],
      remindedRequests: 2,
      escalatedRequests: 1,
    });
    // An approval whose wait is not known counts as made, not in the waits.
    expect(audit.previous.approvals).toEqual({ made: 1, madeStale: 0, waitByRole: [], remindedRequests: 0, escalatedRequests: 0 });
    const csv = auditCsv(audit, nameOf);
    expect(csv).toContain('approvals,approvals made stale by a change of the content,1,0');
    expect(csv).toContain('approvals,requests whose approvals were escalated,1,0');
    expect(csv).toContain('approvals,median wait of brand approvals (hours),30,');
  });

  it('exports the figures, this quarter beside the previous, and the events as CSV', () => {
    const csv = auditCsv(audit, nameOf);
    expect(csv.split('\n').slice(0, 4)).toEqual([
      'section,figure,2026-Q2,2026-Q1',
      'gate blocks,all,2,1',
      'gate blocks,measurable success metric,0,1',
      'gate blocks,"triage decision ""accept""",1,0',
    ]);
    // People by name, not account ID.
    expect(csv).toContain('tier downgrade,MKT-1,2026-05-01T10:00:00.000Z,Morgan Ops,tier lowered to low-risk: internal promo only');
    expect(csv).not.toContain('acc-ops');
    expect(csv).toContain('skipped stage,MKT-1,2026-04-10T00:00:00.000Z,,triage → launch');
  });
});
