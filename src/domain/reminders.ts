import type { PeopleHistory } from './issue-facts';
import { roleLabel, type AppConfig } from './app-config';
import { awaitedApprovers, pathProgress } from './approval-paths';
import { businessDaysBetween } from './business-days';
import { CHECKPOINT_HOURS, OBSERVATION_CHECKPOINTS, type FlightPlanRecord, type ObservationCheckpoint } from './flight-plan-record';
import { slaStateOf, slaStatus } from './sla';
import { STAGE_LABELS, type Stage } from './stages';
import type { Tier } from './tiers';
import { HOUR_MS } from './durations';
import { dateInWords } from './calendar-words';

/** An open request as the reminder run reads it, with who owned it and wrote its description (for a request in QA). */
export interface OpenRequest extends PeopleHistory {
  readonly issueId: string;
  readonly key: string;
  readonly stage: Stage;
  readonly tier: Tier;
  /** When it entered its current stage. */
  readonly enteredAt: Date;
  readonly assigneeId: string | null;
  /** Who filed it: never asked to approve it. */
  readonly reporterId: string | null;
  /** As the issue facts give it: an approval covers it. */
  readonly description: string;
  readonly record: FlightPlanRecord;
}

export type Reminder =
  | {
      readonly kind: 'sla-breach';
      readonly to: string | null;
      readonly stage: Stage;
      readonly used: number;
      readonly budget: number;
      readonly dedupeKey: string;
    }
  | {
      readonly kind: 'sla-escalation';
      readonly to: readonly string[];
      readonly stage: Stage;
      readonly used: number;
      readonly budget: number;
      readonly dedupeKey: string;
    }
  | {
      readonly kind: 'observation-due';
      readonly to: string | null;
      readonly checkpoint: ObservationCheckpoint;
      readonly dueAt: string;
      readonly dedupeKey: string;
    }
  | ApprovalReminder;

/**
 * An approval step past the approval SLA: its awaited approvers are reminded (`approval-overdue`),
 * and at twice the SLA the triage leads are told (`approval-escalation`). Keyed by the role and
 * since when its step was due, so each wait is reminded once, and a wait that restarts (the copy
 * changed, making the approvals stale) is a new one.
 */
interface ApprovalReminder {
  readonly kind: 'approval-overdue' | 'approval-escalation';
  readonly to: readonly string[];
  readonly role: string;
  readonly roleLabel: string;
  readonly used: number;
  readonly budget: number;
  readonly dedupeKey: string;
}

/** The approval reminders a request in QA is owed: one pair per path step that is due and not complete. */
const approvalReminders = (
  request: OpenRequest,
  config: Pick<AppConfig, 'approvalPaths' | 'approvalSlaBusinessDays' | 'holidays' | 'roles'>,
  now: Date,
): ApprovalReminder[] => {
  // Judged as the gate judges them: an approval by someone who once owned the request is no step done.
  const people = request;
  const progress = pathProgress(config.approvalPaths[request.tier], request.record, people, config.roles, request.enteredAt.toISOString());
  const budget = config.approvalSlaBusinessDays;
  return progress.steps.flatMap((step) => {
    if (step.complete || step.dueSince === null) return [];
    const used = Math.max(0, businessDaysBetween(new Date(step.dueSince), now, config));
    const state = slaStateOf(used, budget);
    if (state !== 'breached' && state !== 'escalated') return [];
    const wait = `${step.role}@${step.dueSince}`;
    const common = { role: step.role, roleLabel: roleLabel(config.roles, step.role), used, budget };
    const overdue: ApprovalReminder = {
      kind: 'approval-overdue',
      to: awaitedApprovers(step, request.record, people, config.roles),
      ...common,
      dedupeKey: `approval:${wait}`,
    };
    const escalation: ApprovalReminder = {
      kind: 'approval-escalation',
      to: config.roles.triageLeads,
      ...common,
      dedupeKey: `approval-escalate:${wait}`,
    };
    return state === 'escalated' ? [overdue, escalation] : [overdue];
  });
};

/**
 * A launch-watch prompt's dedupe key: one per request (the ledger is the request's) and
 * checkpoint, so moving the launch window does not post the prompts again.
 */
const observationReminderKey = (checkpoint: ObservationCheckpoint): string => `observe:${checkpoint}`;

export interface ObservationDue {
  readonly checkpoint: ObservationCheckpoint;
  readonly dueAt: string;
  readonly state: 'recorded' | 'overdue' | 'upcoming';
}

/**
 * The launch watch's schedule: each checkpoint counts from the real launch, the stage log's entry
 * into Launch, never from the window typed in (moving it back would skip the watch); null before
 * the request has entered Launch, or when the observations were waived.
 */
export const observationSchedule = (
  launch: FlightPlanRecord['launch'],
  launchEnteredAt: Date | null,
  now: Date,
): ObservationDue[] | null => {
  if (launch.observationWaiver !== undefined || launchEnteredAt === null) return null;
  const start = launchEnteredAt.getTime();
  return OBSERVATION_CHECKPOINTS.map((checkpoint) => {
    const dueAt = start + CHECKPOINT_HOURS[checkpoint] * HOUR_MS;
    const recorded = launch.observations.some((observation) => observation.checkpoint === checkpoint);
    return {
      checkpoint,
      dueAt: new Date(dueAt).toISOString(),
      state: recorded ? 'recorded' : dueAt <= now.getTime() ? 'overdue' : 'upcoming',
    };
  });
};

/**
 * The reminders a request is owed at `now` that it has not had yet (`sent` holds the dedupe keys
 * of those already posted). A breach is keyed by the stage visit, so the same breach is never
 * reminded twice, and a later visit to the stage is a new breach.
 */
export const dueReminders = (
  request: OpenRequest,
  sent: ReadonlySet<string>,
  config: Pick<AppConfig, 'slaBusinessDays' | 'holidays' | 'roles' | 'approvalPaths' | 'approvalSlaBusinessDays'>,
  now: Date,
): Reminder[] => {
  const reminders: Reminder[] = [];
  const visit = `${request.stage}@${request.enteredAt.toISOString()}`;
  const sla = slaStatus(request.stage, request.tier, request.enteredAt, now, config);
  if (sla !== null && (sla.state === 'breached' || sla.state === 'escalated')) {
    const breach = { to: request.assigneeId, stage: request.stage, used: sla.used, budget: sla.budget, dedupeKey: `sla:${visit}` };
    if (!sent.has(breach.dedupeKey)) reminders.push({ kind: 'sla-breach', ...breach });
    // Every triage lead is told: an escalation to the first alone is lost when that lead is away.
    const escalation = { ...breach, to: config.roles.triageLeads, dedupeKey: `escalate:${visit}` };
    if (sla.state === 'escalated' && !sent.has(escalation.dedupeKey)) reminders.push({ kind: 'sla-escalation', ...escalation });
  }
  if (request.stage === 'qa')
    reminders.push(...approvalReminders(request, config, now).filter((reminder) => !sent.has(reminder.dedupeKey)));
  if (request.stage === 'launch') {
    const { launch } = request.record;
    for (const due of observationSchedule(launch, request.enteredAt, now) ?? []) {
      const dedupeKey = observationReminderKey(due.checkpoint);
      if (due.state === 'overdue' && !sent.has(dedupeKey)) {
        reminders.push({
          kind: 'observation-due',
          to: launch.monitoringOwnerId ?? request.assigneeId,
          checkpoint: due.checkpoint,
          dueAt: due.dueAt,
          dedupeKey,
        });
      }
    }
  }
  return reminders;
};

/** "1 business day", "4 business days". */
const businessDays = (count: number): string => `${count} business ${count === 1 ? 'day' : 'days'}`;

/**
 * The sentence a reminder comment says after its mention. A comment is read by people in many time zones and cannot
 * follow each one's, so an instant is written in words with its zone named: "9 June 2026, 10:00 UTC".
 */
export const reminderText = (reminder: Reminder): string => {
  switch (reminder.kind) {
    case 'sla-breach':
      return `this request has been in ${STAGE_LABELS[reminder.stage]} for ${businessDays(reminder.used)}; its SLA is ${reminder.budget}. Please move it on or say what blocks it.`;
    case 'sla-escalation':
      return `escalation: this request has been in ${STAGE_LABELS[reminder.stage]} for ${businessDays(reminder.used)}, twice its SLA of ${reminder.budget}.`;
    case 'approval-overdue':
      return `the ${reminder.roleLabel} approval of this request has waited ${businessDays(reminder.used)}; the approval SLA is ${reminder.budget}. Please approve it in the Flight Plan panel or say what blocks it.`;
    case 'approval-escalation':
      return `escalation: the ${reminder.roleLabel} approval of this request has waited ${businessDays(reminder.used)}, twice the approval SLA of ${reminder.budget}.`;
    case 'observation-due':
      return `the +${reminder.checkpoint} launch observation was due at ${dateInWords(reminder.dueAt.slice(0, 10))}, ${reminder.dueAt.slice(11, 16)} UTC. Record it in the Flight Plan panel.`;
  }
};
