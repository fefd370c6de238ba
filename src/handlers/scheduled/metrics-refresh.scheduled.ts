import { forgeMetricsDeps, type MetricsDeps } from '../../adapters/forge-runtime';
import { listCampaignsOfStoredRecords } from '../../use-cases/campaign-requests';
import { moveEmbeddedTrails } from '../../use-cases/move-embedded-trails';
import { pruneOldAuditQuarters } from '../../use-cases/quarterly-audit';
import { requestRefresh } from '../../use-cases/refresh-metrics';
import { removeUnreadKeys } from '../../use-cases/remove-unread-keys';
import { runOnSchedule } from './queued-run';

/** The hourly upkeep after the refresh is queued, each bounded per run, and what a failure of each means. */
const UPKEEP: readonly (readonly [what: string, run: (deps: MetricsDeps) => Promise<unknown>])[] = [
  ['pruning old quarters of the audit', (d) => pruneOldAuditQuarters(d.store, d.now)],
  ['moving audit trails out of older records', (d) => moveEmbeddedTrails(d.store)],
  ["listing older records on their campaigns' lists", (d) => listCampaignsOfStoredRecords(d.store)],
  ['removing keys earlier versions left that nothing reads', (d) => removeUnreadKeys(d.store)],
];

/**
 * `scheduledTrigger` (hourly): queues a refresh of what changed since the last one, unless one is under way; then drops
 * the audit entries of quarters past those kept, moves the audit trails of older records out of them, lists older records on their campaigns' lists, and removes the
 * keys earlier versions left that nothing reads. A failed upkeep step is tried again the next hour and never holds up the
 * refresh or the other steps.
 */
export const scheduledRefreshHandler = (deps: () => MetricsDeps = forgeMetricsDeps) =>
  runOnSchedule<MetricsDeps>(
    'metrics refresh',
    async (d, config) => {
      const request = await requestRefresh(d, config, 'schedule');
      if (!request.queued) console.warn(`metrics refresh not started: ${request.reason}`);
      for (const [what, run] of UPKEEP) {
        try {
          await run(d);
        } catch (error) {
          console.error(`${what} failed; the next hourly run tries again`, error);
        }
      }
    },
    deps,
  );

export const metricsRefreshScheduled = scheduledRefreshHandler();
