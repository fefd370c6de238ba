import { z } from 'zod';
import { pressIdSchema } from '../templates.schema';

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

/**
 * What the page sends as the requester presses "Start from …", before Jira's Create dialog opens: the template, and its
 * id for the press, the same on a second ask for it (none from an older page, whose every ask makes a choice).
 */
export const chooseTemplatePayloadSchema = z.object({ templateId: z.string().min(1).max(100), pressId: pressIdSchema.optional() });

/**
 * A template choice the app keeps: its instant is its identity among the person's choices, which the page keeps and
 * names when the Create dialog opened for it closes, cancelled or with a new request.
 */
export interface TemplateChosen {
  readonly chosenAt: string;
}

/** The choice a page's Create dialog was opened for, as `chooseTemplate` answered it. */
const chosenAt = z.iso.datetime({
  error: 'The template choice (chosenAt) must be the date and time the app gave when the template was chosen',
});

/**
 * What the page sends when the Create dialog was cancelled: the choice it was opened for. A page loaded before choices
 * had an identity sends none (`withoutCancelled` says what the app does then).
 */
export const forgetChoicePayloadSchema = z.object({ chosenAt: chosenAt.optional() });

/**
 * What the page sends once Jira's Create dialog closed with a new issue: that issue, the template it was started from,
 * and the choice the dialog was opened for (none from a page loaded before choices had an identity, or when the app
 * could not be reached to keep it).
 */
export const startCreatedPayloadSchema = z.object({
  issueId: z.string().regex(/^\d{1,18}$/, 'Issue must be a Jira issue id'),
  templateId: z.string().min(1).max(100),
  chosenAt: chosenAt.optional(),
});
