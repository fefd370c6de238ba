/**
 * Forge display conditions for the issue view, as Jira applies them to `jira:issuePanel` and
 * `jira:issueContext` (developer.atlassian.com/platform/forge/manifest-reference/display-conditions
 * and .../display-conditions/jira): conditions at one level all hold (`and`); `and`, `or` and `not`
 * take one condition object or an array of them; `not` holds when none of its conditions does.
 * The sandbox knows the issue and project conditions; any other condition is refused by name, so
 * a manifest that relies on one cannot pass the tests unnoticed.
 */
export interface IssueViewPlace {
  readonly issueKey: string;
  readonly issueId: string;
  /** The issue type's name: `issueType` matches names, not ids. */
  readonly issueType: string;
  readonly projectKey: string;
  readonly projectId: string;
}

const MATCHERS: Readonly<Record<string, (place: IssueViewPlace) => string>> = {
  issueKey: (place) => place.issueKey,
  issueId: (place) => place.issueId,
  issueType: (place) => place.issueType,
  projectKey: (place) => place.projectKey,
  projectId: (place) => place.projectId,
};

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

const holds = (name: string, value: unknown, place: IssueViewPlace): boolean => {
  if (name === 'and') return asList(value).every((conditions) => displayConditionsHold(conditions, place));
  if (name === 'or') return asList(value).some((conditions) => anyHolds(conditions, place));
  if (name === 'not') return !asList(value).some((conditions) => anyHolds(conditions, place));
  const matcher = MATCHERS[name];
  if (matcher === undefined) throw new Error(`the sandbox does not emulate the display condition "${name}"`);
  return asList(value).map(String).includes(matcher(place));
};

/** Under `or` and `not`, each condition of an object counts on its own. */
const anyHolds = (conditions: unknown, place: IssueViewPlace): boolean =>
  Object.entries(objectOf(conditions)).some(([name, value]) => holds(name, value, place));

const objectOf = (conditions: unknown): Record<string, unknown> => {
  if (typeof conditions !== 'object' || conditions === null || Array.isArray(conditions))
    throw new Error(`display conditions must be an object, not ${JSON.stringify(conditions)}`);
  return conditions as Record<string, unknown>;
};

/** Whether a module with these `displayConditions` shows at this place (no conditions: always). */
export const displayConditionsHold = (conditions: unknown, place: IssueViewPlace): boolean =>
  conditions === undefined || Object.entries(objectOf(conditions)).every(([name, value]) => holds(name, value, place));
