import { describe, expect, it } from 'vitest';
import { campaignStorageKey } from '../../src/contracts/crm-figures.schema';
import { storedStageLog } from '../../src/contracts/stage-log.schema';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { stageLogOf } from '../../src/domain/stage-log';
import { storageKeys } from '../../src/use-cases/ports';
import { ASSIGNEE, completeRecord, REQUESTER } from '../fakes/fixtures';
import { testDeps, world } from '../fakes/site-deps';

const NOW = new Date('2026-06-10T12:00:00.000Z');
const panel = (accountId: string) => ({ accountId, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } });
const CAMPAIGN = completeRecord().plan.tracking.campaignKey!;

const launchedWorld = () => {
  const setup = world(completeRecord('revenue'), 'Measure + Improve');
  setup.jira.addStatusChange('10001', '2026-05-01T10:00:00.000+0000', 'QA + Governance', 'Launch');
  const change = { at: '2026-05-01T10:00:00.000Z', fromStatus: 'QA + Governance', toStatus: 'Launch', fromStage: 'qa' as const, toStage: 'launch' as const, by: ASSIGNEE };
  setup.store.data.set(storageKeys.stageLog('10001'), storedStageLog(stageLogOf([change]), 1));
  for (const account of [ASSIGNEE, REQUESTER]) {
    setup.jira.grant(account, '10001', 'browse');
    setup.jira.grant(account, '10001', 'edit');
  }
  return { ...setup, handlers: panelHandlers(testDeps(setup.jira, setup.store, NOW)) };
};

describe('Replace it, bound to the revision only', () => {
  it('an agreement given for one figure replaces another figure the person was never asked about', async () => {
    const { handlers, store, jira } = launchedWorld();
    jira.addPerson('acc-admin', 'Avery Admin');
    const at = NOW.toISOString();
    const a = { date: '2026-05-25', values: { mqls: 100 }, source: 'Import: crm.csv', by: 'acc-admin', at };
    const b = { date: '2026-05-26', values: { mqls: 200 }, source: 'Import: crm.csv', by: 'acc-admin', at };
    store.data.set(campaignStorageKey(CAMPAIGN), { campaign: CAMPAIGN, revision: 1, entries: [a, b] });
    const asked = await handlers['outcome/record-figure']({
      context: panel(ASSIGNEE),
      payload: { key: 'mqls', value: 130, date: '2026-05-25', source: 'Salesforce' },
    });
    console.log('asked', JSON.stringify(asked));
    // The answer to the question about 25 May, sent with another day's figure.
    const replaced = await handlers['outcome/record-figure']({
      context: panel(ASSIGNEE),
      payload: { key: 'mqls', value: 5, date: '2026-05-26', source: 'Salesforce', replacesRevision: 1 },
    });
    console.log('replaced', JSON.stringify(replaced).slice(0, 400));
    console.log('stored', JSON.stringify(store.data.get(campaignStorageKey(CAMPAIGN))));
    expect(replaced).toMatchObject({ ok: true, data: { saved: true } });
  });
});
