import type { InvocationError } from '@forge/events';
import { forgeRuntimeDeps, type RuntimeDeps } from '../../adapters/forge-runtime';
import { issueEventSchema } from '../../contracts/issue-event.schema';
import { describeZodError } from '../../contracts/zod-errors';
import { onIssueChanged } from '../../use-cases/issue-changed';
import { err, type Failure, type Result } from '../../domain/result';
import { startChosenTemplate } from '../../use-cases/new-request';
import { StorageError } from '../../use-cases/ports';
import { failureOfThrow, isLastDelivery, retryLaterFor } from '../retry-later';

/**
 * A step's result, with app storage failing under it (the store throws a StorageError) as the failure it leaves: a
 * thrown event is not retried by the platform, which retries an event only when the function returns an InvocationError
 * (developer.atlassian.com/platform/forge/events-reference/product_events/, "Retry for app level errors"), so a throw
 * would lose the change for good. Anything else thrown is a defect, and is thrown on for Forge to record.
 */
const settled = async <T>(step: () => Promise<Result<T, Failure>>): Promise<Result<T, Failure>> => {
  try {
    return await step();
  } catch (error) {
    if (error instanceof StorageError) return err(failureOfThrow(error));
    throw error;
  }
};

/**
 * `trigger` on issue created/updated: stage log, triage score, summary property, dependents' notices, and on a new request
 * the template its creator chose on the New marketing request page.
 * Rate limits, Jira outages, app storage failing and dependents left untold are handed back to the platform's retry,
 * quietly; other failures are logged, because retrying a refused or malformed event cannot succeed, and so, once, is
 * what the last delivery the platform makes still leaves undone.
 */
export const issueChangedHandler =
  (deps: () => RuntimeDeps = forgeRuntimeDeps) =>
  async (event: unknown): Promise<InvocationError | undefined> => {
    const parsed = issueEventSchema.safeParse(event);
    if (!parsed.success) {
      console.error(`issue-changed trigger ignored an unreadable event: ${describeZodError(parsed.error)}`);
      return undefined;
    }
    const runtime = deps();
    const outcome = await settled(() => onIssueChanged(runtime, parsed.data));
    // A redelivered event finds the template started (the choice is marked used) and starts nothing twice.
    const started = await settled(() => startChosenTemplate(runtime, parsed.data));
    if (outcome.ok && started.ok) return undefined;
    const failures = [outcome, started].flatMap((result) => (result.ok ? [] : [result.error]));
    const retry = isLastDelivery(parsed.data) ? null : (failures.map(retryLaterFor).find((later) => later !== null) ?? null);
    if (retry !== null) return retry;
    const undone = failures.map((failed) => `${failed.code} ${failed.message}`).join('; ');
    console.error(`issue-changed trigger could not update issue ${parsed.data.issue.key}: ${undone}`);
    return undefined;
  };

export const issueChangedTrigger = issueChangedHandler();
