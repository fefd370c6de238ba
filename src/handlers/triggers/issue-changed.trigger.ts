import type { InvocationError } from '@forge/events';
import { forgeRuntimeDeps, type RuntimeDeps } from '../../adapters/forge-runtime';
import { issueEventSchema } from '../../contracts/issue-event.schema';
import { describeZodError } from '../../contracts/zod-errors';
import { onIssueChanged } from '../../use-cases/issue-changed';
import { isLastDelivery, retryLaterFor } from '../retry-later';

/**
 * `trigger` on issue created/updated: stage log, triage score, summary property, dependents' notices.
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
    const outcome = await onIssueChanged(deps(), parsed.data);
    if (outcome.ok) return undefined;
    const retry = isLastDelivery(parsed.data) ? null : retryLaterFor(outcome.error);
    if (retry !== null) return retry;
    console.error(`issue-changed trigger could not update issue ${parsed.data.issue.key}: ${outcome.error.code} ${outcome.error.message}`);
    return undefined;
  };

export const issueChangedTrigger = issueChangedHandler();
