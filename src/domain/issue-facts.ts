import type { RequestLinks } from './dependencies';
import type { TriageScores } from './triage-score';

/**
 * Who a request belonged to and who wrote its description, by Jira's changelog: a history nobody can rewrite, where
 * what a person may edit (the assignee, the description) they may also change back.
 */
export interface PeopleHistory {
  /**
   * Everyone who was the request's assignee or reporter at some time, before the ones it has now: whoever steps aside
   * for a moment, to approve or triage, and takes the request back still owns it.
   */
  readonly formerOwnerIds: readonly string[];
  /** Everyone who changed the description since the request was filed: the lexicon scan reads it as copy. */
  readonly descriptionWriterIds: readonly string[];
  /** Every change of its assignee, oldest first; absent where the changelog was not read. */
  readonly assigneeChanges?: readonly AssigneeChange[];
}

/** One change of a request's assignee, by Jira's changelog: when (epoch ms), from whom and to whom (null: unassigned). */
export interface AssigneeChange {
  readonly at: number;
  readonly fromId: string | null;
  readonly toId: string | null;
}

/**
 * Who was the request's assignee at `instant`, from the assignee it has now and its changes (oldest first): the one the
 * last change up to then gave it, or, before any change, the one the first change took it from.
 * @example assigneeAt('dana', [{ at: 5, fromId: 'dana', toId: 'blake' }, { at: 9, fromId: 'blake', toId: 'dana' }], 7) // 'blake'
 */
export const assigneeAt = (current: string | null, changes: readonly AssigneeChange[], instant: number): string | null => {
  let assignee = changes.length > 0 ? (changes[0] as AssigneeChange).fromId : current;
  for (const change of changes) {
    if (change.at > instant) break;
    assignee = change.toId;
  }
  return assignee;
};

/**
 * Whom a figure entered by hand on a request speaks for: its assignee when it launched (launchedAt, epoch ms), the owner
 * accountable for its outcome; before its launch, its assignee now. Taking a launched request over, for a moment or for
 * good, does not make its outcome one's own to report: Jira's changelog keeps when it changed hands.
 */
export const figureOwnerOf = (current: string | null, changes: readonly AssigneeChange[], launchedAt: number | null): string | null =>
  launchedAt === null ? current : assigneeAt(current, changes, launchedAt);

/**
 * No history read: for a read that judges nobody (a link, whose turn a reminder names), never for a gate, an approval or
 * a decision, which are judged on `JiraApi.peopleHistory`.
 */
export const NO_PEOPLE_HISTORY: PeopleHistory = { formerOwnerIds: [], descriptionWriterIds: [] };

/** What the gates need to know from the Jira issue itself (fields and its people's history, not the Flight Plan record). */
export interface IssueFacts extends PeopleHistory {
  readonly issueId: string;
  readonly issueKey: string;
  /** The issue's summary (its title). */
  readonly summary: string;
  /** Plain text of the description (ADF flattened). */
  readonly description: string;
  readonly successMetric: string;
  /** `YYYY-MM-DD` or null. */
  readonly dueDate: string | null;
  readonly assigneeId: string | null;
  /** Who filed the request (the requester). */
  readonly reporterId: string | null;
  /**
   * Who created the issue in Jira: a requester too, though the reporter named on create is someone else (Jira's Modify
   * Reporter permission lets them), which its changelog records no change for. Absent where a caller built the facts
   * without Jira's issue.
   */
  readonly creatorId?: string | null;
  /** ISO instant; on the create transition, the moment of creation. */
  readonly createdAt: string;
  readonly status: string;
  readonly scores: TriageScores;
  /** Jira labels: routing rules match a channel against them. */
  readonly labels: readonly string[];
  /** The requests it is blocked by and those it blocks, from its issue links. */
  readonly links: RequestLinks;
}
