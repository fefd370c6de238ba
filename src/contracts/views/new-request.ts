import { z } from 'zod';

/** A template the "New marketing request" page offers, and what Jira's Create dialog opens with for it. */
export interface TemplateOffer {
  readonly id: string;
  readonly name: string;
  /** The request it was saved from. */
  readonly fromKey: string;
  /** Why it became a template, in the retrospective's words. */
  readonly why?: string;
  /** What the new request's Flight Plan starts with: the asset types, the plan items and the QA checks with notes. */
  readonly assetTypes: readonly string[];
  readonly planItems: number;
  readonly qaNotes: number;
  /**
   * `CreateIssueModal`'s `context`: the project, the Marketing Request type, the summary and the Success metric by its
   * field id (developer.atlassian.com/platform/forge/apis-reference/jira-api-bridge/createIssueModal/).
   */
  readonly createContext: Readonly<Record<string, string>>;
}

/** The "New marketing request" project page: the project's templates, or why it offers none. */
export interface NewRequestView {
  readonly projectName: string;
  /** False when the project has no Marketing Request type (Set up project has not run on it): nothing to create. */
  readonly setUp: boolean;
  readonly templates: readonly TemplateOffer[];
}

/** A request created from a template, its Flight Plan started. */
export interface StartedRequest {
  readonly key: string;
  readonly templateName: string;
}

/** What the page sends as the requester presses "Start from …", before Jira's Create dialog opens. */
export const chooseTemplatePayloadSchema = z.object({ templateId: z.string().min(1).max(100) });

/** What the page sends once Jira's Create dialog closed with a new issue: that issue and the template it was started from. */
export const startCreatedPayloadSchema = z.object({
  issueId: z.string().regex(/^\d{1,18}$/, 'Issue must be a Jira issue id'),
  templateId: z.string().min(1).max(100),
});
