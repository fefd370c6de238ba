import { forgeAutomationDeps, type AutomationDeps } from '../../adapters/forge-runtime';
import { loadConfig } from '../../use-cases/load-issue-state';
import { startReminders } from '../../use-cases/run-reminders';

/**
 * `scheduledTrigger` (hourly): queues a reminder run over the open requests. The queue runs one
 * run at a time, and the reminder ledgers make a duplicated run post nothing twice.
 */
export const scheduledRemindersHandler =
  (deps: () => AutomationDeps = forgeAutomationDeps) =>
  async (): Promise<void> => {
    const d = deps();
    const stored = await loadConfig(d.store);
    if (!stored.ok) {
      console.error(`reminders not started: ${stored.error.message}`);
      return;
    }
    await d.enqueue(startReminders(stored.value.config, d.now));
  };

export const remindersScheduled = scheduledRemindersHandler();
