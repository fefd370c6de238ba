import { forgeMetricsDeps, type MetricsDeps } from '../../adapters/forge-runtime';
import { pruneOldAuditQuarters } from '../../use-cases/quarterly-audit';
import { requestRefresh } from '../../use-cases/refresh-metrics';
import { runOnSchedule } from './queued-run';

/**
 * `scheduledTrigger` (hourly): queues a refresh of what changed since the last one, unless one is under way; then drops
 * the audit entries of quarters past those kept. A failed prune is tried again the next hour and never holds up the refresh.
 */
export const scheduledRefreshHandler = (deps: () => MetricsDeps = forgeMetricsDeps) =>
  runOnSchedule<MetricsDeps>(
    'metrics refresh',
    async (d, config) => {
      const request = await requestRefresh(d, config, 'schedule');
      if (!request.queued) console.warn(`metrics refresh not started: ${request.reason}`);
      try {
        await pruneOldAuditQuarters(d.store, d.now);
      } catch (error) {
        console.error('pruning old quarters of the audit failed; the next hourly run tries again', error);
      }
    },
    deps,
  );

export const metricsRefreshScheduled = scheduledRefreshHandler();
