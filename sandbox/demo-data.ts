import { issueFactsFrom } from '../src/contracts/jira-issue-facts';
import { NO_PEOPLE_HISTORY } from '../src/domain/issue-facts';
import { CURRENT_CONFIG_VERSION, type StoredConfig } from '../src/contracts/app-config.schema';
import { jiraIssueSchema } from '../src/contracts/jira-schemas';
import { DEFAULT_CONFIG, stageOfStatus, type AppConfig } from '../src/domain/app-config';
import { emptyRecord, MANUAL_CHECK_CODES, type Asset, type AuditEntry, type FlightPlanRecord } from '../src/domain/flight-plan-record';
import { pagesOfMovedTrail } from '../src/domain/audit-trail';
import { mulberry32 } from '../src/domain/forecast/random';
import { evaluateRecord } from '../src/domain/record-summary';
import { reviewLexicon } from '../src/domain/copy-review';
import { effectiveTier } from '../src/domain/gates/evaluate-gate';
import { libraryUseOf, type ApprovedClaim } from '../src/domain/messaging-library';
import { dueReminders } from '../src/domain/reminders';
import { isGovernanceAction, quarterOf } from '../src/domain/quarterly-audit';
import { strictestTier } from '../src/domain/sla';
import { TRACK_STAGES, type TrackStage } from '../src/domain/stages';
import { appendStageChange, EMPTY_STAGE_LOG, lastEntryInto, type StageLog } from '../src/domain/stage-log';
import { storedStageLog } from '../src/contracts/stage-log.schema';
import { scoreTriage, type TriageScores } from '../src/domain/triage-score';
import { approvedContentFingerprint } from '../src/domain/content-fingerprint';
import { TIER_LABELS, type Tier } from '../src/domain/tiers';
import { suggestedTemplateName, templateFrom } from '../src/domain/templates';
import { scalarText } from '../src/contracts/scalar-text';
import { storageKeys } from '../src/use-cases/ports';
import { parseMetricSentence } from '../src/domain/outcomes/metric-sentence';
import { demoCampaignFigures } from './demo-crm';
import { APP_FIELD_IDS, userByRole, usersInRole } from './catalogue';
import { issueJson, jiraInstant } from './jira/issue-json';
import { DEMO_PEOPLE } from './jira/people';
import { ConfigView, type ConfigProject, type ConfigStatus } from './jira/site-config';
import { emptySite, statusChange, type SiteData, type StoredIssue } from './jira/site-state';
import { BLUEPRINT_STATUSES, ISSUE_TYPE } from '../src/domain/project-setup/blueprint';
import { present } from '../src/domain/present';

/**
 * The demo site: a few hundred Marketing Requests across tiers and stages, with histories that
 * have rework loops, QA returns, late launches, parked and declined requests; briefs, assets
 * (some badly named), UTM links (some broken) and copy with lexicon hits. Deterministic for a
 * given `anchor` (the day it is generated): the same seed always gives the same site.
 */

const DAY = 86_400_000;

/** A seeded generator (mulberry32): the data set must not change between runs. */
const generator = (seed: number) => {
  const next = mulberry32(seed);
  return {
    next,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => present(items[Math.floor(next() * items.length)]),
    chance: (p: number): boolean => next() < p,
    weighted: <T extends string>(weights: Readonly<Record<T, number>>): T => {
      const entries = Object.entries(weights) as [T, number][];
      let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll <= 0) return value;
      }
      return present(entries[entries.length - 1])[0];
    },
  };
};
type Random = ReturnType<typeof generator>;

const OPS = userByRole('ops-lead').accountId;
const BUILDER = userByRole('builder').accountId;
const [BLAKE, DANA, SAM] = usersInRole('builder').map((user) => user.accountId) as [string, string, string];
/**
 * Who builds the generated requests: Blake half of them, Dana and Sam a quarter each, by the request's place (not the
 * seeded generator, so every other demo figure stays as it was). Blake's load is about twice the others', so the Team
 * load shows a team and the forecasts of Blake's requests allow for a loaded builder.
 */
const builderFor = (index: number): string => [BLAKE, BLAKE, DANA, SAM][index % 4] as string;
const COMPLIANCE = userByRole('compliance').accountId;
const REQUESTER = userByRole('requester').accountId;

/**
 * The demo people's roles: Morgan leads triage and approves for brand, Casey approves for compliance, and the
 * builders (who own launched requests) and Morgan enter outcome figures.
 */
export const DEMO_CONFIG: AppConfig = {
  ...DEFAULT_CONFIG,
  roles: {
    triageLeads: [OPS],
    approvers: DEFAULT_CONFIG.roles.approvers.map((role) => ({
      ...role,
      members: role.key === 'compliance' ? [COMPLIANCE] : role.key === 'brand' ? [OPS] : [],
    })),
    figureReporters: [...usersInRole('builder').map((user) => user.accountId), OPS],
  },
};

/** The savings promo's rate claim, as compliance approved it for the messaging library. */
export const DEMO_RATE_CLAIM = 'Your rate is guaranteed for 12 months';

/**
 * The demo's messaging library: the rate claim MKT-2 and some launched savings promos use, saved by
 * the Jira admin before the oldest request and good for 90 days after the data's day.
 */
export const demoLibrary = (anchor: Date): ApprovedClaim[] => [
  {
    id: 'claim-1',
    text: DEMO_RATE_CLAIM,
    evidence: 'Rate sheet RS-2026-04: the 4.1% AER is fixed for 12 months from account opening; signed off by Treasury and Legal.',
    tiers: ['regulated'],
    channels: ['paid-social', 'email'],
    expiresOn: new Date(anchor.getTime() + 90 * DAY).toISOString().slice(0, 10),
    approvedBy: userByRole('admin').accountId,
    approvedAt: new Date(anchor.getTime() - 400 * DAY).toISOString(),
  },
];

const THEMES = [
  {
    name: 'Spring webinar series',
    channel: 'email',
    asset: 'invite',
    metric: '120 MQLs within 30 days of launch',
    copy: 'Join our webinar on modern finance operations.',
  },
  {
    name: 'Product launch: Insights 3.0',
    channel: 'social',
    asset: 'teaser',
    metric: '500 sign-ups within 7 days of launch',
    copy: 'Insights 3.0 is here: see every pipeline stage in one view.',
  },
  {
    name: 'Partner co-marketing ebook',
    channel: 'display',
    asset: 'banner',
    metric: '1,200 leads within 90 days of launch',
    copy: 'Download the partner guide to faster onboarding.',
  },
  {
    name: 'Customer story video',
    channel: 'social',
    asset: 'cutdown',
    metric: '40 opportunities within 60 days of launch',
    copy: 'How Northwind cut reporting time in half.',
  },
  {
    name: 'Pricing page refresh',
    channel: 'cpc',
    asset: 'landing',
    metric: '8% conversion rate within 30 days of launch',
    copy: 'Plans that grow with your team, with terms on the page.',
  },
  {
    name: 'Event booth at FinOps Summit',
    channel: 'event',
    asset: 'booth',
    metric: '150 leads within 14 days of launch',
    copy: 'Visit booth 42 for a live demo.',
  },
  {
    name: 'Nurture track for trials',
    channel: 'email',
    asset: 'nurture',
    metric: '12% conversion rate within 60 days of launch',
    copy: 'Three tips to get value from your trial this week.',
  },
  {
    name: 'Regulated offer: savings account promo',
    channel: 'paid-social',
    asset: 'ad',
    metric: '300 sign-ups within 30 days of launch',
    copy: 'Earn more on your savings with a clear rate and full terms.',
  },
] as const;

/** Claims the lexicon flags, planted in some copy so the QA gate has something to find. */
const RISKY_COPY = [
  'Guaranteed results in 30 days.',
  'The #1 platform for finance teams.',
  'Risk-free for every customer.',
  'Best in class reporting.',
];
const BAD_NAMES = ['final_v7', 'FINAL-final', 'copy of banner', 'use this one', 'latest-cut'];

const TIER_WEIGHTS: Record<Tier, number> = { 'low-risk': 40, revenue: 40, regulated: 20 };
type FinalStage = 'intake' | 'triage' | 'waiting' | 'declined' | 'planning' | 'build' | 'qa' | 'launch' | 'measure' | 'done';
const FINAL_WEIGHTS: Record<FinalStage, number> = {
  intake: 6,
  triage: 8,
  waiting: 5,
  declined: 5,
  planning: 8,
  build: 10,
  qa: 9,
  launch: 5,
  measure: 8,
  done: 36,
};

/** The status of each stage: the first name the configuration maps to it (the Set up project names). */
const statusOf = (stage: FinalStage): string => present(DEMO_CONFIG.statusMap[stage][0]);
const FORWARD: FinalStage[] = ['intake', 'triage', 'planning', 'build', 'qa', 'launch', 'measure', 'done'];

/** Typical days in each stage (min, max), before the tier's slowdown. */
const STAGE_DAYS: Record<FinalStage, [number, number]> = {
  intake: [0.3, 3],
  triage: [0.5, 6],
  waiting: [3, 20],
  declined: [1, 1],
  planning: [1, 8],
  build: [3, 16],
  qa: [1, 7],
  launch: [1, 5],
  measure: [3, 14],
  done: [1, 1],
};
const TIER_SLOWDOWN: Record<Tier, number> = { 'low-risk': 0.7, revenue: 1, regulated: 1.5 };

const scoresFor = (random: Random, tier: Tier) => {
  const risk = tier === 'regulated' ? random.int(4, 5) : random.int(1, 3);
  const impact = tier === 'revenue' ? random.int(4, 5) : tier === 'regulated' ? random.int(2, 5) : random.int(1, 3);
  return { impact, confidence: random.int(2, 5), effort: random.int(1, 4), risk };
};

/** The status path to a final stage, with rework loops on the way. */
const pathTo = (random: Random, final: FinalStage, tier: Tier): FinalStage[] => {
  if (final === 'waiting') return ['intake', 'triage', 'waiting'];
  if (final === 'declined') return random.chance(0.4) ? ['intake', 'triage', 'waiting', 'declined'] : ['intake', 'triage', 'declined'];
  const path: FinalStage[] = [];
  const parkedFirst = random.chance(0.12);
  for (const stage of FORWARD.slice(0, FORWARD.indexOf(final) + 1)) {
    path.push(stage);
    if (stage === 'triage' && parkedFirst && final !== 'triage') path.push('waiting', 'triage');
    const reachedLater = FORWARD.indexOf(final) > FORWARD.indexOf(stage);
    if (stage === 'build' && reachedLater && random.chance(0.15)) path.push('planning', 'build');
    if (stage === 'qa' && reachedLater && random.chance(tier === 'regulated' ? 0.45 : 0.25)) path.push('build', 'qa');
  }
  return path;
};

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const reached = (path: readonly FinalStage[], stage: FinalStage): boolean => path.includes(stage);

/** A third of the savings promos use the library's rate claim in their first asset (no random draw, so the rest of the data stays as it was). */
const usesRateClaim = (tier: Tier, issueId: string, assetIndex: number): boolean =>
  tier === 'regulated' && assetIndex === 0 && Number(issueId) % 3 === 0;

/** The Flight Plan a request at this point of its path would hold. */
/** A demo request's record, with the governance decisions of its audit trail (stored outside the record). */
type DemoRecord = FlightPlanRecord & { readonly audit?: readonly AuditEntry[] };

const recordFor = (
  random: Random,
  issueId: string,
  tier: Tier,
  scores: TriageScores,
  path: readonly FinalStage[],
  final: FinalStage,
  stamps: ReadonlyMap<FinalStage, string>,
  theme: (typeof THEMES)[number],
  campaign: string,
  builder: string,
  description: string,
): DemoRecord => {
  const at = (stage: FinalStage): string => stamps.get(stage) ?? present([...stamps.values()].pop());
  let record = emptyRecord(issueId);
  if (final === 'waiting' || final === 'declined') {
    return {
      ...record,
      tier,
      triage: {
        by: OPS,
        at: at(final),
        decision: final === 'waiting' ? 'wait' : 'decline',
        reason: final === 'waiting' ? 'Capacity is booked until next month' : 'Overlaps the partner campaign already planned',
        scores,
      },
    };
  }
  if (!reached(path, 'planning')) return record;
  record = { ...record, tier, triage: { by: OPS, at: at('planning'), decision: 'accept', scores } };
  const assetCount = random.int(1, 3);
  const inBuild = final === 'build';
  const inQa = final === 'qa';
  const assets: Asset[] = Array.from({ length: assetCount }, (_, index) => {
    // Name parts are single words in the convention: "paid-social" is named "paidsocial".
    const good = `${campaign}-${theme.channel.replace(/-/g, '')}-${theme.asset}${index === 0 ? '' : index + 1}-v2`;
    const badName = inBuild && index === 0 && random.chance(0.5);
    const brokenUtm = inQa && index === 0 && random.chance(0.5);
    const risky = inQa && random.chance(0.35);
    const utm = `utm_source=${theme.channel === 'email' ? 'newsletter' : 'acme'}&utm_medium=${theme.channel}${brokenUtm ? '' : `&utm_campaign=${campaign}`}`;
    return {
      id: `asset-${index + 1}`,
      type: theme.channel,
      spec: `${theme.asset} for ${theme.name.toLowerCase()}, brand template ${index + 1}`,
      name: reached(path, 'build') ? (badName ? random.pick(BAD_NAMES) : good) : '',
      previousNames: reached(path, 'qa') || (inBuild && !badName) ? [good.replace(/-v2$/, '-v1')] : [],
      copy: `${risky ? `${theme.copy} ${random.pick(RISKY_COPY)}` : theme.copy}${usesRateClaim(tier, issueId, index) ? ` ${DEMO_RATE_CLAIM}.` : ''}`,
      trackedUrls: [`https://acme.example/${campaign}?${utm}`],
      builtBy: builder,
      writers: [builder],
      readyForReview: reached(path, 'qa') || (inBuild && random.chance(0.3)),
    };
  }).map((asset) =>
    asset.name === '' ? { ...asset, name: `${campaign}-${theme.channel}-${theme.asset}-draft`, previousNames: [] } : asset,
  );
  record = {
    ...record,
    plan: {
      dependencies: random.chance(0.5) ? ['none'] : ['Legal review slot', 'Product screenshots from the design team'],
      tracking: { campaignKey: campaign, events: ['form_submit', 'cta_click'], crmCampaign: `CRM-${campaign.toUpperCase()}` },
      approvers: [
        { accountId: OPS, role: 'brand' },
        ...(tier === 'regulated' ? [{ accountId: COMPLIANCE, role: 'compliance' as const }] : []),
      ],
      launchCriteria: 'Tracking verified end to end; approvals recorded; rollback owner on call',
      definitionOfDone: 'Assets live, 72-hour observations logged, outcome reported against the metric',
    },
    assets,
  };
  const qaDone = reached(path, 'launch');
  const checksDone = qaDone ? MANUAL_CHECK_CODES : inQa ? MANUAL_CHECK_CODES.filter(() => random.chance(0.6)) : [];
  record = { ...record, checks: Object.fromEntries(checksDone.map((code) => [code, { by: OPS, at: at(final), done: true }])) };
  if (qaDone && tier === 'regulated')
    record = {
      ...record,
      approvals: [
        { by: COMPLIANCE, at: at('launch'), role: 'compliance', fingerprint: approvedContentFingerprint(record.assets, description) },
      ],
    };
  if (reached(path, 'launch')) {
    const start = Date.parse(at('launch'));
    const observed = reached(path, 'measure') ? 3 : random.int(0, 2);
    record = {
      ...record,
      launch: {
        window: { start: new Date(start).toISOString(), end: new Date(start + 7 * DAY).toISOString() },
        monitoringOwnerId: OPS,
        observations: (['1h', '24h', '72h'] as const).slice(0, observed).map((checkpoint, index) => ({
          by: OPS,
          at: new Date(start + present([1, 24, 72][index]) * 3_600_000).toISOString(),
          checkpoint,
          note: present(['Sends delivered, no bounces', 'Click-through in line with plan', 'Conversions tracking as expected'][index]),
        })),
        anomalyPlan: 'Pause paid spend, page the campaign owner, roll back to the previous page',
      },
    };
  }
  if (final === 'done') {
    record = {
      ...record,
      retrospective: {
        slowedDown: random.pick(['Legal review queue', 'Waiting on product screenshots', 'Nothing notable']),
        rework: random.pick(['Hero image resized twice', 'Copy changed after QA', 'None']),
        broke: random.pick(['Nothing', 'A UTM typo caught in QA', 'Form routing for one region']),
        template: random.pick(['The invite email', 'The landing page layout', 'None']),
        outcome: {
          result: random.weighted({ attained: 6, partly: 3, missed: 1 }),
          actual: random.pick(['+18% demo requests', '430 sign-ups', '1,350 downloads', '9% conversion']),
        },
      },
    };
  }
  // Governance decisions someone must answer for, as the quarterly audit lists them.
  const audit: AuditEntry[] = [];
  if (tier === 'low-risk' && reached(path, 'planning') && random.chance(0.2)) {
    audit.push({
      by: OPS,
      at: at('planning'),
      action: 'tier.lowered',
      detail: 'tier lowered to Low-risk: reuses an approved template, no new claims',
    });
  }
  if (tier === 'low-risk' && reached(path, 'measure') && random.chance(0.3)) {
    record = {
      ...record,
      launch: { ...record.launch, observationWaiver: { by: OPS, at: at('measure'), reason: 'internal banner swap, nothing to observe' } },
    };
    audit.push({
      by: OPS,
      at: at('measure'),
      action: 'launch.observations-waived',
      detail: 'launch observations waived: internal banner swap, nothing to observe',
    });
  }
  return { ...record, audit, revision: random.int(3, 20) };
};

export interface DemoOptions {
  /** The moment the data is generated; histories end before it. */
  readonly anchor: Date;
  readonly count?: number;
  readonly seed?: number;
}

/** One request to put on the demo site: its brief, scores, status path and what its record holds. */
interface RequestSpec {
  readonly summary: string;
  readonly description: string;
  readonly successMetric: string;
  readonly tier: Tier;
  readonly scores: { impact: number; confidence: number; effort: number; risk: number };
  readonly path: readonly FinalStage[];
  /** Time spent in each stage of the path, in ms; the last one is still open. */
  readonly durations: readonly number[];
  readonly created: number;
  /** The requested launch date, given when the request first entered launch (if it did). */
  readonly dueDate: (launchedAt: number | undefined) => string;
  readonly assigneeId: string;
  readonly record: (issueId: string, stamps: ReadonlyMap<FinalStage, string>) => DemoRecord;
}

const day = (instant: number): string => new Date(instant).toISOString().slice(0, 10);

/** Adds a request with its status history, stage log, app fields, record and mirrored summary. */
const addRequest = (site: SiteData, where: DemoProject, anchor: Date, spec: RequestSpec): void => {
  const nextId = (): string => String(site.nextId++);
  const issueId = nextId();
  const statuses: ConfigStatus[] = spec.path.map((stage) => present(where.view.statusNamed(statusOf(stage))));
  const histories: StoredIssue['histories'] = [];
  const stamps = new Map<FinalStage, string>();
  let log: StageLog = EMPTY_STAGE_LOG;
  let at = spec.created;
  for (let step = 1; step < spec.path.length; step++) {
    at += present(spec.durations[step - 1]);
    const from = present(statuses[step - 1]);
    const to = present(statuses[step]);
    const author = ['triage', 'waiting', 'declined', 'planning'].includes(present(spec.path[step])) ? OPS : BUILDER;
    const item = statusChange(from, to);
    const when = new Date(at);
    histories.push({ id: nextId(), authorId: author, created: jiraInstant(when), items: [item] });
    if (!stamps.has(present(spec.path[step]))) stamps.set(present(spec.path[step]), when.toISOString());
    log = appendStageChange(log, {
      at: when.toISOString(),
      fromStatus: from.name,
      toStatus: to.name,
      fromStage: stageOfStatus(from.name, DEMO_CONFIG.statusMap),
      toStage: stageOfStatus(to.name, DEMO_CONFIG.statusMap),
      by: author,
    });
  }
  const launchedAt = stamps.get('launch');
  const { audit = [], ...record } = spec.record(issueId, stamps);
  const issue: StoredIssue = {
    id: issueId,
    key: `${where.project.key}-${site.issues.filter((existing) => existing.projectId === where.project.id).length + 1}`,
    projectId: where.project.id,
    issueTypeId: where.issueTypeId,
    summary: spec.summary,
    description: adf(spec.description),
    statusId: present(statuses[statuses.length - 1]).id,
    created: jiraInstant(new Date(spec.created)),
    updated: jiraInstant(new Date(at)),
    duedate: spec.dueDate(launchedAt === undefined ? undefined : Date.parse(launchedAt)),
    assigneeId: spec.assigneeId,
    reporterId: REQUESTER,
    custom: {
      [APP_FIELD_IDS.impact]: spec.scores.impact,
      [APP_FIELD_IDS.confidence]: spec.scores.confidence,
      [APP_FIELD_IDS.effort]: spec.scores.effort,
      [APP_FIELD_IDS.risk]: spec.scores.risk,
      [APP_FIELD_IDS.triageScore]: scoreTriage(spec.scores, DEMO_CONFIG.triage)?.score ?? null,
      [APP_FIELD_IDS.tier]: record.tier === undefined ? null : TIER_LABELS[record.tier],
      [APP_FIELD_IDS.successMetric]: spec.successMetric,
    },
    properties: {},
    histories,
    comments: [],
  };
  site.appStorage[storageKeys.record(issueId)] = record;
  // Its audit trail, outside the record, paged as the app stores a trail moved out of an older record.
  for (const moved of pagesOfMovedTrail(audit, record.revision))
    site.appStorage[storageKeys.auditPage(issueId, moved.revision)] = moved.page;
  // The governance decisions in its audit trail, kept by quarter as the app keeps them when they are made.
  for (const entry of audit.filter((candidate) => isGovernanceAction(candidate.action))) {
    const at = Date.parse(entry.at);
    site.appStorage[storageKeys.governance(quarterOf(new Date(at)), issueId, at)] = {
      key: issue.key,
      by: entry.by,
      at: entry.at,
      action: entry.action,
      detail: entry.detail,
    };
  }
  // Its approvals, kept by quarter for the audit's approval figures, each with its wait since the move into QA.
  const qaEntry = stamps.get('qa');
  record.approvals.forEach((approval, n) => {
    const waitedMs = qaEntry === undefined ? null : Math.max(0, Date.parse(approval.at) - Date.parse(qaEntry));
    site.appStorage[storageKeys.approvalEvent(quarterOf(new Date(approval.at)), issueId, `r${record.revision}-${n}`)] = {
      key: issue.key,
      kind: 'made',
      role: approval.role,
      at: approval.at,
      waitedMs,
    };
  });
  site.appStorage[storageKeys.stageLog(issueId)] = storedStageLog(log, 0);
  // Refusals the gates recorded on the way: a QA gate refusal a day before passing QA, for some requests.
  const launchEntry = stamps.get('launch');
  if (launchEntry !== undefined && Number(issueId) % 4 === 0) {
    const refusedAt = Date.parse(launchEntry) - DAY;
    const items = Number(issueId) % 8 === 0 ? ['qa.utm-structured'] : ['qa.lexicon-clear', 'qa.links-functional'];
    site.appStorage[storageKeys.gateBlock(quarterOf(new Date(refusedAt)), issueId, refusedAt, 'qa', items)] = { gate: 'qa', items };
  }
  site.issues.push(issue);
  // The demo's requests were never reassigned, nor their descriptions changed: no history to read.
  const facts = issueFactsFrom(jiraIssueSchema.parse(issueJson(issue, where.view, DEMO_PEOPLE, null, 'schema')), NO_PEOPLE_HISTORY);
  // What the library resolved in the copy that launched, as the trigger keeps it for the audit.
  const config = (site.appStorage[storageKeys.config] as StoredConfig).config;
  if (launchedAt !== undefined) {
    const use = libraryUseOf(
      reviewLexicon(record, { facts, config }, effectiveTier('qa', record, facts), new Date(launchedAt)).resolvedByLibrary,
    );
    if (use !== null)
      site.appStorage[storageKeys.libraryUse(quarterOf(new Date(launchedAt)), issueId, Date.parse(launchedAt))] = {
        key: issue.key,
        ...use,
      };
  }
  // The reminders already due were sent while the site ran: only what falls due from now on is new.
  const current = stageOfStatus(facts.status, DEMO_CONFIG.statusMap);
  const lastEntry = log.changes.at(-1);
  if (current !== null && lastEntry !== undefined) {
    // Before triage the app judges by the strictest budget; seed the same.
    const tier =
      record.tier ??
      ((TRACK_STAGES as readonly string[]).includes(current) ? strictestTier(DEMO_CONFIG, current as TrackStage) : 'regulated');
    const request = {
      issueId,
      key: issue.key,
      stage: current,
      tier,
      enteredAt: new Date(lastEntry.at),
      assigneeId: issue.assigneeId,
      reporterId: issue.reporterId,
      description: spec.description,
      record,
      ...NO_PEOPLE_HISTORY,
    };
    site.appStorage[storageKeys.reminders(issueId)] = dueReminders(request, new Set(), DEMO_CONFIG, anchor).map(
      (reminder) => reminder.dedupeKey,
    );
  }
  // The campaign's CRM figures, stored as the Outcomes gadget and the panel read them (kept per campaign key).
  const metric = parseMetricSentence(spec.successMetric, config.indicators);
  const campaign = record.plan.tracking.campaignKey;
  if (launchedAt !== undefined && metric !== null && campaign !== undefined) {
    const [key, figures] = demoCampaignFigures(campaign, Number(issueId), metric, Date.parse(launchedAt), anchor.getTime());
    site.appStorage[key] = figures;
  }
  // The summary the app mirrors for JQL and the badge, as the trigger would have written it.
  issue.properties['flight-plan-summary'] = evaluateRecord(
    record,
    facts,
    config,
    anchor,
    stageOfStatus(facts.status, DEMO_CONFIG.statusMap),
    { launchEnteredAt: lastEntryInto(log, 'launch') ?? null },
  ).summary;
};

const QA_PATH: readonly FinalStage[] = ['intake', 'triage', 'planning', 'build', 'qa'];

/**
 * Two requests waiting at the QA gate, first on the site (MKT-1, MKT-2), for the walk-through in
 * the README and the browser tests: a revenue launch whose link lacks `utm_campaign`, and a
 * regulated one built by Blake that waits for the compliance approval of Casey.
 */
const scenarios = (anchor: Date): RequestSpec[] => {
  const now = anchor.getTime();
  const durations = [1, 2, 3, 5, 1].map((days) => days * DAY);
  const created = now - 12 * DAY;
  const plan = (campaignKey: string, tier: Tier): FlightPlanRecord['plan'] => ({
    dependencies: ['none'],
    tracking: { campaignKey, events: ['form_submit'], crmCampaign: `CRM-${campaignKey.toUpperCase()}` },
    approvers: [
      { accountId: OPS, role: 'brand' },
      ...(tier === 'regulated' ? [{ accountId: COMPLIANCE, role: 'compliance' as const }] : []),
    ],
    launchCriteria: 'Tracking verified end to end; approvals recorded',
    definitionOfDone: 'Assets live and the 72-hour observations logged',
  });
  const asset = (campaignKey: string, url: string): Asset => ({
    id: 'asset-1',
    type: 'email',
    spec: '600px HTML email, three modules',
    name: `${campaignKey}-email-invite-v2`,
    previousNames: [`${campaignKey}-email-invite-v1`],
    copy: 'Join our spring launch webinar and see the new reporting views.',
    trackedUrls: [url],
    builtBy: BUILDER,
    writers: [BUILDER],
    readyForReview: true,
  });
  const stampsOf = (stamps: ReadonlyMap<FinalStage, string>, stage: FinalStage) => ({ by: OPS, at: present(stamps.get(stage)) });
  const webinarScores = { impact: 5, confidence: 4, effort: 2, risk: 2 };
  const savingsScores = { impact: 4, confidence: 3, effort: 3, risk: 5 };
  return [
    {
      summary: 'Spring launch webinar invite (revenue)',
      description: 'Invite mid-market finance leads to the spring launch webinar, with a nurture follow-up for registrants.',
      successMetric: '400 registrations within 30 days of launch',
      tier: 'revenue',
      scores: webinarScores,
      path: QA_PATH,
      durations,
      created,
      dueDate: () => day(now + 20 * DAY),
      assigneeId: BUILDER,
      record: (issueId, stamps) => ({
        ...emptyRecord(issueId),
        revision: 6,
        tier: 'revenue',
        triage: { ...stampsOf(stamps, 'planning'), decision: 'accept', scores: webinarScores },
        plan: plan('spring26-launch', 'revenue'),
        assets: [asset('spring26-launch', 'https://acme.example/webinar?utm_source=newsletter&utm_medium=email')],
        checks: {
          'qa.events-firing': { ...stampsOf(stamps, 'qa'), done: true },
          'qa.crm-routing': { ...stampsOf(stamps, 'qa'), done: true },
        },
      }),
    },
    {
      summary: 'Savings account rate promo (regulated)',
      description: 'Paid social promotion of the new savings rate for existing customers, with the full terms on the landing page.',
      successMetric: '300 sign-ups within 30 days of launch',
      tier: 'regulated',
      scores: savingsScores,
      path: QA_PATH,
      durations,
      created,
      dueDate: () => day(now + 25 * DAY),
      assigneeId: BUILDER,
      record: (issueId, stamps) => ({
        ...emptyRecord(issueId),
        revision: 9,
        tier: 'regulated',
        triage: { ...stampsOf(stamps, 'planning'), decision: 'accept', scores: savingsScores },
        plan: plan('spring26-savings', 'regulated'),
        // The rate claim is the library's, word for word: its "guaranteed" needs no new justification.
        assets: [
          {
            ...asset(
              'spring26-savings',
              'https://acme.example/savings?utm_source=acme&utm_medium=paid-social&utm_campaign=spring26-savings',
            ),
            copy: `Earn 4.1% AER on instant-access savings. ${DEMO_RATE_CLAIM}. Full terms on the page.`,
          },
        ],
        checks: Object.fromEntries(MANUAL_CHECK_CODES.map((code) => [code, { ...stampsOf(stamps, 'qa'), done: true }])),
      }),
    },
  ];
};

/** Where the demo requests go: a project Set up project has run on. */
interface DemoProject {
  readonly view: ConfigView;
  readonly project: ConfigProject;
  readonly issueTypeId: string;
}

/** A new site with the demo configuration stored, before any project is set up. */
export const bareDemoSite = (): SiteData => {
  const site = emptySite();
  const stored: StoredConfig = { schemaVersion: CURRENT_CONFIG_VERSION, revision: 1, config: DEMO_CONFIG };
  site.appStorage[storageKeys.config] = stored;
  return site;
};

/**
 * Adds the demo requests to `projectKey`, which must be set up: they use the statuses and issue
 * type Set up project created, so the demo runs on exactly what the app builds.
 */
export const addDemoRequests = (site: SiteData, projectKey: string, { anchor, count = 240, seed = 20_260_601 }: DemoOptions): void => {
  const view = new ConfigView(site.config);
  const project = view.project(projectKey);
  const issueType = view.issueType(ISSUE_TYPE.name);
  const missing = BLUEPRINT_STATUSES.filter((status) => view.statusNamed(status.name) === undefined).map((status) => status.name);
  if (project === undefined || issueType === undefined || missing.length > 0) {
    throw new Error(
      `demo data needs ${projectKey} set up first (missing: ${project === undefined ? 'the project' : issueType === undefined ? 'the issue type' : missing.join(', ')})`,
    );
  }
  const where: DemoProject = { view, project, issueTypeId: issueType.id };
  const stored = site.appStorage[storageKeys.config] as StoredConfig | undefined;
  if (stored !== undefined)
    site.appStorage[storageKeys.config] = { ...stored, config: { ...stored.config, messagingLibrary: demoLibrary(anchor) } };
  const random = generator(seed);
  for (const scenario of scenarios(anchor)) addRequest(site, where, anchor, scenario);

  for (let index = site.issues.filter((issue) => issue.projectId === project.id).length; index < count; index++) {
    const tier = random.weighted(TIER_WEIGHTS);
    const final = random.weighted(FINAL_WEIGHTS);
    const theme = present(THEMES[tier === 'regulated' ? 7 : random.int(0, 6)]);
    const campaign = `${['spring', 'summer', 'fall', 'winter'][index % 4]}${26 + Math.floor(index / 120)}-${String(index + 1).padStart(3, '0')}`;
    const path = pathTo(random, final, tier);
    const durations = path.map((stage) => {
      const [min, max] = STAGE_DAYS[stage];
      return (min + random.next() * (max - min)) * TIER_SLOWDOWN[tier] * DAY;
    });
    // The last visit is still open: its duration is how long the request has sat there.
    const span = durations.reduce((sum, days) => sum + days, 0);
    // Finished requests spread over the past eight months; open ones have been in their stage a realistic while.
    const finished = final === 'done' || final === 'declined';
    const created = anchor.getTime() - span - random.next() * (finished ? 240 : 4) * DAY;
    const lateLaunch = random.chance(0.27);
    const slack = random.int(0, 9);
    const lead = random.int(10, 40);
    const scores = scoresFor(random, tier);
    const builder = builderFor(index);
    const description = `${theme.name} for mid-market finance teams in EMEA and North America. Goal: ${theme.metric}. Audience, offer and channels are in the brief; the campaign key is ${campaign}.`;
    addRequest(site, where, anchor, {
      summary: `${theme.name} #${index + 1}`,
      description,
      successMetric: theme.metric,
      tier,
      scores,
      path,
      durations,
      created,
      // About a quarter of launches land after the requested date.
      dueDate: (launchedAt) =>
        day(launchedAt === undefined ? created + span + lead * DAY : launchedAt + (lateLaunch ? -(slack + 1) : slack) * DAY),
      // Before planning the requester owns the request: its triage lead must not be its assignee.
      assigneeId: reached(path, 'planning') ? builder : REQUESTER,
      record: (issueId, stamps) => recordFor(random, issueId, tier, scores, path, final, stamps, theme, campaign, builder, description),
    });
  }
  addDemoTemplate(site, project.id, anchor);
};

/**
 * One finished request saved as a template, as its retrospective suggested, so the New marketing request page has one
 * to offer: the first done request with assets and an answer to "What should become a template?".
 */
const addDemoTemplate = (site: SiteData, projectId: string, anchor: Date): void => {
  const view = new ConfigView(site.config);
  for (const issue of site.issues) {
    if (issue.projectId !== projectId || view.status(issue.statusId)?.name !== 'Done') continue;
    const record = site.appStorage[storageKeys.record(issue.id)] as FlightPlanRecord | undefined;
    const answer = record?.retrospective.template;
    if (record === undefined || record.assets.length === 0 || answer === undefined || answer === 'None') continue;
    const name = `${issue.summary.replace(/ #\d+$/, '')}: ${suggestedTemplateName(answer).toLowerCase()}`;
    const id = `${issue.key}-${anchor.getTime()}`;
    const at = anchor.toISOString();
    const successMetric = scalarText(issue.custom[APP_FIELD_IDS.successMetric], '');
    site.appStorage[storageKeys.template(id)] = templateFrom(
      record,
      { id, name, fromKey: issue.key, fromIssueId: issue.id, by: OPS, at },
      successMetric,
    );
    return;
  }
};
