import { membersOf, roleLabel, type GovernanceRoles } from './app-config';
import { approvalsWithStanding, lastContentChange, type ApprovalFacts } from './approvals';
import type { Approval, FlightPlanRecord } from './flight-plan-record';
import { approvalConflict } from './separation-of-duties';
import type { Tier } from './tiers';

/**
 * Approval paths: for each tier, which roles approve before launch, how many of each, and whether
 * they approve side by side or one role after another.
 */
export const APPROVAL_ORDERS = ['parallel', 'in-order'] as const;
export type ApprovalOrder = (typeof APPROVAL_ORDERS)[number];

export interface ApprovalStep {
  /** An approver role's key. */
  readonly role: string;
  /** How many different members of the role must approve. */
  readonly count: number;
}

export interface ApprovalPath {
  readonly order: ApprovalOrder;
  readonly steps: readonly ApprovalStep[];
}

export type ApprovalPaths = Readonly<Record<Tier, ApprovalPath>>;

/** One step of a path as it stands. */
interface StepProgress {
  readonly role: string;
  readonly required: number;
  /** The current approvals that count for the step, oldest first. */
  readonly counted: readonly Approval[];
  readonly complete: boolean;
  /**
   * Since when the step may be answered: the later of entering QA and the last change to the
   * assets (which makes earlier approvals stale), and in order, the step before being complete.
   * Null while it may not be answered yet, or when the move into QA is not known.
   */
  readonly dueSince: string | null;
  /** When the last approval it needed was given. */
  readonly completedAt: string | null;
}

interface PathProgress {
  readonly order: ApprovalOrder;
  readonly steps: readonly StepProgress[];
  readonly complete: boolean;
}

export const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * Where a request stands on its path. Only current approvals by members count (stale and void
 * ones never do), and a person counts once on the whole path: someone in two roles cannot fill
 * two steps alone.
 * @example pathProgress({ order: 'parallel', steps: [{ role: 'brand', count: 1 }] }, record, people, roles, null).complete // true once a brand member approved the assets as they are
 */
export const pathProgress = (
  path: ApprovalPath,
  record: FlightPlanRecord,
  people: ApprovalFacts,
  roles: GovernanceRoles,
  qaEnteredAt: string | null,
): PathProgress => {
  const current = approvalsWithStanding(record, people, roles)
    .filter(({ standing }) => standing.kind === 'current')
    .map(({ approval }) => approval)
    .sort((a, b) => a.at.localeCompare(b.at));
  const opensAt = qaEnteredAt === null ? null : later(qaEnteredAt, lastContentChange(record));
  const countedPeople = new Set<string>();
  const steps: StepProgress[] = [];
  for (const step of path.steps) {
    const counted = current.filter((approval) => approval.role === step.role && !countedPeople.has(approval.by)).slice(0, step.count);
    for (const approval of counted) countedPeople.add(approval.by);
    const complete = counted.length >= step.count;
    const previous = steps.at(-1);
    const dueSince =
      path.order === 'parallel' || previous === undefined
        ? opensAt
        : previous.complete && opensAt !== null
          ? later(opensAt, previous.completedAt)
          : null;
    steps.push({
      role: step.role,
      required: step.count,
      counted,
      complete,
      dueSince,
      completedAt: complete ? (counted.at(-1)?.at ?? null) : null,
    });
  }
  return { order: path.order, steps, complete: steps.every((step) => step.complete) };
};

/** "Brand needs 1 more approval (no one holds the Brand role yet)" */
const stepShortfall = (step: StepProgress, roles: GovernanceRoles): string => {
  const label = roleLabel(roles, step.role);
  const missing = step.required - step.counted.length;
  const holders = membersOf(roles, step.role).length;
  // A step asking more approvals than the role has people never completes: said, so nobody waits for it.
  const why =
    holders === 0
      ? ` (no one holds the ${label} role yet)`
      : holders < step.required
        ? ` (only ${holders} ${holders === 1 ? 'person holds' : 'people hold'} the ${label} role: a Jira admin adds people to it or asks fewer)`
        : '';
  return `${label} needs ${missing} more approval${missing === 1 ? '' : 's'}${why}`;
};

/** What the QA gate says of a path: null when complete, otherwise who still has to approve. */
export const approvalPathProblem = (progress: PathProgress, roles: GovernanceRoles): string | null => {
  const open = progress.steps.filter((step) => !step.complete);
  if (open.length === 0) return null;
  if (progress.order === 'parallel') return `approval path incomplete: ${open.map((step) => stepShortfall(step, roles)).join('; ')}`;
  const [first, ...after] = open;
  if (first === undefined) return null;
  return `approval path incomplete: ${stepShortfall(first, roles)}${after.length > 0 ? `, then ${after.map((step) => roleLabel(roles, step.role)).join(', then ')}` : ''}`;
};

/**
 * In an in-order path, the earlier steps that are not complete when `role` wants to approve:
 * their approvals come first. Empty for a parallel path, a first step, or a role off the path.
 */
export const stepsBefore = (progress: PathProgress, role: string): StepProgress[] => {
  if (progress.order === 'parallel') return [];
  const index = progress.steps.findIndex((step) => step.role === role);
  return index <= 0 ? [] : progress.steps.slice(0, index).filter((step) => !step.complete);
};

/**
 * Who is asked for a step's next approvals: the plan's approvers in the role who may approve it
 * (members, not the requester, the assignee or a writer of the copy) and have not approved yet;
 * when the plan names none of them, every such member of the role.
 */
export const awaitedApprovers = (step: StepProgress, record: FlightPlanRecord, people: ApprovalFacts, roles: GovernanceRoles): string[] => {
  const approved = new Set(step.counted.map((approval) => approval.by));
  const mayApprove = (accountId: string): boolean =>
    !approved.has(accountId) && approvalConflict(accountId, step.role, record, people, roles) === null;
  const planned = record.plan.approvers.filter((approver) => approver.role === step.role).map((approver) => approver.accountId);
  const named = [...new Set(planned)].filter(mayApprove);
  return named.length > 0 ? named : membersOf(roles, step.role).filter(mayApprove);
};
