import { forgeAutomationDeps, type AutomationDeps } from '../../adapters/forge-runtime';
import { reminderJobSchema, type ReminderJob } from '../../contracts/reminders.schema';
import { loadConfig } from '../../use-cases/load-issue-state';
import { runRemindersPage } from '../../use-cases/run-reminders';
import { pagedJobConsumer } from './paged-job';

const runPage = async (deps: AutomationDeps, job: ReminderJob) => {
  const stored = await loadConfig(deps.store);
  if (!stored.ok) return stored;
  const outcome = await runRemindersPage(deps, stored.value.config, job);
  if (outcome.ok && outcome.value.unreadableLedgers.length > 0) {
    console.error(
      `reminders posted nothing on ${outcome.value.unreadableLedgers.join(', ')}: the record of reminders already posted there is unreadable`,
    );
  }
  if (outcome.ok)
    for (const { key, why } of outcome.value.failed)
      console.error(`reminders could not remind ${key} (the rest of the page was reminded): ${why}`);
  return outcome;
};

/** `consumer` of the automation queue: SLA reminders and launch-watch prompts, a page of open requests per event. */
export const remindersHandler = (deps: () => AutomationDeps = forgeAutomationDeps) =>
  pagedJobConsumer('reminders', reminderJobSchema, runPage, deps);

export const remindersConsumer = remindersHandler();
