import type { AuditAction } from './flight-plan-record';
import type { AppConfig } from './app-config';
import { addBusinessDays } from './business-days';
import { csvRows, type CsvCell } from './csv';
import { outcomesReport, type OutcomeRequest, type OutcomeResult, type OutcomeSummary } from './outcomes/outcomes';
import type { CampaignSnapshot } from './outcomes/snapshots';
import { GATE_ITEM_CODES, GATE_ITEMS, type GateItemCode } from './gates/gate-items';
import { distribution } from './metrics/aggregate';
import { issueMetrics, stageAt, type IssueHistory, type IssueMetrics } from './metrics/issue-metrics';
import { stageLookup } from './metrics/workflow-metrics';
import { summarizeWorkflow } from './metrics/workflow-summary';
import { strictestTier } from './sla';
import { classifyMove, STAGES, TRACK_STAGES, trackOrder, type Stage, type TrackStage } from './stages';
import type { Tier } from './tiers';
import { present } from './present';
import { HOUR_MS } from './durations';

/** A calendar quarter, "2026-Q3". */
export type Quarter = `${number}-Q${1 | 2 | 3 | 4}`;

export const isQuarter = (text: string): text is Quarter => /^\d{4}-Q[1-4]$/.test(text);

export const quarterOf = (instant: Date): Quarter =>
  `${instant.getUTCFullYear()}-Q${(Math.floor(instant.getUTCMonth() / 3) + 1) as 1 | 2 | 3 | 4}`;

/** The quarter's first instant and the next quarter's (UTC). */
export const quarterRange = (quarter: Quarter): { start: number; end: number } => {
  const [year, q] = quarter.split('-Q').map(Number) as [number, number];
  return { start: Date.UTC(year, (q - 1) * 3, 1), end: Date.UTC(year, q * 3, 1) };
};

export const previousQuarter = (quarter: Quarter): Quarter => quarterOf(new Date(quarterRange(quarter).start - 1));

/**
 * Quarters whose audit entries are kept: the current one and the seven before. The admin page offers the last four, each
 * against the one before, so two years keep every quarter it can show and a year more for a CSV asked for late.
 */
export const AUDIT_QUARTERS_KEPT = 8;

/**
 * A first prune (nothing pruned yet) looks this many quarters further back than the first it prunes: entries are written
 * only by a running app, so older ones exist only on a site that ran the app for years before pruning did.
 */
const FIRST_PRUNE_LOOKBACK = 8;

/**
 * The quarters whose audit entries may go, oldest first: every quarter past the kept ones, after the last one pruned
 * through (or, the first time, from a lookback before the oldest prunable quarter).
 */
export const auditQuartersToPrune = (now: Date, prunedThrough: Quarter | null): Quarter[] => {
  let newest = quarterOf(now);
  for (let n = 0; n < AUDIT_QUARTERS_KEPT; n++) newest = previousQuarter(newest);
  const quarters: Quarter[] = [];
  const more = (quarter: Quarter): boolean => (prunedThrough === null ? quarters.length <= FIRST_PRUNE_LOOKBACK : quarter > prunedThrough);
  for (let quarter = newest; more(quarter); quarter = previousQuarter(quarter)) quarters.unshift(quarter);
  return quarters;
};

/** A gate's refusal, as the validators record it. */
export interface GateBlock {
  readonly at: number;
  readonly issueId: string;
  readonly items: readonly GateItemCode[];
}

interface GovernanceEvent {
  readonly key: string;
  readonly by: string;
  readonly at: string;
  readonly detail: string;
}

/** A governance decision as the app keeps it for the audit, when it is made. */
interface RecordedDecision extends GovernanceEvent {
  readonly action: string;
}

/** The record actions that are governance decisions someone must answer for. */
export const DOWNGRADE_ACTION = 'tier.lowered' as const satisfies AuditAction;
export const WAIVER_ACTIONS: ReadonlySet<string> = new Set<AuditAction>(['launch.observations-waived', 'lexicon.resolved']);
export const isGovernanceAction = (action: string): boolean => action === DOWNGRADE_ACTION || WAIVER_ACTIONS.has(action);

/** A launch whose copy used the messaging library, as the app keeps it when the request enters Launch. */
export interface LibraryUseEvent {
  readonly key: string;
  readonly at: number;
  readonly claimIds: readonly string[];
  readonly hitsResolved: number;
}

/** What the messaging library saved in a quarter. */
interface LibraryFigures {
  /** Launches whose copy used at least one approved claim. */
  readonly launches: number;
  /** Distinct claims those launches used. */
  readonly claimsReused: number;
  /** Lexicon hits the library resolved: justifications no compliance approver had to write. */
  readonly approvalsSaved: number;
}

/** What happened to an approval: given, made stale by a change of the content, or its wait reminded or escalated. */
export const APPROVAL_EVENT_KINDS = ['made', 'stale', 'reminded', 'escalated'] as const;
type ApprovalEventKind = (typeof APPROVAL_EVENT_KINDS)[number];

/** An approval event as the app keeps it, by quarter, when it happens. */
export interface ApprovalEvent {
  /** The request's issue key. */
  readonly key: string;
  readonly kind: ApprovalEventKind;
  /** The approver role's key. */
  readonly role: string;
  /** When it happened (ISO instant). */
  readonly at: string;
  /** For `made`: how long the approval waited since its step was due; null when that is not known. */
  readonly waitedMs: number | null;
}

/** How long one role's approvals waited in a quarter. */
interface RoleWait {
  readonly role: string;
  /** Approvals whose wait is known. */
  readonly approvals: number;
  readonly medianHours: number;
  readonly longestHours: number;
}

/** What the approvals did in a quarter. */
interface ApprovalFigures {
  readonly made: number;
  /** Approvals a later change of the content made stale: each one had to be given again. */
  readonly madeStale: number;
  /** By role key, in role order of first appearance. */
  readonly waitByRole: readonly RoleWait[];
  /** Requests with an approval reminded past the approval SLA. */
  readonly remindedRequests: number;
  /** Requests with an approval escalated to the triage leads at twice the SLA. */
  readonly escalatedRequests: number;
}

const hours = (ms: number): number => Math.round((ms / HOUR_MS) * 10) / 10;

const approvalFigures = (events: readonly ApprovalEvent[]): ApprovalFigures => {
  const of = (kind: ApprovalEventKind) => events.filter((event) => event.kind === kind);
  const waits = new Map<string, number[]>();
  for (const event of of('made')) if (event.waitedMs !== null) waits.set(event.role, [...(waits.get(event.role) ?? []), event.waitedMs]);
  return {
    made: of('made').length,
    madeStale: of('stale').length,
    waitByRole: [...waits].map(([role, values]) => ({
      role,
      approvals: values.length,
      medianHours: hours(present(distribution(values).median)),
      longestHours: hours(Math.max(...values)),
    })),
    remindedRequests: new Set(of('reminded').map((event) => event.key)).size,
    escalatedRequests: new Set(of('escalated').map((event) => event.key)).size,
  };
};

interface SkippedStage {
  readonly key: string;
  readonly at: string;
  readonly from: Stage;
  readonly to: Stage;
}

/** What the requests first launched in a quarter delivered: their results and the outcome figures (issue 13's definitions). */
interface OutcomeFigures {
  readonly attained: number;
  readonly partly: number;
  readonly missed: number;
  /** Launched in the quarter with a success metric, and not yet judged: the window is open, or the CRM has no figure. */
  readonly notYetJudged: number;
  readonly summary: OutcomeSummary;
}

interface QuarterFigures {
  readonly gateBlocks: number;
  readonly gateBlocksByItem: Partial<Record<GateItemCode, number>>;
  readonly tierDowngrades: readonly GovernanceEvent[];
  readonly waivers: readonly GovernanceEvent[];
  readonly revisions: number;
  readonly qaReturns: number;
  readonly skippedStages: readonly SkippedStage[];
  readonly slaBreaches: number;
  readonly slaBreachesByStage: Partial<Record<Stage, number>>;
  readonly launched: number;
  readonly bottleneck: Stage | null;
  readonly library: LibraryFigures;
  readonly approvals: ApprovalFigures;
  readonly outcomes: OutcomeFigures;
}

export interface QuarterlyAudit {
  readonly quarter: Quarter;
  readonly previousQuarter: Quarter;
  readonly current: QuarterFigures;
  readonly previous: QuarterFigures;
}

interface AuditInput {
  readonly histories: readonly IssueHistory[];
  readonly decisions: readonly RecordedDecision[];
  readonly blocks: readonly GateBlock[];
  readonly libraryUses: readonly LibraryUseEvent[];
  readonly approvalEvents: readonly ApprovalEvent[];
  /** The launched requests with what outcomes need of them, and their campaigns' figures. */
  readonly outcomeRequests: readonly OutcomeRequest[];
  readonly snapshots: readonly CampaignSnapshot[];
}

const outcomeFigures = (input: AuditInput, within: (at: number) => boolean, now: number): OutcomeFigures => {
  const cohort = input.outcomeRequests.filter((request) => request.launchDate !== null && within(Date.parse(request.launchDate)));
  const report = outcomesReport(cohort, input.snapshots, now);
  const count = (result: OutcomeResult): number => report.outcomes.filter((outcome) => outcome?.result === result).length;
  return {
    attained: count('attained'),
    partly: count('partly'),
    missed: count('missed'),
    notYetJudged: count('not-measured') + count('no-data'),
    summary: report.summary,
  };
};

const figuresFor = (
  input: AuditInput,
  metrics: readonly IssueMetrics[],
  config: AppConfig,
  range: { start: number; end: number },
  now: number,
): QuarterFigures => {
  const within = (at: number): boolean => at >= range.start && at < range.end;

  const gateBlocksByItem: Partial<Record<GateItemCode, number>> = {};
  let gateBlocks = 0;
  for (const block of input.blocks) {
    if (!within(block.at)) continue;
    gateBlocks++;
    for (const item of block.items) gateBlocksByItem[item] = (gateBlocksByItem[item] ?? 0) + 1;
  }

  const events = (match: (action: string) => boolean): GovernanceEvent[] =>
    input.decisions
      .filter((decision) => match(decision.action) && within(Date.parse(decision.at)))
      .sort((a, b) => a.at.localeCompare(b.at))
      .map(({ key, by, at, detail }) => ({ key, by, at, detail }));

  const stageOf = stageLookup(config.statusMap);
  let revisions = 0;
  let qaReturns = 0;
  let slaBreaches = 0;
  const slaBreachesByStage: Partial<Record<Stage, number>> = {};
  const skippedStages: SkippedStage[] = [];
  for (const history of input.histories) {
    const tier: Tier | undefined = history.tier;
    let enteredAt = history.createdAt;
    let stage = stageAt(stageOf(history.changes[0]?.fromStatus ?? history.currentStatus));
    const visitEnds = (leftAt: number): void => {
      if (stage === null || !(TRACK_STAGES as readonly Stage[]).includes(stage)) return;
      const trackStage = stage as TrackStage;
      const budget = config.slaBusinessDays[trackStage][tier ?? strictestTier(config, trackStage)];
      const breachAt = addBusinessDays(new Date(enteredAt), budget, config).getTime();
      if (leftAt > breachAt && within(breachAt)) {
        slaBreaches++;
        slaBreachesByStage[trackStage] = (slaBreachesByStage[trackStage] ?? 0) + 1;
      }
    };
    for (const change of history.changes) {
      const to = stageAt(stageOf(change.toStatus));
      visitEnds(change.at);
      if (stage !== null && to !== null && within(change.at)) {
        const kind = classifyMove(stage, to);
        if (kind === 'revision' || kind === 'qa-return') revisions++;
        if (kind === 'qa-return') qaReturns++;
        const from = trackOrder(stage);
        const target = trackOrder(to);
        if (kind === 'forward' && from !== null && target !== null && target - from > 1)
          skippedStages.push({ key: history.key, at: new Date(change.at).toISOString(), from: stage, to });
      }
      stage = to;
      enteredAt = change.at;
    }
    if (stage !== 'done' && stage !== 'declined') visitEnds(now);
  }

  const uses = input.libraryUses.filter((use) => within(use.at));
  const library: LibraryFigures = {
    launches: new Set(uses.map((use) => use.key)).size,
    claimsReused: new Set(uses.flatMap((use) => use.claimIds)).size,
    approvalsSaved: uses.reduce((sum, use) => sum + use.hitsResolved, 0),
  };

  const cohort = metrics.filter((m) => m.launchedAt !== null && within(m.launchedAt));
  const summary = summarizeWorkflow(cohort);
  return {
    gateBlocks,
    gateBlocksByItem,
    tierDowngrades: events((action) => action === DOWNGRADE_ACTION),
    waivers: events((action) => WAIVER_ACTIONS.has(action)),
    revisions,
    qaReturns,
    skippedStages,
    slaBreaches,
    slaBreachesByStage,
    launched: summary.launched,
    bottleneck: summary.bottleneck,
    library,
    approvals: approvalFigures(input.approvalEvents.filter((event) => within(Date.parse(event.at)))),
    outcomes: outcomeFigures(input, within, now),
  };
};

/** The quarterly workflow audit: process drift in a quarter, against the quarter before. */
export const quarterlyAudit = (input: AuditInput, config: AppConfig, quarter: Quarter, now: number): QuarterlyAudit => {
  const previous = previousQuarter(quarter);
  // Each request's metrics once, for both quarters.
  const stageOf = stageLookup(config.statusMap);
  const metrics = input.histories.map((history) => issueMetrics(history, stageOf, now));
  return {
    quarter,
    previousQuarter: previous,
    current: figuresFor(input, metrics, config, quarterRange(quarter), now),
    previous: figuresFor(input, metrics, config, quarterRange(previous), now),
  };
};

/** The outcome figures as the audit names them, in its order. */
export const OUTCOME_FIGURE_LABELS: readonly (readonly [keyof OutcomeSummary, string])[] = [
  ['attainmentRate', 'attainment rate'],
  ['pipelineInfluence', 'pipeline influence'],
  ['revenueContribution', 'revenue contribution'],
  ['costPerLead', 'cost per lead'],
  ['costPerOpportunity', 'cost per opportunity'],
  ['conversionVelocityDays', 'conversion velocity (median days to target)'],
];

/**
 * The audit as CSV: one row per figure, this quarter beside the previous one, then the events, each by the name
 * `nameOf` gives its account (issue 15: the CSV showed account IDs where people read names).
 */
export const auditCsv = (audit: QuarterlyAudit, nameOf: (accountId: string) => string): string => {
  const { current, previous } = audit;
  const rows: CsvCell[][] = [['section', 'figure', audit.quarter, audit.previousQuarter]];
  rows.push(['gate blocks', 'all', current.gateBlocks, previous.gateBlocks]);
  for (const code of GATE_ITEM_CODES) {
    if (current.gateBlocksByItem[code] || previous.gateBlocksByItem[code])
      rows.push(['gate blocks', GATE_ITEMS[code].label, current.gateBlocksByItem[code] ?? 0, previous.gateBlocksByItem[code] ?? 0]);
  }
  rows.push(['governance', 'tier downgrades', current.tierDowngrades.length, previous.tierDowngrades.length]);
  rows.push(['governance', 'waivers and approved lexicon hits', current.waivers.length, previous.waivers.length]);
  rows.push(['flow', 'revisions', current.revisions, previous.revisions]);
  rows.push(['flow', 'QA returns', current.qaReturns, previous.qaReturns]);
  rows.push(['flow', 'transitions that skipped a stage', current.skippedStages.length, previous.skippedStages.length]);
  rows.push(['flow', 'launches', current.launched, previous.launched]);
  rows.push(['flow', 'bottleneck stage', current.bottleneck ?? '', previous.bottleneck ?? '']);
  rows.push(['SLA', 'breaches', current.slaBreaches, previous.slaBreaches]);
  for (const stage of STAGES) {
    if (current.slaBreachesByStage[stage] || previous.slaBreachesByStage[stage])
      rows.push(['SLA', `breaches in ${stage}`, current.slaBreachesByStage[stage] ?? 0, previous.slaBreachesByStage[stage] ?? 0]);
  }
  rows.push(['messaging library', 'launches that used an approved claim', current.library.launches, previous.library.launches]);
  rows.push(['messaging library', 'approved claims reused', current.library.claimsReused, previous.library.claimsReused]);
  rows.push(['messaging library', 'lexicon approvals it saved', current.library.approvalsSaved, previous.library.approvalsSaved]);
  rows.push(['approvals', 'approvals given', current.approvals.made, previous.approvals.made]);
  rows.push(['approvals', 'approvals made stale by a change of the content', current.approvals.madeStale, previous.approvals.madeStale]);
  rows.push([
    'approvals',
    'requests whose approvals were reminded',
    current.approvals.remindedRequests,
    previous.approvals.remindedRequests,
  ]);
  rows.push([
    'approvals',
    'requests whose approvals were escalated',
    current.approvals.escalatedRequests,
    previous.approvals.escalatedRequests,
  ]);
  const roleWait = (figures: ApprovalFigures, role: string) => figures.waitByRole.find((wait) => wait.role === role)?.medianHours ?? '';
  for (const role of new Set([...current.approvals.waitByRole, ...previous.approvals.waitByRole].map((wait) => wait.role))) {
    rows.push([
      'approvals',
      `median wait of ${role} approvals (hours)`,
      roleWait(current.approvals, role),
      roleWait(previous.approvals, role),
    ]);
  }
  const outcome = (figures: OutcomeFigures, name: keyof OutcomeSummary): CsvCell => figures.summary[name] ?? '';
  rows.push(['outcomes', 'targets attained', current.outcomes.attained, previous.outcomes.attained]);
  rows.push(['outcomes', 'targets partly attained', current.outcomes.partly, previous.outcomes.partly]);
  rows.push(['outcomes', 'targets missed', current.outcomes.missed, previous.outcomes.missed]);
  rows.push(['outcomes', 'not yet judged', current.outcomes.notYetJudged, previous.outcomes.notYetJudged]);
  for (const [name, label] of OUTCOME_FIGURE_LABELS)
    rows.push(['outcomes', label, outcome(current.outcomes, name), outcome(previous.outcomes, name)]);
  const events: CsvCell[][] = [['event', 'issue', 'when', 'who', 'what']];
  for (const event of current.tierDowngrades) events.push(['tier downgrade', event.key, event.at, nameOf(event.by), event.detail]);
  for (const event of current.waivers) events.push(['waiver', event.key, event.at, nameOf(event.by), event.detail]);
  for (const skip of current.skippedStages) events.push(['skipped stage', skip.key, skip.at, '', `${skip.from} → ${skip.to}`]);
  return csvRows([...rows, [], ...events]);
};
