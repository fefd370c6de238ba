import type { FlightPlanRecord, ManualCheckCode } from './flight-plan-record';

/**
 * What a finished request teaches the next one: its plan items, the assets it needed (type and
 * spec, not the names or copy), and the notes its QA checks carried.
 */
export interface RequestTemplate {
  readonly id: string;
  readonly name: string;
  /** The request it was saved from, and by whom and when. */
  readonly fromKey: string;
  readonly by: string;
  readonly at: string;
  readonly plan: {
    readonly dependencies: readonly string[];
    readonly events: readonly string[];
    readonly launchCriteria?: string;
    readonly definitionOfDone?: string;
  };
  readonly assets: readonly { readonly type: string; readonly spec: string }[];
  readonly qaNotes: Partial<Record<ManualCheckCode, string>>;
  /** Why it became a template: the retrospective's answer to "What should become a template?". */
  readonly why?: string;
  /** The Success metric the request it was saved from was judged on: a starting point for the next one. */
  readonly successMetric?: string;
}

export const MAX_TEMPLATES = 50;

/** Longest template name (the save refuses more). */
export const MAX_TEMPLATE_NAME = 100;
/** Most of a retrospective's answer a template keeps as its reason: the rest stays in the request. */
export const MAX_TEMPLATE_WHY = 1_000;
/** Longest Success metric a template keeps: Jira's limit for a one-line text field. */
export const MAX_TEMPLATE_METRIC = 255;

/**
 * The name "Save as template" suggests from the retrospective's answer to "What should become a
 * template?": its first line or sentence, cut at a word to fit a template name; "" without one.
 */
export const suggestedTemplateName = (answer: string | undefined): string => {
  const first =
    (answer ?? '')
      .trim()
      .split(/\n|(?<=[.!?])\s/)[0]
      ?.trim()
      .replace(/[.!?]+$/, '') ?? '';
  if (first.length <= MAX_TEMPLATE_NAME) return first;
  const cut = first.slice(0, MAX_TEMPLATE_NAME + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : cut.slice(0, MAX_TEMPLATE_NAME)).trim();
};

export const templateFrom = (
  record: FlightPlanRecord,
  meta: Pick<RequestTemplate, 'id' | 'name' | 'fromKey' | 'by' | 'at'>,
  successMetric = '',
): RequestTemplate => ({
  ...meta,
  plan: {
    dependencies: record.plan.dependencies,
    events: record.plan.tracking.events,
    ...(record.plan.launchCriteria ? { launchCriteria: record.plan.launchCriteria } : {}),
    ...(record.plan.definitionOfDone ? { definitionOfDone: record.plan.definitionOfDone } : {}),
  },
  assets: record.assets.map((asset) => ({ type: asset.type, spec: asset.spec })),
  qaNotes: Object.fromEntries(Object.entries(record.checks).flatMap(([code, check]) => (check.note ? [[code, check.note]] : []))),
  ...(record.retrospective.template?.trim() ? { why: record.retrospective.template.trim().slice(0, MAX_TEMPLATE_WHY) } : {}),
  ...(successMetric.trim() ? { successMetric: successMetric.trim().slice(0, MAX_TEMPLATE_METRIC) } : {}),
});

/**
 * What Jira's Create dialog opens with when a requester starts a request from a template: its name as the summary to
 * edit, and the Success metric the template's request was judged on. Not the description: it is the request's own
 * business context, which the intake gate judges by its length, so text put there for the requester would pass the gate
 * with no context written. The plan, assets and QA notes go to the new request's Flight Plan once it is created.
 */
export interface CreatePrefill {
  readonly summary: string;
  readonly successMetric?: string;
}

export const createPrefillOf = (template: RequestTemplate): CreatePrefill => ({
  summary: template.name,
  ...(template.successMetric ? { successMetric: template.successMetric } : {}),
});

/**
 * A requester's press of "Start from …" on the New marketing request page, kept by the app until the request Jira's
 * Create dialog makes from it is created: the template then travels with the requester, not with the browser tab, so
 * it is applied even when the page is closed before the dialog reports back. `startedIssueId` names the request it
 * was applied to, so the page and the created-issue trigger, whichever comes second, know it is done.
 */
export interface TemplateChoice {
  readonly projectId: string;
  readonly templateId: string;
  readonly at: string;
  readonly startedIssueId?: string;
}

/** How long a choice waits for its request: a Create dialog left open over a meeting, not one filled in the next day. */
export const TEMPLATE_CHOICE_MINUTES = 60;
/** Jira stamps `created` with its own clock, the app its choice with another: a request made within a minute counts. */
const CLOCK_LEEWAY_MS = 60_000;

/**
 * Whether a choice not yet used is for this new request: the same project, and the request created after the choice
 * and within `TEMPLATE_CHOICE_MINUTES` of it. One created before it, or long after, was made some other way.
 *
 * @example choiceStarts({ projectId: '1', templateId: 't', at: '2026-06-01T10:00:00.000Z' }, { projectId: '1', createdAt: '2026-06-01T10:04:00.000Z' }) // true
 */
export const choiceStarts = (choice: TemplateChoice, request: { readonly projectId: string; readonly createdAt: string }): boolean => {
  const chosen = Date.parse(choice.at);
  const created = Date.parse(request.createdAt);
  return (
    choice.startedIssueId === undefined &&
    choice.projectId === request.projectId &&
    created >= chosen - CLOCK_LEEWAY_MS &&
    created <= chosen + TEMPLATE_CHOICE_MINUTES * 60_000
  );
};
