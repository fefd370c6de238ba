import { describe, expect, it } from 'vitest';
import { approvalPathProblem, pathProgress, stepsBefore, type ApprovalPath } from '../../src/domain/approval-paths';
import { approvedContentFingerprint } from '../../src/domain/content-fingerprint';
import type { Approval, FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { applyCommand } from '../../src/domain/record-commands';
import { evaluateGate } from '../../src/domain/gates/evaluate-gate';
import { ASSIGNEE, BRAND, COMPLIANCE, completeFacts, completeRecord, config, LAUNCH_HISTORY, NOW, ROLES, SCORES } from '../fakes/fixtures';

const people = completeFacts();
const BRAND_2 = 'acc-brand-2';
const roles = {
  ...ROLES,
  approvers: ROLES.approvers.map((role) => (role.key === 'brand' ? { ...role, members: [BRAND, BRAND_2] } : role)),
};
const base = completeRecord('regulated');
const fingerprint = approvedContentFingerprint(base.assets, people.description);
const approval = (by: string, role: string, at: string, print: string | null = fingerprint): Approval => ({
  by,
  role,
  at,
  fingerprint: print,
});
const withApprovals = (...approvals: Approval[]): FlightPlanRecord => ({ ...base, approvals });

const PARALLEL: ApprovalPath = {
  order: 'parallel',
  steps: [
    { role: 'compliance', count: 1 },
    { role: 'brand', count: 2 },
  ],
};
const IN_ORDER: ApprovalPath = {
  order: 'in-order',
  steps: [
    { role: 'compliance', count: 1 },
    { role: 'brand', count: 1 },
  ],
};
// The request entered QA on Monday 2026-06-08 at 09:00; the assets last changed before that (fixture: none recorded).
const QA_ENTERED = '2026-06-08T09:00:00.000Z';

describe('pathProgress', () => {
  it('completes a parallel path when each role has its count of current approvals', () => {
    const progress = pathProgress(
      PARALLEL,
      withApprovals(
        approval(COMPLIANCE, 'compliance', '2026-06-08T10:00:00.000Z'),
        approval(BRAND, 'brand', '2026-06-08T11:00:00.000Z'),
        approval(BRAND_2, 'brand', '2026-06-09T09:30:00.000Z'),
      ),
      people,
      roles,
      QA_ENTERED,
    );
    expect(progress.complete).toBe(true);
    // Parallel: every step is due from the move into QA; brand completed with its second approval.
    expect(progress.steps.map((step) => [step.role, step.counted.length, step.dueSince, step.completedAt])).toEqual([
      ['compliance', 1, QA_ENTERED, '2026-06-08T10:00:00.000Z'],
      ['brand', 2, QA_ENTERED, '2026-06-09T09:30:00.000Z'],
    ]);
  });

  it('counts how many of each role: one brand approval of two is not enough', () => {
    const progress = pathProgress(
      PARALLEL,
      withApprovals(approval(COMPLIANCE, 'compliance', '2026-06-08T10:00:00.000Z'), approval(BRAND, 'brand', '2026-06-08T11:00:00.000Z')),
      people,
      roles,
      QA_ENTERED,
    );
    expect(progress.complete).toBe(false);
    expect(approvalPathProblem(progress, roles)).toBe('approval path incomplete: Brand needs 1 more approval');
  });

  it('does not count a stale approval, or one by someone outside the role', () => {
    const stale = approval(BRAND, 'brand', '2026-06-08T11:00:00.000Z', 'an-older-fingerprint');
    const outsider = approval('acc-someone', 'brand', '2026-06-08T12:00:00.000Z');
    const progress = pathProgress(
      PARALLEL,
      withApprovals(approval(COMPLIANCE, 'compliance', '2026-06-08T10:00:00.000Z'), stale, outsider),
      people,
      roles,
      QA_ENTERED,
    );
    expect(progress.steps[1]!.counted).toEqual([]);
    expect(approvalPathProblem(progress, roles)).toBe('approval path incomplete: Brand needs 2 more approvals');
  });

  it('counts a person once on the whole path, even when they hold two roles', () => {
    const both = { ...roles, approvers: roles.approvers.map((role) => (role.key === 'brand' ? { ...role, members: [COMPLIANCE] } : role)) };
    const progress = pathProgress(
      IN_ORDER,
      withApprovals(
        approval(COMPLIANCE, 'compliance', '2026-06-08T10:00:00.000Z'),
        approval(COMPLIANCE, 'brand', '2026-06-08T10:05:00.000Z'),
      ),
      people,
      both,
      QA_ENTERED,
    );
    expect(progress.steps.map((step) => step.complete)).toEqual([true, false]);
  });

  it('makes an in-order step due only once the step before is complete, and says who is next', () => {
    const waiting = pathProgress(IN_ORDER, withApprovals(), people, roles, QA_ENTERED);
    expect(waiting.steps.map((step) => step.dueSince)).toEqual([QA_ENTERED, null]);
    expect(approvalPathProblem(waiting, roles)).toBe('approval path incomplete: Compliance needs 1 more approval, then Brand');
    const half = pathProgress(
      IN_ORDER,
      withApprovals(approval(COMPLIANCE, 'compliance', '2026-06-09T15:00:00.000Z')),
      people,
      roles,
      QA_ENTERED,
    );
    expect(half.steps.map((step) => step.dueSince)).toEqual([QA_ENTERED, '2026-06-09T15:00:00.000Z']);
    expect(approvalPathProblem(half, roles)).toBe('approval path incomplete: Brand needs 1 more approval');
  });

  it('restarts the wait when the assets change after the move into QA', () => {
    const changed = { ...base, assets: base.assets.map((asset) => ({ ...asset, contentChangedAt: '2026-06-09T08:00:00.000Z' })) };
    expect(pathProgress(IN_ORDER, changed, people, roles, QA_ENTERED).steps[0]!.dueSince).toBe('2026-06-09T08:00:00.000Z');
  });

  it('asks nothing of an empty path, and says when no one holds a role', () => {
    expect(pathProgress({ order: 'parallel', steps: [] }, withApprovals(), people, roles, null).complete).toBe(true);
    const nobody = { ...roles, approvers: roles.approvers.map((role) => (role.key === 'brand' ? { ...role, members: [] } : role)) };
    const progress = pathProgress({ order: 'parallel', steps: [{ role: 'brand', count: 1 }] }, withApprovals(), people, nobody, null);
    expect(approvalPathProblem(progress, nobody)).toBe(
      'approval path incomplete: Brand needs 1 more approval (no one holds the Brand role yet)',
    );
  });

  it('says when a step asks more approvals than its role has people, so nobody waits for it', () => {
    const one = {
      ...roles,
      approvers: roles.approvers.map((role) => (role.key === 'brand' ? { ...role, members: ['acc-morgan'] } : role)),
    };
    const progress = pathProgress({ order: 'parallel', steps: [{ role: 'brand', count: 2 }] }, withApprovals(), people, one, null);
    expect(approvalPathProblem(progress, one)).toBe(
      'approval path incomplete: Brand needs 2 more approvals (only 1 person holds the Brand role: a Jira admin adds people to it or asks fewer)',
    );
  });

  it('names the earlier open steps of an in-order path, and none for a parallel one', () => {
    const progress = pathProgress(IN_ORDER, withApprovals(), people, roles, QA_ENTERED);
    expect(stepsBefore(progress, 'brand').map((step) => step.role)).toEqual(['compliance']);
    expect(stepsBefore(progress, 'compliance')).toEqual([]);
    expect(stepsBefore(pathProgress(PARALLEL, withApprovals(), people, roles, QA_ENTERED), 'brand')).toEqual([]);
  });
});

describe('the approve command on an in-order path', () => {
  const actor = (accountId: string) => ({
    accountId,
    now: NOW,
    assigneeId: ASSIGNEE,
    reporterId: 'acc-requester',
    formerOwnerIds: [],
    descriptionWriterIds: [],
    description: people.description,
    scores: SCORES,
    launchEnteredAt: null,
  });

  it('refuses a brand approval before compliance has approved a regulated request, and takes it after', () => {
    const inOrder = config({ approvalPaths: { ...config().approvalPaths, regulated: IN_ORDER } });
    const refused = applyCommand({ ...base, approvals: [] }, { type: 'approve', role: 'brand' }, actor(BRAND), inOrder);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'COMMAND.OUT_OF_ORDER',
        message: 'on the Regulated approval path Brand approves after Compliance, whose approval is not complete yet',
      },
    });
    const afterCompliance = applyCommand(
      { ...base, approvals: [approval(COMPLIANCE, 'compliance', '2026-06-09T10:00:00.000Z')] },
      { type: 'approve', role: 'brand' },
      actor(BRAND),
      inOrder,
    );
    expect(afterCompliance.ok).toBe(true);
  });

  it('takes the approvals of a parallel path in any order', () => {
    const parallel = config({ approvalPaths: { ...config().approvalPaths, regulated: PARALLEL } });
    expect(applyCommand({ ...base, approvals: [] }, { type: 'approve', role: 'brand' }, actor(BRAND), parallel).ok).toBe(true);
  });
});

describe('the QA gate on an admin-set path', () => {
  it('blocks until the brand approval a revenue path asks for is current, and names who is missing', () => {
    const revenue = completeRecord('revenue');
    const withBrand = config({
      approvalPaths: { ...config().approvalPaths, revenue: { order: 'parallel', steps: [{ role: 'brand', count: 1 }] } },
    });
    const item = (record: FlightPlanRecord) =>
      evaluateGate('qa', record, completeFacts(), withBrand, NOW, LAUNCH_HISTORY).items.find(
        (candidate) => candidate.code === 'qa.approval-path',
      )!;
    expect(item(revenue).missing).toBeNull();
    const noBrand = { ...revenue, approvals: revenue.approvals.filter((given) => given.role !== 'brand') };
    expect(item(noBrand)).toMatchObject({ mandatory: true, missing: 'approval path incomplete: Brand needs 1 more approval' });
    // The copy changed after the brand approval: it no longer counts.
    const edited = { ...revenue, assets: revenue.assets.map((asset) => ({ ...asset, copy: `${asset.copy} Now with more.` })) };
    expect(item(edited).missing).toBe('approval path incomplete: Brand needs 1 more approval');
  });

  it('judges the whole regulated path where the compliance item is mandatory too: its count, and a person once', () => {
    const regulated = completeRecord('regulated');
    const compliance = regulated.approvals.filter((given) => given.role === 'compliance');
    const item = (record: FlightPlanRecord, path: ApprovalPath, withRoles = ROLES) =>
      evaluateGate(
        'qa',
        record,
        completeFacts(),
        config({ roles: withRoles, approvalPaths: { ...config().approvalPaths, regulated: path } }),
        NOW,
        LAUNCH_HISTORY,
      ).items.filter((candidate) => candidate.code === 'qa.approval-path' || candidate.code === 'qa.compliance-approval');
    // Two compliance approvals asked for: the one there is satisfies the compliance item, not the path.
    expect(
      item({ ...regulated, approvals: compliance }, { order: 'parallel', steps: [{ role: 'compliance', count: 2 }] }).map((result) => [
        result.code,
        result.missing,
      ]),
    ).toEqual([
      ['qa.compliance-approval', null],
      // The fixture's Compliance role has one person, so the path says why it cannot be completed.
      [
        'qa.approval-path',
        'approval path incomplete: Compliance needs 1 more approval (only 1 person holds the Compliance role: a Jira admin adds people to it or asks fewer)',
      ],
    ]);
    // The compliance approver also holds Brand: approving as both fills one step, not two.
    const alsoBrand = {
      ...ROLES,
      approvers: ROLES.approvers.map((role) => (role.key === 'brand' ? { ...role, members: [COMPLIANCE] } : role)),
    };
    const byOne = {
      ...regulated,
      approvals: [
        ...compliance,
        approval(COMPLIANCE, 'brand', '2026-06-09T10:00:00.000Z', approvedContentFingerprint(regulated.assets, people.description)),
      ],
    };
    const bothSteps: ApprovalPath = {
      order: 'parallel',
      steps: [
        { role: 'compliance', count: 1 },
        { role: 'brand', count: 1 },
      ],
    };
    expect(item(byOne, bothSteps, alsoBrand).find((result) => result.code === 'qa.approval-path')?.missing).toBe(
      'approval path incomplete: Brand needs 1 more approval',
    );
  });
});
