import { forgeMetricsConsumerDeps, type MetricsConsumerDeps } from '../../adapters/forge-runtime';
import { refreshJobSchema, type RefreshJob } from '../../contracts/metrics-store.schema';
import { mirrorAttainment } from '../../use-cases/refresh-attainment';
import { runRefreshPage } from '../../use-cases/refresh-metrics';
import { pagedJobConsumer } from './paged-job';

/** `consumer` of the metrics-refresh queue: each event stores one search page, then queues the next. */
const runPage = async (deps: MetricsConsumerDeps, job: RefreshJob) => {
  const outcome = await runRefreshPage(deps, job);
  if (outcome.ok) {
    for (const problem of outcome.value.skipped ?? [])
      console.error(`metrics refresh left out an issue at page ${job.page} (the rest were refreshed): ${problem}`);
    for (const problem of outcome.value.partlyRead ?? [])
      console.error(`metrics refresh counted an issue at page ${job.page} without its unreadable summary property: ${problem}`);
    const left = outcome.value.viewsLeftToLoad ?? [];
    // One line per event (at most four views), not per view: the same viewers' searches fail again each hour until their gadgets change.
    if (left.length > 0)
      console.warn(`metrics refresh left ${left.length} Workflow health views by JQL to their viewers' next load: ${left.join('; ')}`);
  }
  // The last step, once the histories are complete: outcomes are judged again for JQL.
  if (outcome.ok && job.step === 'views') {
    const { failed } = await mirrorAttainment(deps);
    if (failed > 0) console.error(`metrics refresh could not write ${failed} attainment properties; the next refresh tries again`);
  }
  return outcome;
};

export const metricsRefreshHandler = (deps: () => MetricsConsumerDeps = forgeMetricsConsumerDeps) =>
  pagedJobConsumer('metrics refresh', refreshJobSchema, runPage, deps);

export const metricsRefreshConsumer = metricsRefreshHandler();
