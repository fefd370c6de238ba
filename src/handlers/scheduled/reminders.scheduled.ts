import { forgeAutomationDeps, type AutomationDeps } from '../../adapters/forge-runtime';
import type { ReminderJob } from '../../contracts/reminders.schema';
import { startReminders } from '../../use-cases/run-reminders';
import { queueRunOnSchedule } from './queued-run';

/**
 * `scheduledTrigger` (hourly): queues a reminder run over the open requests. The queue runs one
 * run at a time, and the reminder ledgers make a duplicated run post nothing twice.
 */
const scheduledRemindersHandler = (deps: () => AutomationDeps = forgeAutomationDeps) =>
  queueRunOnSchedule<ReminderJob, AutomationDeps>('reminders', (d, config) => startReminders(config, d.now), deps);

export const remindersScheduled = scheduledRemindersHandler();
