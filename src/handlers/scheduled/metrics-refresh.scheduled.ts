import { forgeMetricsDeps, type MetricsDeps } from '../../adapters/forge-runtime';
import { requestRefresh } from '../../use-cases/refresh-metrics';
import { runOnSchedule } from './queued-run';

/** `scheduledTrigger` (hourly): queues a refresh of what changed since the last one, unless one is under way. */
export const scheduledRefreshHandler = (deps: () => MetricsDeps = forgeMetricsDeps) =>
  runOnSchedule<MetricsDeps>(
    'metrics refresh',
    async (d, config) => {
      const request = await requestRefresh(d, config, 'schedule');
      if (!request.queued) console.warn(`metrics refresh not started: ${request.reason}`);
    },
    deps,
  );

export const metricsRefreshScheduled = scheduledRefreshHandler();
