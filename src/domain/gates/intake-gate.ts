import { businessDaysBetween, parseCalendarDate, toCalendarDate } from '../business-days';
import { isBlank, type GateChecks } from './gate-context';

type IntakeItem = 'intake.business-context' | 'intake.success-metric' | 'intake.launch-date' | 'intake.owner';

/** "Measurable" means the metric names a number or a percentage ("+15% MQLs", "200 sign-ups"). */
export const isMeasurable = (metric: string): boolean => /\d/.test(metric) || metric.includes('%');

export const INTAKE_CHECKS: GateChecks<IntakeItem> = {
  'intake.business-context': ({ facts, config }) => {
    const length = facts.description.trim().length;
    const needed = config.intake.minDescriptionLength;
    if (length === 0) return 'business context missing (describe the request)';
    return length < needed ? `business context too short (${length} of ${needed} characters)` : null;
  },
  'intake.success-metric': ({ facts }) => {
    if (isBlank(facts.successMetric)) return 'success metric missing';
    return isMeasurable(facts.successMetric) ? null : 'success metric not measurable (add a number or %)';
  },
  'intake.launch-date': ({ facts, config, now, tier }) => {
    if (facts.dueDate === null) return 'requested launch date missing';
    const due = parseCalendarDate(facts.dueDate);
    if (due === null) return `requested launch date "${facts.dueDate}" is not a date`;
    if (facts.dueDate < toCalendarDate(now)) return `requested launch date ${facts.dueDate} is in the past`;
    const leadTime = config.intake.leadTimeBusinessDays[tier];
    const filed = new Date(facts.createdAt);
    const notice = businessDaysBetween(Number.isNaN(filed.getTime()) ? now : filed, due, config);
    return notice < leadTime
      ? `requested launch date ${facts.dueDate} is ${notice} business days after filing, but ${tier} work needs ${leadTime}`
      : null;
  },
  'intake.owner': ({ facts }) => (facts.assigneeId === null ? 'accountable owner missing (assign the request)' : null),
};
