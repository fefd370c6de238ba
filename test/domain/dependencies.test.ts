import { describe, expect, it } from 'vitest';
import { requestLinksFrom } from '../../src/contracts/issue-links';
import { dependencyCycle, dependentNotice, loopWords, unlaunchedBlockers, type LinkedRequest } from '../../src/domain/dependencies';
import { blockedMessage, evaluateGate } from '../../src/domain/gates/evaluate-gate';
import { completeFacts, completeRecord, config, LAUNCH_HISTORY, NOW } from '../fakes/fixtures';

const blocker = (key: string, status: string): LinkedRequest => ({
  linkId: `link-${key}`,
  issueId: key,
  key,
  summary: `${key} work`,
  status,
});

/** Nothing else blocks it. */
const NONE = { named: [], unseen: 0 };

describe('dependencies between requests', () => {
  it("reads blockers and dependents from the issue's issuelinks as Jira labels them, and nothing from other link types", () => {
    const other = (key: string, status: string) => ({ id: key, key, fields: { summary: `${key} work`, status: { name: status } } });
    const blocks = { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' };
    const links = requestLinksFrom([
      { id: '1', type: blocks, inwardIssue: other('MKT-3', 'Build') },
      { id: '2', type: blocks, outwardIssue: other('MKT-9', 'Planning') },
      { id: '3', type: { name: 'Relates', inward: 'relates to', outward: 'relates to' }, inwardIssue: other('MKT-4', 'QA') },
      { id: '4', type: blocks },
      'not a link',
    ]);
    expect(links).toEqual({
      blockers: [{ linkId: '1', issueId: 'MKT-3', key: 'MKT-3', summary: 'MKT-3 work', status: 'Build' }],
      dependents: [{ linkId: '2', issueId: 'MKT-9', key: 'MKT-9', summary: 'MKT-9 work', status: 'Planning' }],
    });
    // A renamed Blocks type is still known by its inward description.
    expect(
      requestLinksFrom([{ id: '5', type: { name: 'Blocker', inward: 'is blocked by' }, inwardIssue: other('MKT-1', 'Intake') }]).blockers,
    ).toHaveLength(1);
    expect(requestLinksFrom(undefined)).toEqual({ blockers: [], dependents: [] });
  });

  it('refuses the Launch transition while a blocker has not launched, and lets it through once every one has', () => {
    const statuses = (...pairs: [string, string][]) => ({ blockers: pairs.map(([key, status]) => blocker(key, status)), dependents: [] });
    const judge = (links: ReturnType<typeof statuses>) =>
      evaluateGate('qa', completeRecord('revenue'), { ...completeFacts(), links }, config(), NOW, LAUNCH_HISTORY);

    const blocked = judge(statuses(['MKT-12', 'Build'], ['MKT-3', 'QA + Governance'], ['MKT-7', 'Launch']));
    expect(blocked.passed).toBe(false);
    expect(blockedMessage(blocked)).toBe('QA gate: blocked by MKT-3 and MKT-12, not launched yet');

    expect(judge(statuses(['MKT-7', 'Launch'], ['MKT-8', 'Measure + Improve'])).passed).toBe(true);
    // A blocker closed after Measure + Improve has launched too: it held the gate shut for good before.
    expect(judge(statuses(['MKT-9', 'Done'])).passed).toBe(true);
    expect(judge(statuses()).passed).toBe(true);
  });

  it('keeps a declined blocker blocking until the dependency is removed', () => {
    expect(unlaunchedBlockers([blocker('MKT-3', 'Declined')], config().statusMap).map((b) => b.key)).toEqual(['MKT-3']);
    expect(dependentNotice({ key: 'MKT-3', summary: 'Pricing page' }, 'declined', NONE)).toBe(
      'Dependency update: MKT-3 (Pricing page) was declined and will not launch: re-plan this request without it, then remove the dependency so it can launch.',
    );
  });

  it('tells a dependent what still blocks it when a blocker launches', () => {
    expect(dependentNotice({ key: 'MKT-3', summary: 'Pricing page' }, 'launched', NONE)).toBe(
      'Dependency update: MKT-3 (Pricing page) has launched. Nothing else blocks this request from launching.',
    );
    expect(dependentNotice({ key: 'MKT-3', summary: 'Pricing page' }, 'launched', { named: ['MKT-4'], unseen: 0 })).toBe(
      'Dependency update: MKT-3 (Pricing page) has launched. This request is still blocked by MKT-4.',
    );
  });

  it('names in a comment only what all its readers may see: the others are counted, never named or summarised', () => {
    expect(dependentNotice(null, 'launched', { named: ['MKT-4'], unseen: 2 })).toBe(
      'Dependency update: A request this one is blocked by (not named here) has launched. This request is still blocked by MKT-4 and 2 requests not named here.',
    );
    expect(dependentNotice(null, 'declined', NONE)).toBe(
      'Dependency update: A request this one is blocked by (not named here) was declined and will not launch: re-plan this request without it, then remove the dependency so it can launch.',
    );
    // A loop read to its caller: a stretch of requests they cannot see reads as one.
    const loop = ['MKT-5', 'MKT-3', 'OPS-1', 'OPS-2', 'MKT-4', 'HR-9', 'MKT-5'];
    expect(loopWords(loop, new Set(['MKT-5', 'MKT-3', 'MKT-4']))).toBe(
      'MKT-5 waits on MKT-3 waits on 2 requests you cannot see waits on MKT-4 waits on a request you cannot see waits on MKT-5',
    );
    expect(loopWords(['MKT-5', 'MKT-3', 'MKT-5'], new Set(['MKT-5', 'MKT-3']))).toBe('MKT-5 waits on MKT-3 waits on MKT-5');
  });

  it('finds the loop a new dependency would close, through any number of requests, and none where there is none', () => {
    // MKT-3 is blocked by MKT-4, which is blocked by MKT-5.
    const blockersOf = new Map([
      ['MKT-3', ['MKT-4']],
      ['MKT-4', ['MKT-5', 'MKT-6']],
    ]);
    expect(dependencyCycle(blockersOf, 'MKT-5', 'MKT-3')).toEqual(['MKT-5', 'MKT-3', 'MKT-4', 'MKT-5']);
    expect(dependencyCycle(blockersOf, 'MKT-4', 'MKT-3')).toEqual(['MKT-4', 'MKT-3', 'MKT-4']);
    expect(dependencyCycle(blockersOf, 'MKT-3', 'MKT-3')).toEqual(['MKT-3', 'MKT-3']);
    expect(dependencyCycle(blockersOf, 'MKT-3', 'MKT-5')).toBeNull();
    expect(dependencyCycle(blockersOf, 'MKT-9', 'MKT-3')).toBeNull();
  });
});
