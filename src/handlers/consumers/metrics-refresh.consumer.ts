import { forgeMetricsDeps, type MetricsDeps } from '../../adapters/forge-runtime';
import { refreshJobSchema } from '../../contracts/metrics-store.schema';
import { runRefreshPage } from '../../use-cases/refresh-metrics';
import { pagedJobConsumer } from './paged-job';

/** `consumer` of the metrics-refresh queue: each event stores one search page, then queues the next. */
export const metricsRefreshHandler = (deps: () => MetricsDeps = forgeMetricsDeps) => pagedJobConsumer('metrics refresh', refreshJobSchema, runRefreshPage, deps);

export const metricsRefreshConsumer = metricsRefreshHandler();
