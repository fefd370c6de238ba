import type { AppConfig } from './app-config';
import { GATE_LABELS } from './gates/gate-items';
import { metricFormHint, metricSentencePattern } from './outcomes/metric-sentence';
import { TIER_LABELS, TIERS, type Tier } from './tiers';

/** Ids of the app's custom fields on one site (`customfield_10050`…), needed to name them in an expression. */
export interface IntakeFieldIds {
  readonly successMetric: string;
  readonly impact: string;
  readonly risk: string;
}

const WEEKDAYS = 7;
/** Triage scores run from 1 to 5; index 0 stands for "not scored". */
const SCORE_INDEXES = 6;

/**
 * Calendar days from a day of the week (0 = Sunday) until `businessDays` Monday–Friday days
 * have passed: the lead-time rule restated for an expression language without loops.
 */
export const calendarDaysForBusinessDays = (startWeekday: number, businessDays: number): number => {
  let days = 0;
  let counted = 0;
  while (counted < businessDays) {
    days++;
    const weekday = (startWeekday + days) % WEEKDAYS;
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return days;
};

/** The tier triage suggests from Risk and Impact (as `suggestTier`), or low-risk until both are scored. */
const tierForScores = (risk: number, impact: number): Tier =>
  risk === 0 || impact === 0 ? 'low-risk' : risk >= 4 ? 'regulated' : impact >= 4 ? 'revenue' : 'low-risk';

/**
 * The rule's configuration: the data the expression reads as its `config` variable, with the
 * expression itself under `expression` (which Forge evaluates instead of the manifest's). Jira
 * limits an expression to 1,000 characters and 100 leaves, so the lead-time tables, the minimum
 * length and the message texts live here, and the expression stays short.
 */
export interface IntakeCreateRule {
  readonly expression: string;
  readonly minLength: number;
  /** Tier index (into `leadDays` and `dateProblem`) by Risk, then Impact; index 0 = not scored. */
  readonly tierOf: readonly (readonly number[])[];
  /** Calendar days of notice per tier index and weekday the request is filed on (0 = Sunday). */
  readonly leadDays: readonly (readonly number[])[];
  readonly measurable: string;
  readonly gate: string;
  readonly noContext: string;
  readonly shortContext: string;
  readonly ofMinimum: string;
  readonly noMetric: string;
  readonly vagueMetric: string;
  readonly noDate: string;
  /** Per tier index: the requested launch date is too soon for that tier; the last entry: it is in the past. */
  readonly dateProblem: readonly string[];
  readonly noOwner: string;
}

/** Each problem starts with the separator, so the list is one concatenation and the first is cut off. */
const SEPARATOR = '; ';
const PAST = TIERS.length;

const fieldRef = (id: string): string => {
  if (!/^customfield_\d+$/.test(id)) throw new Error(`"${id}" is not a custom field id`);
  return `issue.${id}`;
};

/**
 * The intake gate on Create as a Jira expression over its configuration. It reads each field once
 * (a custom field read is one of Jira's "expensive operations": at most 10 per evaluation; this
 * reads 3), and gives true or the blocked message. `issue.description` is a `RichText` in Jira
 * expressions (its `plainText` is the text), and null when empty.
 * Holidays are not known to the expression; the gate at intake → triage applies them.
 * The message does not repeat the date the person just picked in the dialog: Jira writes a `CalendarDate` as text in its
 * ISO form ("2026-06-30"), no method that formats one in words was found in Atlassian's Jira expressions docs, and spelling
 * it out from `getMonth()`, `getDate()` and `getFullYear()` costs 9 leaves (98 of Jira's 100, whose counting is not
 * documented), too close to the limit for one more rule.
 */
const expressionFor = (fields: IntakeFieldIds): string =>
  [
    `let n = (issue.description?.plainText ?? "").trim().length;`,
    `let s = (${fieldRef(fields.successMetric)} ?? "").trim();`,
    `let k = config.tierOf[${fieldRef(fields.risk)} ?? 0][${fieldRef(fields.impact)} ?? 0];`,
    `let due = issue.dueDate;`,
    `let now = new CalendarDate();`,
    `let p = (n == 0 ? config.noContext : n < config.minLength ? config.shortContext + n + config.ofMinimum : "")`,
    `  + (s == "" ? config.noMetric : s.toLowerCase().match(config.measurable) == null ? config.vagueMetric : "")`,
    `  + (due == null ? config.noDate : due < now.plusDays(config.leadDays[k][now.getDay()]) ? config.dateProblem[due < now ? ${PAST} : k] : "")`,
    `  + (issue.assignee == null ? config.noOwner : "");`,
    `p == "" ? true : config.gate + p.slice(${SEPARATOR.length})`,
  ].join('\n');

/** The Create rule Set up project writes: the expression and its data, from the intake configuration. */
export const intakeCreateRule = (config: AppConfig, fields: IntakeFieldIds): IntakeCreateRule => {
  const minimum = config.intake.minDescriptionLength;
  const lead = config.intake.leadTimeBusinessDays;
  return {
    expression: expressionFor(fields),
    minLength: minimum,
    tierOf: Array.from({ length: SCORE_INDEXES }, (_, risk) =>
      Array.from({ length: SCORE_INDEXES }, (__, impact) => TIERS.indexOf(tierForScores(risk, impact))),
    ),
    leadDays: TIERS.map((tier) => Array.from({ length: WEEKDAYS }, (_, weekday) => calendarDaysForBusinessDays(weekday, lead[tier]))),
    // The gate's grammar of a structured metric, with the site's indicators.
    measurable: metricSentencePattern(config.indicators),
    gate: `${GATE_LABELS.intake}: `,
    noContext: `${SEPARATOR}business context missing (describe the request)`,
    shortContext: `${SEPARATOR}business context too short (`,
    ofMinimum: ` of ${minimum} characters)`,
    noMetric: `${SEPARATOR}success metric missing`,
    vagueMetric: `${SEPARATOR}success metric not measurable (${metricFormHint(config.indicators)})`,
    noDate: `${SEPARATOR}requested launch date missing`,
    dateProblem: [
      ...TIERS.map(
        (tier) =>
          `${SEPARATOR}requested launch date too soon: ${TIER_LABELS[tier]} work needs ${lead[tier]} business day${lead[tier] === 1 ? '' : 's'} of notice`,
      ),
      `${SEPARATOR}requested launch date is in the past`,
    ],
    noOwner: `${SEPARATOR}accountable owner missing (assign the request)`,
  };
};

/**
 * The `config` variable's type, for Jira's type check (`POST /expression/analyse`, `check=type`,
 * `contextVariables`), written in Jira's type syntax (`{ a: Number, b: String }`, `List<String>`).
 */
export const intakeCreateContextVariables = (rule: IntakeCreateRule): Readonly<Record<string, string>> => {
  const typeOf = (value: unknown): string =>
    typeof value === 'string'
      ? 'String'
      : typeof value === 'number'
        ? 'Number'
        : Array.isArray(value)
          ? `List<${value.length === 0 ? 'Number' : typeOf(value[0])}>`
          : 'Map';
  return {
    config: `{ ${Object.entries(rule)
      .map(([key, value]) => `${key}: ${typeOf(value)}`)
      .join(', ')} }`,
  };
};

/**
 * The manifest's expression: until Set up project writes the rule's configuration, the create
 * transition is blocked with a message that says what to do. The admin page is the app's
 * configure page (`useAsConfig`): it opens from Manage apps, not from the Apps menu.
 */
export const UNCONFIGURED_CREATE_EXPRESSION =
  '"Flight Plan: the intake gate on Create has no configuration yet. A Jira admin opens Manage apps → Flight Plan → Configure and sets up this project."';
