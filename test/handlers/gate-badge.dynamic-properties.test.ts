import { describe, expect, it } from 'vitest';
import { gateBadgeDynamicProperties } from '../../src/handlers/dynamic-properties/gate-badge.dynamic-properties';
import { storageKeys } from '../../src/use-cases/ports';
import { completeRecord } from '../fakes/fixtures';
import { world } from '../fakes/site-deps';

/** What Jira passes the function (manifest reference, jira:issueContext, "Dynamic properties"). */
const payload = (issueId: string | number = '10001') => ({
  cloudId: 'cloud-1',
  extension: {
    type: 'jira:issueContext',
    issue: { id: issueId, key: 'MKT-1', type: 'Marketing Request', typeId: '10010' },
    project: { id: '10000', key: 'MKT', type: 'business' },
  },
});

describe("the gate badge's dynamicProperties function", () => {
  it('answers the next gate as a status lozenge, green once the gate is ready', async () => {
    const { deps } = world(completeRecord('regulated'));
    expect(await gateBadgeDynamicProperties(deps)(payload())).toEqual({
      status: { type: 'lozenge', value: { label: 'QA 12/12', type: 'success' } },
    });
  });

  it('shows what is missing as progress, judged now from the record and the issue as the panel judges them', async () => {
    const record = completeRecord('regulated');
    const { 'qa.claims-validated': _unchecked, ...checks } = record.checks;
    const { deps } = world({ ...record, checks });
    expect(await gateBadgeDynamicProperties(deps)(payload(10001))).toEqual({
      status: { type: 'lozenge', value: { label: 'QA 11/12', type: 'inprogress' } },
    });
  });

  it('names the stage off the gates, in words', async () => {
    const { deps } = world(completeRecord('regulated'), 'Done');
    expect(await gateBadgeDynamicProperties(deps)(payload())).toEqual({
      status: { type: 'lozenge', value: { label: 'Done', type: 'success' } },
    });
  });

  it('reads nothing for a viewer Forge names who cannot browse the issue', async () => {
    const { deps, jira } = world(completeRecord('regulated'));
    jira.grant('acc-viewer', '10001', 'browse');
    const viewer = (accountId: string) => ({ principal: { accountId } });
    expect((await gateBadgeDynamicProperties(deps)(payload(), viewer('acc-viewer'))).status.value.label).toBe('QA 12/12');
    const requests = jira.requests.length;
    expect((await gateBadgeDynamicProperties(deps)(payload(), viewer('acc-stranger'))).status.value.label).toBe('Unavailable');
    // Only the permission check went to Jira: not the issue.
    expect(jira.requests.slice(requests).map((request) => request.path)).toEqual([expect.stringContaining('/permissions/check')]);
  });

  it('says the status is unavailable, without throwing, when the payload, the issue or the record cannot be read', async () => {
    const unavailable = { status: { type: 'lozenge', value: { label: 'Unavailable', type: 'default' } } };
    const { deps, store } = world(completeRecord('regulated'));
    expect(await gateBadgeDynamicProperties(deps)({ extension: {} })).toEqual(unavailable);
    expect(await gateBadgeDynamicProperties(deps)(payload('99999'))).toEqual(unavailable);
    store.data.set(storageKeys.record('10001'), { not: 'a record' });
    expect(await gateBadgeDynamicProperties(deps)(payload())).toEqual(unavailable);
  });
});
