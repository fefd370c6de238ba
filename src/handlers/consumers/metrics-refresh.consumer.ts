import type { InvocationError } from '@forge/events';
import { forgeMetricsDeps, type MetricsDeps } from '../../adapters/forge-runtime';
import { refreshJobSchema } from '../../contracts/metrics-store.schema';
import { describeZodError } from '../../contracts/zod-errors';
import { runRefreshPage } from '../../use-cases/refresh-metrics';
import { retryLaterFor } from '../retry-later';

/**
 * `consumer` of the metrics-refresh queue: each event stores one search page, then queues the
 * next page. A transient Jira failure hands the same event back to the platform's retry, which
 * resumes at the same page: the checkpoint is the event itself.
 */
export const metricsRefreshHandler =
  (deps: () => MetricsDeps = forgeMetricsDeps) =>
  async (event: { body?: unknown }): Promise<InvocationError | undefined> => {
    const job = refreshJobSchema.safeParse(event.body);
    if (!job.success) {
      console.error(`metrics refresh dropped an unreadable job: ${describeZodError(job.error)}`);
      return undefined;
    }
    const d = deps();
    const outcome = await runRefreshPage(d, job.data);
    if (!outcome.ok) {
      const retry = retryLaterFor(outcome.error);
      if (retry !== null) return retry;
      console.error(`metrics refresh stopped at page ${job.data.page}: ${outcome.error.code} ${outcome.error.message}`);
      return undefined;
    }
    if (outcome.value.next !== null) await d.enqueue(outcome.value.next);
    return undefined;
  };

export const metricsRefreshConsumer = metricsRefreshHandler();
