import { businessDaysBetween, parseCalendarDate, toCalendarDate } from '../business-days';
import { dateInWords } from '../calendar-words';
import { metricFormHint, parseMetricSentence } from '../outcomes/metric-sentence';
import { TIER_LABELS } from '../tiers';
import { isBlank, type GateChecks } from './gate-context';

type IntakeItem = 'intake.business-context' | 'intake.success-metric' | 'intake.launch-date' | 'intake.owner';

export const INTAKE_CHECKS: GateChecks<IntakeItem> = {
  'intake.business-context': ({ facts, config }) => {
    const length = facts.description.trim().length;
    const needed = config.intake.minDescriptionLength;
    if (length === 0) return 'business context missing (describe the request)';
    return length < needed ? `business context too short (${length} of ${needed} characters)` : null;
  },
  // Measurable means structured: an indicator of the catalogue, a target and a window, so the outcome can be judged
  // from the CRM's figures. A request filed before this kept free text; it is asked for the structure here, at intake.
  'intake.success-metric': ({ facts, config }) => {
    if (isBlank(facts.successMetric)) return 'success metric missing';
    return parseMetricSentence(facts.successMetric, config.indicators) === null
      ? `success metric not measurable (${metricFormHint(config.indicators)})`
      : null;
  },
  'intake.launch-date': ({ facts, config, now, tier }) => {
    if (facts.dueDate === null) return 'requested launch date missing';
    const due = parseCalendarDate(facts.dueDate);
    if (due === null) return `requested launch date "${facts.dueDate}" is not a date`;
    if (facts.dueDate < toCalendarDate(now)) return `requested launch date ${dateInWords(facts.dueDate)} is in the past`;
    const leadTime = config.intake.leadTimeBusinessDays[tier];
    const filed = new Date(facts.createdAt);
    const notice = businessDaysBetween(Number.isNaN(filed.getTime()) ? now : filed, due, config);
    return notice < leadTime
      ? `requested launch date ${dateInWords(facts.dueDate)} is ${notice} business day${notice === 1 ? '' : 's'} after filing, but ${TIER_LABELS[tier]} work needs ${leadTime}`
      : null;
  },
  'intake.owner': ({ facts }) => (facts.assigneeId === null ? 'accountable owner missing (assign the request)' : null),
};
