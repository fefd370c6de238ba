import { forgeAutomationDeps, type AutomationDeps } from '../../adapters/forge-runtime';
import { reminderJobSchema, type ReminderJob } from '../../contracts/reminders.schema';
import { loadConfig } from '../../use-cases/load-issue-state';
import { runRemindersPage } from '../../use-cases/run-reminders';
import { pagedJobConsumer } from './paged-job';

const runPage = async (deps: AutomationDeps, job: ReminderJob) => {
  const stored = await loadConfig(deps.store);
  return stored.ok ? runRemindersPage(deps, stored.value.config, job) : stored;
};

/** `consumer` of the automation queue: SLA reminders and launch-watch prompts, a page of open requests per event. */
export const remindersHandler = (deps: () => AutomationDeps = forgeAutomationDeps) => pagedJobConsumer('reminders', reminderJobSchema, runPage, deps);

export const remindersConsumer = remindersHandler();
