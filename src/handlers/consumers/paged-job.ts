import type { InvocationError } from '@forge/events';
import type { z } from 'zod';
import type { QueueDeps } from '../../adapters/forge-runtime';
import { describeZodError } from '../../contracts/zod-errors';
import type { Failure, Result } from '../../domain/result';
import { retryAfterThrow, retryLaterFor } from '../retry-later';

/**
 * A queue consumer for work done a page per event: each event runs one page and queues the
 * next. A transient Jira failure hands the same event back to the platform's retry, which
 * resumes at the same page: the checkpoint is the event itself.
 */
export const pagedJobConsumer =
  <Job extends { readonly page: number }, Deps extends QueueDeps<Job>>(
    name: string,
    schema: z.ZodType<Job>,
    runPage: (deps: Deps, job: Job) => Promise<Result<{ readonly next: Job | null }, Failure>>,
    deps: () => Deps,
  ) =>
  async (event: { body?: unknown }): Promise<InvocationError | undefined> => {
    const job = schema.safeParse(event.body);
    if (!job.success) {
      console.error(`${name} dropped an unreadable job: ${describeZodError(job.error)}`);
      return undefined;
    }
    const d = deps();
    try {
      const outcome = await runPage(d, job.data);
      if (!outcome.ok) {
        const retry = retryLaterFor(outcome.error);
        if (retry !== null) return retry;
        console.error(`${name} stopped at page ${job.data.page}: ${outcome.error.code} ${outcome.error.message}`);
        return undefined;
      }
      if (outcome.value.next !== null) await d.enqueue(outcome.value.next);
      return undefined;
    } catch (error) {
      // A page re-run writes the same data again, so a retry after a storage failure resumes without harm.
      const retry = retryAfterThrow(error);
      console.error(`${name} failed at page ${job.data.page}${retry === null ? '' : ', retried'}:`, error);
      return retry ?? undefined;
    }
  };
