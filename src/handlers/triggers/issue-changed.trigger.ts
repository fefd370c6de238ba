import type { InvocationError } from '@forge/events';
import { forgeRuntimeDeps, type RuntimeDeps } from '../../adapters/forge-runtime';
import { issueEventSchema } from '../../contracts/issue-event.schema';
import { describeZodError } from '../../contracts/zod-errors';
import { onIssueChanged } from '../../use-cases/issue-changed';
import { startChosenTemplate } from '../../use-cases/new-request';
import { isLastDelivery, retryLaterFor } from '../retry-later';

/**
 * `trigger` on issue created/updated: stage log, triage score, summary property, dependents' notices, and on a new request
 * the template its creator chose on the New marketing request page.
 * Rate limits, Jira outages and dependents left untold are handed back to the platform's retry; other failures are
 * logged, because retrying a refused or malformed event cannot succeed, and so is what the last retry the platform
 * makes still leaves undone.
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
    const outcome = await onIssueChanged(runtime, parsed.data);
    // A redelivered event finds the template started (the choice is marked used) and starts nothing twice.
    const started = await startChosenTemplate(runtime, parsed.data);
    if (outcome.ok && started.ok) return undefined;
    const failures = [outcome, started].flatMap((result) => (result.ok ? [] : [result.error]));
    const retry = isLastDelivery(parsed.data) ? null : (failures.map(retryLaterFor).find((later) => later !== null) ?? null);
    if (retry !== null) return retry;
    for (const failed of failures)
      console.error(`issue-changed trigger could not update issue ${parsed.data.issue.key}: ${failed.code} ${failed.message}`);
    return undefined;
  };

export const issueChangedTrigger = issueChangedHandler();
