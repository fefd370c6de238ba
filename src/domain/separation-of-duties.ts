import { isMemberOf, roleLabel, type GovernanceRoles } from './app-config';
import type { FlightPlanRecord } from './flight-plan-record';
import type { IssueFacts } from './issue-facts';

/** The people a request belongs to, now and before: nobody decides or approves on their own request. */
export type RequestPeople = Pick<IssueFacts, 'assigneeId' | 'reporterId' | 'creatorId' | 'formerOwnerIds' | 'descriptionWriterIds'>;

export type ApprovalConflict = 'NOT_A_MEMBER' | 'IS_REQUESTER' | 'IS_ASSIGNEE' | 'WAS_OWNER' | 'WROTE_COPY';

/**
 * Everyone who wrote or changed the name, copy or tracked links of any of the request's assets, retired one (which
 * changes what an approval covers as surely as an edit), or changed the description.
 */
const copyWriters = (record: FlightPlanRecord, people: RequestPeople): ReadonlySet<string> =>
  new Set([
    ...record.assets.flatMap((asset) => [asset.builtBy, ...asset.writers]),
    ...(record.retiredAssets ?? []).map((asset) => asset.retiredBy),
    ...people.descriptionWriterIds,
  ]);

/**
 * Why an account may not approve (or resolve lexicon hits) in a role on a request, or null when it
 * may. Membership comes from the admin's roles only, never from the request's plan; the requester,
 * the assignee and anyone who wrote or changed the copy never approve it. Checked when approving
 * and again at the gate, where people and roles may have changed since.
 */
export const approvalConflict = (
  accountId: string,
  role: string,
  record: FlightPlanRecord,
  people: RequestPeople,
  roles: GovernanceRoles,
): ApprovalConflict | null => {
  if (!isMemberOf(roles, role, accountId)) return 'NOT_A_MEMBER';
  return ownInterest(accountId, record, people);
};

/**
 * Why an account has a stake in a request's copy (it asked for it, owns it, or wrote it), or null: whatever role
 * it holds, what it approved does not count for this request. Also what keeps an admin's library claim from
 * clearing their own copy.
 */
export const ownInterest = (
  accountId: string,
  record: FlightPlanRecord,
  people: RequestPeople,
): Exclude<ApprovalConflict, 'NOT_A_MEMBER'> | null => {
  if (accountId === people.reporterId) return 'IS_REQUESTER';
  if (accountId === people.assigneeId) return 'IS_ASSIGNEE';
  if (people.formerOwnerIds.includes(accountId)) return 'WAS_OWNER';
  if (copyWriters(record, people).has(accountId)) return 'WROTE_COPY';
  return null;
};

/**
 * Whether a person makes the calls that are the request's owner's: its assignee (as Jira names it) or a triage lead of
 * the admin's configuration. The campaign key (it decides whose figures judge the request, and which requests a
 * figure entered by hand speaks for) and an unlaunched blocker's removal (it holds the QA gate open) are such calls:
 * someone who may merely edit the request must not make them. The commands refuse by it and the panel greys out by it.
 */
export const isOwnerOrTriageLead = (accountId: string, assigneeId: string | null, roles: GovernanceRoles): boolean =>
  accountId === assigneeId || roles.triageLeads.includes(accountId);

/** The sentence for a conflict, naming the role. */
export const approvalConflictMessage = (conflict: ApprovalConflict, role: string, roles: GovernanceRoles): string => {
  const label = roleLabel(roles, role);
  switch (conflict) {
    case 'NOT_A_MEMBER':
      return `only a member of the ${label} role (set by an admin) can approve as ${label}`;
    case 'IS_REQUESTER':
      return 'the requester cannot approve their own request';
    case 'IS_ASSIGNEE':
      return 'the assignee cannot approve their own request';
    case 'WAS_OWNER':
      return "someone who was the request's assignee or requester cannot approve it";
    case 'WROTE_COPY':
      return 'someone who wrote or changed the copy cannot approve it';
  }
};

type TriageConflict = 'NOT_A_TRIAGE_LEAD' | 'IS_REQUESTER' | 'IS_ASSIGNEE' | 'WAS_OWNER';

/** Why an account may not make a triage decision (tier, accept, wait, decline) on a request, or null. */
export const triageConflict = (accountId: string, people: RequestPeople, roles: GovernanceRoles): TriageConflict | null => {
  if (!roles.triageLeads.includes(accountId)) return 'NOT_A_TRIAGE_LEAD';
  // Whoever created the request filed it, whomever they named as its reporter.
  if (accountId === people.reporterId || accountId === people.creatorId) return 'IS_REQUESTER';
  if (accountId === people.assigneeId) return 'IS_ASSIGNEE';
  if (people.formerOwnerIds.includes(accountId)) return 'WAS_OWNER';
  return null;
};

export const TRIAGE_CONFLICT_MESSAGES: Readonly<Record<TriageConflict, string>> = {
  NOT_A_TRIAGE_LEAD: 'only a triage lead (set by an admin) makes triage decisions',
  IS_REQUESTER: 'the requester cannot triage their own request',
  IS_ASSIGNEE: 'the assignee cannot triage their own request',
  WAS_OWNER: "someone who was the request's assignee or requester cannot triage it",
};
