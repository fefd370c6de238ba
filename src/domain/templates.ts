import type { FlightPlanRecord, ManualCheckCode } from './flight-plan-record';
import { HOUR_MS } from './durations';

/**
 * What a finished request teaches the next one: its plan items, the assets it needed (type and
 * spec, not the names or copy), and the notes its QA checks carried.
 */
export interface RequestTemplate {
  readonly id: string;
  readonly name: string;
  /** The request it was saved from, and by whom and when. */
  readonly fromKey: string;
  /**
   * The id of the request it was saved from: a template is offered only to people who may browse that request, since it
   * carries its plan, specs and notes. Absent on templates saved before it was kept, which are offered to all.
   */
  readonly fromIssueId?: string;
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
/** Most templates one person keeps: whoever may edit a finished request cannot take every place on the site. */
export const MAX_TEMPLATES_PER_PERSON = 10;

/** Longest template name (the save refuses more). */
export const MAX_TEMPLATE_NAME = 100;
/** Most of a retrospective's answer a template keeps as its reason: the rest stays in the request. */
export const MAX_TEMPLATE_WHY = 1_000;
/** Longest Success metric a template keeps: Jira's limit for a one-line text field. */
export const MAX_TEMPLATE_METRIC = 255;

/**
 * What two template names are compared by: names a reader cannot tell apart in the list are the same name (letter case,
 * a letter written with a combining accent or as one character, a ligature, full-width letters, a no-break space or
 * two spaces, which a page shows as one).
 * @example templateNameKey('Café\u00a0 LAUNCH') === templateNameKey('cafe\u0301 launch') // true
 */
export const templateNameKey = (name: string): string => name.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();

/**
 * The work already on a request that starting from a template would replace, in words ("tracking events"), or null when
 * there is none: a template starts a plan, and never writes over one. Retired assets count: their ids are kept, and
 * an asset the template made could take one.
 */
export const workATemplateWouldReplace = (record: FlightPlanRecord): string | null => {
  const { plan } = record;
  if (record.assets.length > 0) return 'assets';
  if ((record.retiredAssets ?? []).length > 0) return 'retired assets';
  if (plan.dependencies.length > 0) return 'dependencies';
  if (plan.tracking.events.length > 0) return 'tracking events';
  if (plan.launchCriteria) return 'launch criteria';
  if (plan.definitionOfDone) return 'a definition of done';
  return null;
};

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
  meta: Pick<RequestTemplate, 'id' | 'name' | 'fromKey' | 'by' | 'at'> & Partial<Pick<RequestTemplate, 'fromIssueId'>>,
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
  /**
   * The page's id for the press of "Start from …" that made the choice: it sends the same one when it asks again for
   * that press, so a second ask whose first was kept (its answer lost) finds this choice. None from an older page.
   */
  readonly pressId?: string;
}

/** Longest press id the app keeps: the page's are `crypto.randomUUID()`, 36 characters. */
export const MAX_PRESS_ID = 64;

/** How long a choice waits for its request: a Create dialog left open over a meeting, not one filled in the next day. */
export const TEMPLATE_CHOICE_MINUTES = 60;
/**
 * The longest a Create dialog is taken to stay open, from the press of "Start from …" to its request: a working day with
 * room. A waiting choice older than this is one whose tab was closed with its dialog open, or whose cancel never reached
 * the app, not a dialog still open: without this bound, one such choice kept the created-issue trigger from starting
 * the person's requests in that project for as long as they used the page at least once a day (each write sets the
 * stored choices' one-day expiry again).
 */
export const DIALOG_LONGEST_HOURS = 12;

/** Whether the Create dialog a choice was made for may still be open at `instant` (ms): opened within `DIALOG_LONGEST_HOURS`. */
const dialogMayBeOpen = (choice: TemplateChoice, instant: number): boolean =>
  Date.parse(choice.at) >= instant - DIALOG_LONGEST_HOURS * HOUR_MS;

/**
 * Choices kept per person, the latest: one per Create dialog open at once (a person with several tabs), with room; an
 * older one is dropped, used or not, so the value stays small.
 */
export const MAX_TEMPLATE_CHOICES = 10;
/**
 * How far after a request's creation a choice may be stamped and still count for it. The page stores the choice before
 * it opens the Create dialog, so a real choice comes before the request by the seconds it takes to fill the dialog in;
 * only the clocks can say otherwise: Jira stamps `created`, the app's function its choice, both on Atlassian's servers,
 * whose clocks are kept in step to well under a second. Five seconds covers that with room, and is shorter than anyone
 * takes to choose, fill in and submit a dialog, so a choice made for the next request is never taken for this one.
 */
const CLOCK_SKEW_MS = 5_000;

/**
 * Whether a choice still waits for a request of its project made since (allowing `CLOCK_SKEW_MS`): its dialog may have
 * created this one, however long ago it was opened. One made after the request was created is for a later request.
 */
const waitsFor = (choice: TemplateChoice, request: { readonly projectId: string; readonly createdAt: string }): boolean =>
  choice.startedIssueId === undefined &&
  choice.projectId === request.projectId &&
  Date.parse(request.createdAt) >= Date.parse(choice.at) - CLOCK_SKEW_MS;

/**
 * Whether a choice not yet used may be for this new request: the same project, and the request created after the
 * choice (allowing `CLOCK_SKEW_MS`) and within `TEMPLATE_CHOICE_MINUTES` of it. One created before it, or long after,
 * was made some other way.
 *
 * @example choiceStarts({ projectId: '1', templateId: 't', at: '2026-06-01T10:00:00.000Z' }, { projectId: '1', createdAt: '2026-06-01T10:04:00.000Z' }) // true
 */
export const choiceStarts = (choice: TemplateChoice, request: { readonly projectId: string; readonly createdAt: string }): boolean =>
  waitsFor(choice, request) && Date.parse(request.createdAt) <= Date.parse(choice.at) + TEMPLATE_CHOICE_MINUTES * 60_000;

/** The page's own choice, as it names it when its Create dialog created a request: its template, and its instant when it has one. */
export interface NamedChoice {
  readonly templateId: string;
  /** Null from a page loaded before choices had an identity. */
  readonly chosenAt: string | null;
}

/**
 * The choice a new request starts from: the one the page names, by its instant (it made the request, however long its
 * dialog stayed open), or by its template alone from a page loaded before choices had an instant (the latest that may
 * be for it, `choiceStarts`); else the only one. A choice made for a request created later stays for that one.
 *
 * Without a name (the created-issue trigger), nothing in Jira's event says which Create dialog created the request, so
 * a choice is taken only when it is the person's one choice of the project still waiting from before the request was
 * created, and made within the hour. Another one made up to `DIALOG_LONGEST_HOURS` before the request may be a dialog
 * open in another tab, even through an hour-long meeting: taking the one that counted started that tab's
 * request from this tab's template. The page, which names its choice, starts such a request; one left unstarted is
 * started from its panel. The price: a choice whose tab was closed with its dialog open and nothing created keeps the
 * trigger from starting the person's requests in that project for `DIALOG_LONGEST_HOURS`, and their pages start them
 * meanwhile; after that it is no open dialog, and the next choice drops it (`withChoice`).
 *
 * @example choiceFor([webinarAt0859, springAt0900_30], { projectId, createdAt: '…T09:00:00Z' }, null) // webinarAt0859
 */
export const choiceFor = (
  choices: readonly TemplateChoice[],
  request: { readonly projectId: string; readonly createdAt: string },
  named: NamedChoice | null,
): TemplateChoice | null => {
  if (named === null) {
    const createdAt = Date.parse(request.createdAt);
    const waiting = choices.filter((choice) => waitsFor(choice, request) && dialogMayBeOpen(choice, createdAt));
    const [only] = waiting;
    return waiting.length === 1 && only !== undefined && choiceStarts(only, request) ? only : null;
  }
  const { templateId, chosenAt } = named;
  const ofTemplate = choices.filter((choice) => choice.templateId === templateId);
  if (chosenAt !== null)
    return ofTemplate.find((choice) => Date.parse(choice.at) === Date.parse(chosenAt) && waitsFor(choice, request)) ?? null;
  let latest: TemplateChoice | null = null;
  for (const choice of ofTemplate.filter((candidate) => choiceStarts(candidate, request)))
    if (latest === null || Date.parse(choice.at) >= Date.parse(latest.at)) latest = choice;
  return latest;
};

/**
 * A new choice of `templateId` in `projectId`, made at `now`. Its instant is also its identity, which the page keeps and
 * names when its Create dialog closes: so no two of the person's choices share one, it is a millisecond later for each
 * instant already taken (two tabs pressing "Start from …" in the same millisecond).
 */
export const newChoice = (
  choices: readonly TemplateChoice[],
  pick: Pick<TemplateChoice, 'projectId' | 'templateId' | 'pressId'>,
  now: Date,
): TemplateChoice => {
  const taken = new Set(choices.map((choice) => Date.parse(choice.at)));
  let at = now.getTime();
  while (taken.has(at)) at++;
  return { ...pick, at: new Date(at).toISOString() };
};

/**
 * The person's choices with a new one, last, at most `MAX_TEMPLATE_CHOICES`. Those still waiting for a Create dialog
 * opened over `DIALOG_LONGEST_HOURS` before the new one go first: no dialog is open that long. Past the bound, those
 * that already started their request go next, oldest first, and only then the oldest still waiting.
 */
export const withChoice = (choices: readonly TemplateChoice[], choice: TemplateChoice): TemplateChoice[] => {
  const chosenAt = Date.parse(choice.at);
  const all = [...choices.filter((kept) => kept.startedIssueId !== undefined || dialogMayBeOpen(kept, chosenAt)), choice];
  const excess = all.length - MAX_TEMPLATE_CHOICES;
  if (excess <= 0) return all;
  const usedDropped = new Set(all.filter((kept) => kept.startedIssueId !== undefined).slice(0, excess));
  return all.filter((kept) => !usedDropped.has(kept)).slice(excess - usedDropped.size);
};

/**
 * What a press of "Start from …" leaves: the choice it made, and the person's choices to store with it (`withChoice`),
 * or null when that press's choice is stored already. The page asks again when its first ask failed, and a failed ask
 * may have been kept, its answer lost: a second choice for one press left two waiting, so the created-issue trigger
 * started neither. A press is its id, of the same template and project.
 */
export const pressed = (
  choices: readonly TemplateChoice[],
  pick: Pick<TemplateChoice, 'projectId' | 'templateId' | 'pressId'>,
  now: Date,
): { readonly choice: TemplateChoice; readonly choices: TemplateChoice[] | null } => {
  const kept =
    pick.pressId === undefined
      ? undefined
      : choices.find(
          (choice) => choice.pressId === pick.pressId && choice.templateId === pick.templateId && choice.projectId === pick.projectId,
        );
  if (kept !== undefined) return { choice: kept, choices: null };
  const choice = newChoice(choices, pick, now);
  return { choice, choices: withChoice(choices, choice) };
};

/** The choices with `used` marked as the one that started `issueId`. */
export const withChoiceUsed = (choices: readonly TemplateChoice[], used: TemplateChoice, issueId: string): TemplateChoice[] =>
  choices.map((choice) => (choice === used ? { ...choice, startedIssueId: issueId } : choice));

/**
 * The choices without the one whose Create dialog was cancelled on the page of `projectId`; null: nothing to forget.
 *
 * The page names its choice by the instant `chooseTemplate` answered (`chosenAt`): that choice goes, and no other, so a
 * dialog open in another tab keeps its own. A choice already used, gone, or of another project is left alone: a cancel
 * never undoes a request that was started, and a late cancel finds nothing.
 *
 * Without a name (a page loaded before choices had one, still open in a tab), the cancel cannot tell its choice from
 * another tab's. It forgets the project's choice still waiting only when there is exactly one, which is then its own;
 * with two or more it forgets none, because forgetting the wrong one loses a template another dialog is about to create
 * a request from, while the one left waits at most `DIALOG_LONGEST_HOURS` and only starts a request the person creates in
 * this project meanwhile.
 */
export const withoutCancelled = (
  choices: readonly TemplateChoice[],
  { projectId, chosenAt }: { readonly projectId: string; readonly chosenAt: string | null },
  now: Date,
): TemplateChoice[] | null => {
  const waiting = choices.filter((choice) => choice.startedIssueId === undefined && choice.projectId === projectId);
  let cancelled: TemplateChoice | undefined;
  if (chosenAt !== null) cancelled = waiting.find((choice) => Date.parse(choice.at) === Date.parse(chosenAt));
  else {
    // Every choice whose dialog may still be open counts, as it does for the created-issue trigger (`choiceFor`).
    const counting = waiting.filter((choice) => dialogMayBeOpen(choice, now.getTime()));
    cancelled = counting.length === 1 ? counting[0] : undefined;
  }
  return cancelled === undefined ? null : choices.filter((choice) => choice !== cancelled);
};
