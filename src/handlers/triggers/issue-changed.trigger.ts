import { InvocationError, InvocationErrorCode } from '@forge/events';
import { forgeRuntimeDeps, type RuntimeDeps } from '../../adapters/forge-runtime';
import { issueEventSchema } from '../../contracts/issue-event.schema';
import { describeZodError } from '../../contracts/zod-errors';
import { onIssueChanged } from '../../use-cases/issue-changed';

/**
 * `trigger` on issue created/updated: stage log, triage score, summary property.
 * Rate limits and Jira outages are handed back to the platform's retry; other failures are
 * logged, because retrying a refused or malformed event cannot succeed.
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
    const { error } = outcome;
    if (error.code === 'JIRA.RATE_LIMITED' || error.code === 'JIRA.UNAVAILABLE' || error.code === 'JIRA.TIMEOUT') {
      const retryAfterMs = 'retryAfterMs' in error && typeof error.retryAfterMs === 'number' ? error.retryAfterMs : 30_000;
      return new InvocationError({
        retryAfter: Math.min(900, Math.max(1, Math.ceil(retryAfterMs / 1_000))),
        retryReason:
          error.code === 'JIRA.RATE_LIMITED' ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    console.error(`issue-changed trigger could not update issue ${parsed.data.issue.key}: ${error.code} ${error.message}`);
    return undefined;
  };

export const issueChangedTrigger = issueChangedHandler();
