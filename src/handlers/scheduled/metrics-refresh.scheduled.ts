import { forgeMetricsDeps, type MetricsDeps } from '../../adapters/forge-runtime';
import { listCampaignsOfStoredRecords } from '../../use-cases/campaign-requests';
import { moveEmbeddedTrails } from '../../use-cases/move-embedded-trails';
import { pruneOldAuditQuarters } from '../../use-cases/quarterly-audit';
import { requestRefresh } from '../../use-cases/refresh-metrics';
import { removeUnreadKeys } from '../../use-cases/remove-unread-keys';
import { runOnSchedule } from './queued-run';

/** Queues a refresh of what changed since the last one, unless one is under way or the configuration is unreadable. */
const queueRefresh = (d: MetricsDeps) =>
  runOnSchedule<MetricsDeps>(
    'metrics refresh',
    async (deps, config) => {
      const request = await requestRefresh(deps, config, 'schedule');
      if (!request.queued) console.warn(`metrics refresh not started: ${request.reason}`);
    },
    () => d,
  )();

/** What the hourly trigger does, in turn, each bounded per run, and named when it fails. */
const HOURLY: readonly (readonly [what: string, run: (deps: MetricsDeps) => Promise<unknown>])[] = [
  ['queueing the metrics refresh', queueRefresh],
  ['pruning old quarters of the audit', (d) => pruneOldAuditQuarters(d.store, d.now)],
  ['moving audit trails out of older records', (d) => moveEmbeddedTrails(d.store)],
  ["listing older records on their campaigns' lists", (d) => listCampaignsOfStoredRecords(d.store)],
  ['removing keys earlier versions left that nothing reads', (d) => removeUnreadKeys(d.store)],
];

/**
 * `scheduledTrigger` (hourly): queues a refresh of what changed since the last one, unless one is under way; then drops
 * the audit entries of quarters past those kept, moves the audit trails of older records out of them, lists older
 * records on their campaigns' lists, and removes the keys earlier versions left that nothing reads. Each step is tried
 * again the next hour when it fails, and never holds up the others: the upkeep needs no configuration, so it runs even
 * when the refresh cannot be queued or the configuration does not read.
 */
export const scheduledRefreshHandler =
  (deps: () => MetricsDeps = forgeMetricsDeps) =>
  async (): Promise<void> => {
    const d = deps();
    for (const [what, run] of HOURLY) {
      try {
        await run(d);
      } catch (error) {
        console.error(`${what} failed; the next hourly run tries again`, error);
      }
    }
  };

export const metricsRefreshScheduled = scheduledRefreshHandler();
