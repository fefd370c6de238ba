import { describe, expect, it } from 'vitest';
import { itemTurn, ownerOfItem, type RequestOwners } from '../../src/domain/gate-item-owners';
import { GATE_ITEM_CODES } from '../../src/domain/gates/gate-items';

const PEOPLE: RequestOwners = {
  reporterId: 'riley',
  assigneeId: 'blake',
  triageLeads: ['morgan'],
  awaitedApprovers: ['casey'],
  monitoringOwnerId: null,
};

describe('whose turn a gate item is', () => {
  it("makes the triage gate the triage lead's, never the requester's", () => {
    for (const code of ['triage.scores', 'triage.tier', 'triage.decision'] as const) {
      expect(itemTurn(code, 'riley', PEOPLE)).toEqual({ yours: false, waitingOn: ['morgan'] });
      expect(itemTurn(code, 'morgan', PEOPLE).yours).toBe(true);
    }
  });

  it("makes the brief the requester's, the build the assignee's and approvals the approvers'", () => {
    expect(itemTurn('intake.success-metric', 'riley', PEOPLE)).toEqual({ yours: true, waitingOn: ['riley'] });
    expect(itemTurn('build.naming', 'blake', PEOPLE)).toEqual({ yours: true, waitingOn: ['blake'] });
    expect(itemTurn('qa.compliance-approval', 'blake', PEOPLE)).toEqual({ yours: false, waitingOn: ['casey'] });
    expect(itemTurn('qa.approval-path', 'casey', PEOPLE).yours).toBe(true);
  });

  it('gives the launch watch to its monitoring owner, or the assignee until one is named', () => {
    expect(itemTurn('launch.observations', 'blake', PEOPLE).yours).toBe(true);
    expect(itemTurn('launch.observations', 'blake', { ...PEOPLE, monitoringOwnerId: 'dana' })).toEqual({
      yours: false,
      waitingOn: ['dana'],
    });
  });

  it('waits on nobody named when the request has no assignee, and never on the viewer by default', () => {
    expect(itemTurn('planning.assets', 'riley', { ...PEOPLE, assigneeId: null })).toEqual({ yours: false, waitingOn: [] });
  });

  it('names an owner for every gate item', () => {
    for (const code of GATE_ITEM_CODES)
      expect(['requester', 'triage-lead', 'assignee', 'approvers', 'monitoring-owner']).toContain(ownerOfItem(code));
  });
});
