import type { InvocationError } from '@forge/events';
import { z } from 'zod';
import { forgeRuntimeDeps, type RuntimeDeps } from '../../adapters/forge-runtime';
import { describeZodError } from '../../contracts/zod-errors';
import { forgetDeletedIssue } from '../../use-cases/forget-deleted-issue';
import { retryAfterThrow } from '../retry-later';

/** `avi:jira:deleted:issue` (developer.atlassian.com/platform/forge/events-reference/jira/#issue-deleted): only the issue's id is read. */
const issueDeletedSchema = z.object({ issue: z.object({ id: z.string().min(1), key: z.string().optional() }).loose() });

/**
 * `trigger` on issue deleted, for every issue deleted on the site: the stored values of a request the app held go with
 * it, so per-issue keys do not outlive their issues; an issue it never held costs a read and writes nothing.
 * Storage failing is handed back to the platform's retry.
 */
export const issueDeletedHandler =
  (deps: () => Pick<RuntimeDeps, 'store' | 'now'> = forgeRuntimeDeps) =>
  async (event: unknown): Promise<InvocationError | undefined> => {
    const parsed = issueDeletedSchema.safeParse(event);
    if (!parsed.success) {
      console.error(`issue-deleted trigger ignored an unreadable event: ${describeZodError(parsed.error)}`);
      return undefined;
    }
    try {
      const { store, now } = deps();
      await forgetDeletedIssue(store, parsed.data.issue.id, now);
      return undefined;
    } catch (error) {
      console.error(`issue-deleted trigger could not forget issue ${parsed.data.issue.key ?? parsed.data.issue.id}`, error);
      return retryAfterThrow(error) ?? undefined;
    }
  };

export const issueDeletedTrigger = issueDeletedHandler();
