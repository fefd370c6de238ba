import { DEFAULT_CONFIG, type AppConfig } from '../../src/domain/app-config';
import { approvedContentFingerprint } from '../../src/domain/content-fingerprint';
import { emptyRecord, type FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { NO_LINKS } from '../../src/domain/dependencies';
import type { IssueFacts } from '../../src/domain/issue-facts';
import type { Tier } from '../../src/domain/tiers';
import { storageKeys } from '../../src/use-cases/ports';
import type { MemoryStore } from './memory-store';

export const NOW = new Date('2026-06-10T12:00:00.000Z');
export const ASSIGNEE = 'acc-assignee';
export const BUILDER = 'acc-builder';
export const COMPLIANCE = 'acc-compliance';
export const BRAND = 'acc-brand';
export const REQUESTER = 'acc-requester';
export const TRIAGE_LEAD = 'acc-ops';
export const SCORES = { impact: 4, confidence: 4, effort: 2, risk: 2 };

export const completeFacts = (overrides: Partial<IssueFacts> = {}): IssueFacts => ({
  issueId: '10001',
  issueKey: 'MKT-1',
  description: 'Launch the spring webinar series to mid-market finance leads in EMEA, with nurture follow-up.',
  successMetric: '120 MQLs within 30 days of launch',
  dueDate: '2026-07-31',
  assigneeId: ASSIGNEE,
  reporterId: REQUESTER,
  formerOwnerIds: [],
  descriptionWriterIds: [],
  createdAt: '2026-06-01T09:00:00.000Z',
  status: 'Intake',
  scores: SCORES,
  labels: [],
  summary: 'Spring webinar',
  links: NO_LINKS,
  ...overrides,
});

/** A record that satisfies every item of every gate for the given tier. */
export const completeRecord = (tier: Tier = 'regulated'): FlightPlanRecord => {
  const at = '2026-06-05T10:00:00.000Z';
  const stamp = { by: TRIAGE_LEAD, at };
  const record: FlightPlanRecord = {
    ...emptyRecord('10001'),
    tier,
    triage: { ...stamp, decision: 'accept', scores: SCORES },
    plan: {
      dependencies: ['none'],
      tracking: { campaignKey: 'spring26', events: ['webinar_signup'], crmCampaign: 'CRM-2026-SPRING' },
      approvers: [
        { accountId: BRAND, role: 'brand' },
        { accountId: COMPLIANCE, role: 'compliance' },
      ],
      launchCriteria: 'Landing page live, emails scheduled, tracking verified',
      definitionOfDone: 'All assets live and the 72-hour report shared',
    },
    assets: [
      {
        id: 'asset-1',
        type: 'email',
        spec: '600px HTML email, 3 modules',
        name: 'spring26-email-invite-v2',
        previousNames: ['spring26-email-invite-v1'],
        copy: 'Join our spring webinar on modern finance operations.',
        trackedUrls: ['https://acme.example/webinar?utm_source=newsletter&utm_medium=email&utm_campaign=spring26'],
        builtBy: BUILDER,
        writers: [BUILDER],
        readyForReview: true,
      },
    ],
    checks: Object.fromEntries(
      [
        'qa.events-firing',
        'qa.crm-routing',
        'qa.claims-validated',
        'qa.positioning-aligned',
        'qa.links-functional',
        'qa.forms-tested',
        'qa.rollback-path',
      ].map((code) => [code, { ...stamp, done: true }]),
    ),
    launch: {
      window: { start: '2026-06-01T08:00:00.000Z', end: '2026-06-08T08:00:00.000Z' },
      monitoringOwnerId: 'acc-ops',
      observations: [
        { ...stamp, checkpoint: '1h', note: 'sends delivered', at: '2026-06-01T09:00:00.000Z' },
        { ...stamp, checkpoint: '24h', note: 'open rate 41%', at: '2026-06-02T08:00:00.000Z' },
        { ...stamp, checkpoint: '72h', note: '212 sign-ups', at: '2026-06-04T08:00:00.000Z' },
      ],
      anomalyPlan: 'Pause sends and page the lifecycle owner',
    },
    retrospective: {
      slowedDown: 'legal review queue',
      rework: 'hero image resized twice',
      broke: 'nothing',
      template: 'the invite email',
      outcome: { result: 'attained', actual: '+18% demo requests' },
    },
  };
  // Every tier's default approval path is complete: compliance first, then brand.
  const fingerprint = approvedContentFingerprint(record.assets, completeFacts().description);
  return {
    ...record,
    approvals: [
      { by: COMPLIANCE, at, role: 'compliance', fingerprint },
      { by: BRAND, at: '2026-06-05T11:00:00.000Z', role: 'brand', fingerprint },
    ],
  };
};

/** When the complete record's request entered Launch: its observations fall at +1 h, +24 h and +72 h from it. */
export const LAUNCHED_AT = '2026-06-01T08:00:00.000Z';
export const LAUNCH_HISTORY = { launchEnteredAt: LAUNCHED_AT };

/** The roles of the tests' people: a triage lead, a compliance approver, a brand approver, the assignee reporting figures. */
export const ROLES: AppConfig['roles'] = {
  triageLeads: [TRIAGE_LEAD],
  approvers: [
    { key: 'compliance', label: 'Compliance', members: [COMPLIANCE] },
    { key: 'brand', label: 'Brand', members: [BRAND] },
    { key: 'legal', label: 'Legal', members: [] },
  ],
  figureReporters: [ASSIGNEE],
};

export const config = (overrides: Partial<AppConfig> = {}): AppConfig => ({
  ...DEFAULT_CONFIG,
  roles: ROLES,
  ...overrides,
});

/** A description in Atlassian Document Format, one paragraph a line. */
export const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: text.split('\n').map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
});

/** The revision of the record stored for an issue (0 when none): what the panel would have read before a write. */
export const storedRevision = (store: MemoryStore, issueId = '10001'): number =>
  (store.data.get(storageKeys.record(issueId)) as { revision?: number } | undefined)?.revision ?? 0;
