import { describe, expect, it } from 'vitest';
import { readManifest } from '../../sandbox/app-host';
import { displayConditionsHold, type IssueViewPlace } from '../../sandbox/forge/display-conditions';
import { checkedDynamicProperties, issueViewModules } from '../../sandbox/forge/issue-view';

const place = (issueType: string, projectKey = 'MKT'): IssueViewPlace => ({
  issueKey: `${projectKey}-1`,
  issueId: '10001',
  issueType,
  projectKey,
  projectId: '10000',
});
const extensionOf = (at: IssueViewPlace) => ({
  issue: { id: at.issueId, key: at.issueKey, type: at.issueType, typeId: '10010' },
  project: { id: at.projectId, key: at.projectKey, type: 'business' },
});

describe("the sandbox's display conditions (Forge's rules for issue view modules)", () => {
  it('matches the issue type by name, one or any of a list', () => {
    expect(displayConditionsHold({ issueType: 'Marketing Request' }, place('Marketing Request'))).toBe(true);
    expect(displayConditionsHold({ issueType: 'Marketing Request' }, place('Task'))).toBe(false);
    expect(displayConditionsHold({ issueType: ['Bug', 'Task'] }, place('Task'))).toBe(true);
    expect(displayConditionsHold(undefined, place('Task'))).toBe(true);
  });

  it('holds every condition of a level, any under or, none under not, with objects or arrays', () => {
    expect(displayConditionsHold({ issueType: 'Task', projectKey: 'BRD' }, place('Task'))).toBe(false);
    expect(displayConditionsHold({ or: { projectKey: 'BRD', issueType: 'Task' } }, place('Task'))).toBe(true);
    expect(
      displayConditionsHold({ or: [{ projectKey: 'BRD' }, { and: [{ projectKey: 'MKT' }, { issueType: 'Task' }] }] }, place('Task')),
    ).toBe(true);
    expect(displayConditionsHold({ projectKey: 'MKT', not: { issueType: 'Epic' } }, place('Task'))).toBe(true);
    expect(displayConditionsHold({ not: [{ issueType: 'Epic' }, { issueType: 'Task' }] }, place('Task'))).toBe(false);
  });

  it('refuses a condition it does not emulate, by name, instead of guessing', () => {
    expect(() => displayConditionsHold({ canDeleteAllComments: true }, place('Task'))).toThrow(
      'the sandbox does not emulate the display condition "canDeleteAllComments"',
    );
  });
});

describe('the issue view modules the sandbox shows, from manifest.yml', () => {
  const manifest = readManifest();

  it('shows neither the panel nor the badge on an issue that is not a Marketing Request, and asks no status', async () => {
    const calls: string[] = [];
    const at = place('Task');
    expect(await issueViewModules(manifest, at, extensionOf(at), async (functionKey) => (calls.push(functionKey), {}))).toEqual([]);
    expect(calls).toEqual([]);
  });

  it("shows the panel and the badge on a Marketing Request, the badge's status from its dynamicProperties function with Jira's payload", async () => {
    const calls: { functionKey: string; payload: unknown }[] = [];
    const status = { type: 'lozenge', value: { label: 'QA 7/10', type: 'inprogress' } };
    const at = place('Marketing Request');
    const shown = await issueViewModules(
      manifest,
      at,
      extensionOf(at),
      async (functionKey, payload) => (calls.push({ functionKey, payload }), { status }),
    );
    expect(shown).toEqual([
      { type: 'jira:issuePanel', key: 'flight-plan-panel', resource: 'issue-panel', title: 'Flight Plan' },
      {
        type: 'jira:issueContext',
        key: 'flight-plan-badge',
        resource: 'issue-panel',
        title: 'Flight Plan',
        label: 'Gate progress',
        status,
      },
    ]);
    expect(calls).toEqual([
      {
        functionKey: 'gate-badge-status-fn',
        payload: { cloudId: 'sandbox-cloud', extension: { ...extensionOf(at), type: 'jira:issueContext' } },
      },
    ]);
  });

  it('refuses a status Jira could not show, naming what is wrong', () => {
    expect(() =>
      checkedDynamicProperties('flight-plan-badge', { status: { type: 'lozenge', value: { label: 'QA', type: 'green' } } }),
    ).toThrow("flight-plan-badge's dynamicProperties status is not one Jira shows: /value/type must be equal to one of the allowed values");
    expect(() => checkedDynamicProperties('flight-plan-badge', { status: { type: 'lozenge', value: { label: '' } } })).toThrow(
      '/value/label must NOT have fewer than 1 characters',
    );
    expect(() => checkedDynamicProperties('flight-plan-badge', 'QA 7/10')).toThrow('returned "QA 7/10", not an object');
  });
});
