import { describe, expect, it } from 'vitest';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import type { PanelView } from '../../src/contracts/views/panel';
import type { FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { ASSIGNEE, COMPLIANCE, completeRecord, REQUESTER, TRIAGE_LEAD } from '../fakes/fixtures';
import { world } from '../fakes/site-deps';

/** Issue 15: each person sees their own part of the next gate first, and the rest as waiting on someone named. */
const viewAs = async (accountId: string, record: FlightPlanRecord, status: string): Promise<PanelView> => {
  const w = world(record, status);
  w.jira.grant(accountId, '10001', 'browse');
  w.jira.grant(accountId, '10001', 'edit');
  const answer = await panelHandlers(w.deps)['record/get']({
    payload: {},
    context: { accountId, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } },
  });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
};

const { triage: _triage, tier: _tier, ...untriaged } = completeRecord('regulated');

describe('the panel shows each person their part of the next gate', () => {
  it('shows a requester the triage gate as waiting on the triage lead, and the lead the same items as theirs', async () => {
    const asRequester = await viewAs(REQUESTER, untriaged, 'Triage');
    expect(asRequester.turns['triage.tier']).toEqual({ yours: false, waitingOn: [TRIAGE_LEAD] });
    expect(asRequester.turns['triage.decision']).toEqual({ yours: false, waitingOn: [TRIAGE_LEAD] });
    expect(asRequester.people[TRIAGE_LEAD]).toBeDefined();
    const asLead = await viewAs(TRIAGE_LEAD, untriaged, 'Triage');
    expect(asLead.turns['triage.tier']?.yours).toBe(true);
  });

  it('shows the compliance approval in QA as the approver’s, and as waiting on her to the assignee', async () => {
    const record = { ...completeRecord('regulated'), approvals: [] };
    expect((await viewAs(COMPLIANCE, record, 'QA + Governance')).turns['qa.compliance-approval']?.yours).toBe(true);
    const asAssignee = await viewAs(ASSIGNEE, record, 'QA + Governance');
    expect(asAssignee.turns['qa.compliance-approval']).toEqual({ yours: false, waitingOn: [COMPLIANCE] });
    expect(asAssignee.turns['qa.links-functional']?.yours).toBe(true);
  });
});
