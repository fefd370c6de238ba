import { NO_PEOPLE_HISTORY } from '../../src/domain/issue-facts';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueFactsFrom } from '../../src/contracts/jira-issue-facts';
import { parseStoredConfig } from '../../src/contracts/app-config.schema';
import { parseStoredRecord } from '../../src/contracts/flight-plan-record.schema';
import { jiraIssueSchema } from '../../src/contracts/jira-schemas';
import { parseStageLog } from '../../src/contracts/stage-log.schema';
import { stageOfStatus } from '../../src/domain/app-config';
import { evaluateGate } from '../../src/domain/gates/evaluate-gate';
import { GATES } from '../../src/domain/gates/gate-items';
import { classifyMove, trackOrder, type Stage } from '../../src/domain/stages';
import { storageKeys } from '../../src/use-cases/ports';
import { templateSchema } from '../../src/contracts/templates.schema';
import { APP_FIELD_IDS, userByRole, usersInRole } from '../../sandbox/catalogue';
import { personLoads } from '../../src/domain/capacity';
import { builderLoadFactors } from '../../src/domain/forecast/builder-load';
import { lastEntryInto } from '../../src/domain/stage-log';
import { DEMO_CONFIG, DEMO_RATE_CLAIM, demoLibrary } from '../../sandbox/demo-data';
import { reviewLexicon } from '../../src/domain/copy-review';
import { issueJson } from '../../sandbox/jira/issue-json';
import { DEMO_PEOPLE } from '../../sandbox/jira/people';
import { ConfigView } from '../../sandbox/jira/site-config';
import type { SiteData, StoredIssue } from '../../sandbox/jira/site-state';
import { demoSiteAt } from './sandbox-site';
import { demoCrmReport, demoLaunchDate } from '../../sandbox/demo-crm';
import { campaignStorageKey, type StoredCampaignFigures } from '../../src/contracts/crm-figures.schema';
import { toCalendarDate } from '../../src/domain/business-days';
import type { SuccessMetric } from '../../src/domain/outcomes/catalogue';
import { crmSnapshotsFromCsv } from '../../src/domain/outcomes/crm-csv';
import { requestOutcome } from '../../src/domain/outcomes/outcomes';
import { campaignFigures } from '../../src/domain/outcomes/snapshots';

const ANCHOR = new Date('2026-11-24T09:00:00.000Z');
let site: SiteData;
let view: ConfigView;
beforeAll(async () => {
  site = await demoSiteAt({ anchor: ANCHOR });
  view = new ConfigView(site.config);
});

const stageOf = (issue: StoredIssue): Stage | null => {
  const status = issueJson(issue, view, DEMO_PEOPLE).fields['status'] as { name: string };
  return stageOfStatus(status.name, DEMO_CONFIG.statusMap);
};
const stageLogOfIssue = (issue: StoredIssue) => parseStageLog(site.appStorage[storageKeys.stageLog(issue.id)])!.log;
const logOf = (issue: StoredIssue) => stageLogOfIssue(issue).changes;
const recordOf = (issue: StoredIssue) => {
  const parsed = parseStoredRecord(site.appStorage[storageKeys.record(issue.id)], issue.id);
  if (!parsed.ok) throw new Error(`${issue.key}: ${parsed.error.message}`);
  return parsed.value;
};
const storedConfig = () => {
  const stored = parseStoredConfig(site.appStorage[storageKeys.config]);
  if (!stored.ok) throw new Error(stored.error.message);
  return stored.value.config;
};
const factsOf = (issue: StoredIssue) =>
  issueFactsFrom(jiraIssueSchema.parse(issueJson(issue, view, DEMO_PEOPLE, null, 'schema')), NO_PEOPLE_HISTORY);

describe('the demo data set', () => {
  it('is the same every time for the same day', async () => {
    expect(JSON.stringify(await demoSiteAt({ anchor: ANCHOR }))).toBe(JSON.stringify(site));
  });

  it('stores what the app itself would: a valid config, records and stage logs', () => {
    expect(parseStoredConfig(site.appStorage[storageKeys.config]).ok).toBe(true);
    expect(site.issues).toHaveLength(240);
    for (const issue of site.issues) {
      expect(() => recordOf(issue)).not.toThrow();
      expect(logOf(issue).map((change) => change.toStatus)).toEqual(issue.histories.map((history) => history.items[0]!.toString));
    }
  });

  it('spreads requests over every stage and tier, with rework, QA returns, parked, declined and late launches', () => {
    const stages = new Set(site.issues.map(stageOf));
    expect([...stages].sort()).toEqual(['build', 'declined', 'done', 'intake', 'launch', 'measure', 'planning', 'qa', 'triage', 'waiting']);
    expect(new Set(site.issues.map((issue) => issue.custom[APP_FIELD_IDS.tier])).size).toBe(4); // three tiers, and none before triage
    const moves = site.issues.flatMap((issue) =>
      logOf(issue).flatMap((change) => (change.fromStage && change.toStage ? [classifyMove(change.fromStage, change.toStage)] : [])),
    );
    expect(moves.filter((move) => move === 'qa-return').length).toBeGreaterThan(10);
    expect(moves.filter((move) => move === 'revision').length).toBeGreaterThan(5);
    const late = site.issues.filter((issue) => {
      const launch = logOf(issue).find((change) => change.toStage === 'launch');
      return launch !== undefined && issue.duedate !== null && launch.at.slice(0, 10) > issue.duedate;
    });
    expect(late.length).toBeGreaterThan(10);
  });

  it("has every request that left a stage pass that stage's gate, as the validators would have required", () => {
    let checked = 0;
    for (const issue of site.issues) {
      const stage = stageOf(issue);
      const order = stage === null ? null : trackOrder(stage);
      if (order === null) continue;
      const record = recordOf(issue);
      // Intake judged the launch date against the day the request was filed, not today.
      for (const gate of GATES.slice(1, order)) {
        const evaluation = evaluateGate(gate, record, factsOf(issue), storedConfig(), ANCHOR, {
          launchEnteredAt: lastEntryInto(stageLogOfIssue(issue), 'launch') ?? null,
        });
        expect(
          evaluation.items.filter((item) => item.mandatory && item.missing !== null),
          `${issue.key} ${gate}`,
        ).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it("keeps the demo library in the stored configuration, and MKT-2's rate claim is resolved by it until the claim expires", () => {
    const [, regulated] = site.issues;
    const config = storedConfig();
    expect(config.messagingLibrary).toEqual(demoLibrary(ANCHOR));
    const review = (now: Date) => reviewLexicon(recordOf(regulated!), { facts: factsOf(regulated!), config }, 'regulated', now);
    expect(review(ANCHOR).resolvedByLibrary.map((citation) => [citation.hit.matched, citation.claim.text])).toEqual([
      ['guaranteed', DEMO_RATE_CLAIM],
    ]);
    expect(review(ANCHOR).unresolved).toEqual([]);
    // 90 days on the claim is on its last day; the day after it no longer counts.
    expect(review(new Date(ANCHOR.getTime() + 90 * 86_400_000)).unresolved).toEqual([]);
    expect(review(new Date(ANCHOR.getTime() + 91 * 86_400_000)).unresolved.map((hit) => hit.matched)).toEqual(['guaranteed']);
  });

  it('keeps, for the audit, each launch whose copy used the library claim', () => {
    const uses = Object.entries(site.appStorage).filter(([key]) => key.startsWith('libraryuse:'));
    const launchedWithClaim = site.issues.filter(
      (issue) =>
        logOf(issue).some((change) => change.toStage === 'launch') &&
        recordOf(issue).assets.some((asset) => asset.copy.includes(DEMO_RATE_CLAIM)),
    );
    expect(launchedWithClaim.length).toBeGreaterThan(3);
    expect(uses.map(([, value]) => (value as { key: string }).key).sort()).toEqual(launchedWithClaim.map((issue) => issue.key).sort());
    expect(uses.every(([, value]) => JSON.stringify((value as { claimIds: string[] }).claimIds) === '["claim-1"]')).toBe(true);
  });

  it('starts with the two walk-through requests waiting at the QA gate for the reasons the README gives', () => {
    const [revenue, regulated] = site.issues;
    const missing = (issue: StoredIssue) =>
      evaluateGate('qa', recordOf(issue), factsOf(issue), storedConfig(), ANCHOR)
        .items.filter((item) => item.mandatory && item.missing !== null)
        .map((item) => item.code);
    expect(revenue!.key).toBe('MKT-1');
    expect(missing(revenue!)).toEqual([
      'qa.utm-structured',
      'qa.claims-validated',
      'qa.positioning-aligned',
      'qa.links-functional',
      'qa.forms-tested',
      'qa.rollback-path',
    ]);
    expect(regulated!.assigneeId).toBe(userByRole('builder').accountId);
    expect(missing(regulated!)).toEqual(['qa.compliance-approval']);
  });
});

describe("the demo team's load", () => {
  it('spreads accepted work over three builders, Blake carrying about twice the usual load, so his forecasts allow for it', () => {
    const requests = site.issues.map((issue) => ({
      id: issue.id,
      assigneeId: issue.assigneeId,
      stage: stageOf(issue),
      effort: typeof issue.custom[APP_FIELD_IDS.effort] === 'number' ? (issue.custom[APP_FIELD_IDS.effort] as number) : null,
    }));
    const loads = personLoads(requests);
    expect(loads.map((person) => person.accountId)).toEqual(usersInRole('builder').map((builder) => builder.accountId));
    for (const person of loads) expect(person.requests).toBeGreaterThanOrEqual(10);
    const factors = builderLoadFactors(
      new Map(requests.flatMap((request) => (request.assigneeId === null ? [] : [[request.id, request.assigneeId] as const]))),
      loads,
    );
    const blakes = new Set(
      requests.filter((request) => request.assigneeId === userByRole('builder').accountId).map((request) => request.id),
    );
    expect(factors.size).toBeGreaterThan(0);
    for (const [id, factor] of factors) {
      expect(blakes.has(id)).toBe(true);
      expect(factor).toBeGreaterThanOrEqual(1.5);
      expect(factor).toBeLessThanOrEqual(2.5);
    }
  });
});

describe('the demo CRM report', () => {
  it('reads as a Flight Plan CSV, and brings requests that missed their target to it, as of their windows', () => {
    const csv = demoCrmReport(site, toCalendarDate(ANCHOR));
    const rows = crmSnapshotsFromCsv(
      csv,
      storedConfig().indicators.map((indicator) => indicator.key),
    );
    if (!rows.ok) throw new Error(rows.error.message);
    expect(rows.value.length).toBeGreaterThanOrEqual(5);
    for (const issue of site.issues) {
      const summary = issue.properties['flight-plan-summary'] as { campaign?: string; metric?: SuccessMetric } | undefined;
      const row = rows.value.find((candidate) => candidate.campaign === summary?.campaign);
      if (row === undefined || summary?.metric === undefined) continue;
      const launchDate = demoLaunchDate(site, issue);
      const stored = site.appStorage[campaignStorageKey(row.campaign)] as StoredCampaignFigures;
      const snapshots = [...stored.entries.map((entry) => ({ campaign: row.campaign, ...entry })), row];
      const request = { key: issue.key, campaign: row.campaign, metric: summary.metric, launchDate };
      const before = requestOutcome(request, campaignFigures(snapshots.slice(0, -1), toCalendarDate(ANCHOR)), toCalendarDate(ANCHOR));
      const after = requestOutcome(request, campaignFigures(snapshots, toCalendarDate(ANCHOR)), toCalendarDate(ANCHOR));
      expect([before?.result, after?.result]).toEqual([expect.stringMatching(/^(missed|partly)$/), 'attained']);
    }
  });
});

describe('the demo offers a template to start from', () => {
  it('keeps one finished request as a template, readable as the app reads templates, with its source and Success metric', () => {
    const stored = Object.entries(site.appStorage).filter(([key]) => key.startsWith(storageKeys.templatesPrefix));
    expect(stored).toHaveLength(1);
    const template = templateSchema.parse(stored[0]?.[1]);
    const from = site.issues.find((issue) => issue.key === template.fromKey);
    expect(from && view.status(from.statusId)?.name).toBe('Done');
    expect(template.assets.length).toBeGreaterThan(0);
    expect(template.successMetric).toBe(from?.custom[APP_FIELD_IDS.successMetric]);
    // Saved as the app saves one: by the id of its source, so only people who may browse that request are offered it.
    expect(template.fromIssueId).toBe(from?.id);
  });
});
