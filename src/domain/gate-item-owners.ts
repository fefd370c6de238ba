import { GATE_ITEMS, type GateItemCode } from './gates/gate-items';

/**
 * Whose job each gate item is. A requester filling in the brief, a triage lead deciding, the
 * assignee building and checking, the approvers approving, the monitoring owner watching the launch:
 * the panel leads with the viewer's own items and shows the rest as waiting on the people named.
 */
type ItemOwner = 'requester' | 'triage-lead' | 'assignee' | 'approvers' | 'monitoring-owner';

const OWNER_BY_GATE = {
  intake: 'requester',
  triage: 'triage-lead',
  planning: 'assignee',
  build: 'assignee',
  qa: 'assignee',
  launch: 'assignee',
  measure: 'assignee',
} as const satisfies Record<(typeof GATE_ITEMS)[GateItemCode]['gate'], ItemOwner>;

/** The items whose owner is not their gate's: approvals, and the launch watch's observations. */
const OWNER_BY_ITEM: Partial<Record<GateItemCode, ItemOwner>> = {
  'qa.compliance-approval': 'approvers',
  'qa.approval-path': 'approvers',
  'launch.observations': 'monitoring-owner',
};

export const ownerOfItem = (code: GateItemCode): ItemOwner => OWNER_BY_ITEM[code] ?? OWNER_BY_GATE[GATE_ITEMS[code].gate];

/** The people behind each kind of owner on one request, by account ID. */
export interface RequestOwners {
  readonly reporterId: string | null;
  readonly assigneeId: string | null;
  /** The triage leads who may decide on this request (not its requester or assignee). */
  readonly triageLeads: readonly string[];
  /** The approvers asked next on the approval path. */
  readonly awaitedApprovers: readonly string[];
  readonly monitoringOwnerId: string | null;
}

/** Whose turn an item is: the viewer's own, or someone else's (nobody named yet when the list is empty). */
export interface ItemTurn {
  readonly yours: boolean;
  readonly waitingOn: readonly string[];
}

const accountsOf = (owner: ItemOwner, people: RequestOwners): readonly string[] => {
  const one = (accountId: string | null): readonly string[] => (accountId === null ? [] : [accountId]);
  switch (owner) {
    case 'requester':
      return one(people.reporterId);
    case 'triage-lead':
      return people.triageLeads;
    case 'assignee':
      return one(people.assigneeId);
    case 'approvers':
      return people.awaitedApprovers;
    case 'monitoring-owner':
      return one(people.monitoringOwnerId ?? people.assigneeId);
  }
};

/**
 * Whose turn an item is for the viewer.
 * @example itemTurn('triage.tier', requester, people) // { yours: false, waitingOn: ['morgan'] }
 */
export const itemTurn = (code: GateItemCode, viewerId: string, people: RequestOwners): ItemTurn => {
  const waitingOn = accountsOf(ownerOfItem(code), people);
  return { yours: waitingOn.includes(viewerId), waitingOn };
};
