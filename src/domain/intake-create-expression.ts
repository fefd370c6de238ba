import type { AppConfig } from './app-config';
import type { Tier } from './tiers';

/** Ids of the app's custom fields on one site (`customfield_10050`…), needed to name them in an expression. */
export interface IntakeFieldIds {
  readonly successMetric: string;
  readonly impact: string;
  readonly risk: string;
}

const WEEKDAYS = 7;

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

const quote = (text: string): string => JSON.stringify(text);

const fieldRef = (id: string): string => {
  if (!/^customfield_\d+$/.test(id)) throw new Error(`"${id}" is not a custom field id`);
  return `issue.${id}`;
};

/**
 * The Jira expression for the intake gate on the create transition, generated from the same
 * configuration the intake gate uses. On create no Flight Plan record exists yet, so the rules
 * are judged on what the create screen holds; the expression returns true or the blocked message.
 * Holidays are not known to the expression; the gate at intake → triage applies them.
 */
export const intakeCreateExpression = (config: AppConfig, fields: IntakeFieldIds): string => {
  const minLength = config.intake.minDescriptionLength;
  const leadTable = (tier: Tier): string =>
    `[${Array.from({ length: WEEKDAYS }, (_, weekday) => calendarDaysForBusinessDays(weekday, config.intake.leadTimeBusinessDays[tier])).join(', ')}]`;
  const metric = fieldRef(fields.successMetric);
  const impact = fieldRef(fields.impact);
  const risk = fieldRef(fields.risk);
  const lead = config.intake.leadTimeBusinessDays;
  const lines = [
    `let description = issue.description != null ? issue.description.plainText.trim() : "";`,
    `let metric = ${metric} != null ? ${metric}.trim() : "";`,
    `let today = new Date().toCalendarDate();`,
    `let weekday = new Date().getDay();`,
    `let tier = (${risk} != null && ${impact} != null) ? (${risk} >= 4 ? "regulated" : (${impact} >= 4 ? "revenue" : "low-risk")) : "low-risk";`,
    `let leadDays = tier == "regulated" ? ${leadTable('regulated')}[weekday] : (tier == "revenue" ? ${leadTable('revenue')}[weekday] : ${leadTable('low-risk')}[weekday]);`,
    `let leadBusinessDays = tier == "regulated" ? ${lead.regulated} : (tier == "revenue" ? ${lead.revenue} : ${lead['low-risk']});`,
    `let problems = [`,
    `  description.length == 0 ? "business context missing (describe the request)" : (description.length < ${minLength} ? "business context too short (" + description.length + " of ${minLength} characters)" : null),`,
    `  metric.length == 0 ? "success metric missing" : (metric.match(${quote('[0-9%]')}) == null ? "success metric not measurable (add a number or %)" : null),`,
    `  issue.dueDate == null ? "requested launch date missing" : (issue.dueDate < today ? "requested launch date " + issue.dueDate + " is in the past" : (issue.dueDate < today.plusDays(leadDays) ? "requested launch date " + issue.dueDate + " is too soon: " + tier + " work needs " + leadBusinessDays + " business days of notice" : null)),`,
    `  issue.assignee == null ? "accountable owner missing (assign the request)" : null`,
    `].filter(problem => problem != null);`,
    `problems.length == 0 ? true : "Intake gate: " + problems.join("; ")`,
  ];
  return lines.join('\n');
};

/**
 * The manifest's expression: until Set up project writes the generated expression into the
 * rule's configuration, the create transition is blocked with a message that says what to do.
 */
export const UNCONFIGURED_CREATE_EXPRESSION =
  '"Flight Plan: the intake gate on Create has no configuration yet. A Jira admin opens Apps → Flight Plan → Set up project."';
