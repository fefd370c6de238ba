import { forgeMetricsDeps, type MetricsDeps } from '../../adapters/forge-runtime';
import type { RefreshJob } from '../../contracts/metrics-store.schema';
import { startRefresh } from '../../use-cases/refresh-metrics';
import { queueRunOnSchedule } from './queued-run';

/** `scheduledTrigger` (hourly): queues a refresh of what changed since the last one. */
export const scheduledRefreshHandler = (deps: () => MetricsDeps = forgeMetricsDeps) => queueRunOnSchedule<RefreshJob, MetricsDeps>('metrics refresh', (d, config) => startRefresh(d, config), deps);

export const metricsRefreshScheduled = scheduledRefreshHandler();
