import type { RequestLinks } from './dependencies';
import type { TriageScores } from './triage-score';

/** What the gates need to know from the Jira issue itself (fields, not the Flight Plan record). */
export interface IssueFacts {
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
  /** ISO instant; on the create transition, the moment of creation. */
  readonly createdAt: string;
  readonly status: string;
  readonly scores: TriageScores;
  /** Jira labels: routing rules match a channel against them. */
  readonly labels: readonly string[];
  /** The requests it is blocked by and those it blocks, from its issue links. */
  readonly links: RequestLinks;
}
