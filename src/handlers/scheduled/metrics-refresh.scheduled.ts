import { forgeMetricsDeps, type MetricsDeps } from '../../adapters/forge-runtime';
import { loadConfig } from '../../use-cases/load-issue-state';
import { startRefresh } from '../../use-cases/refresh-metrics';

/**
 * `scheduledTrigger` (hourly): queues a refresh of what changed since the last one. The work
 * itself runs in the queue consumer, a page per event, so no scheduled run can time out on it.
 */
export const scheduledRefreshHandler =
  (deps: () => MetricsDeps = forgeMetricsDeps) =>
  async (): Promise<void> => {
    const d = deps();
    const stored = await loadConfig(d.store);
    if (!stored.ok) {
      console.error(`metrics refresh not started: ${stored.error.message}`);
      return;
    }
    await d.enqueue(await startRefresh(d, stored.value.config));
  };

export const metricsRefreshScheduled = scheduledRefreshHandler();
