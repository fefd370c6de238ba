import type { QueueDeps, RuntimeDeps } from '../../adapters/forge-runtime';
import type { AppConfig } from '../../domain/app-config';
import { loadConfig } from '../../use-cases/load-issue-state';

/**
 * A `scheduledTrigger` that only queues the first page of a run: the work runs in the queue's
 * consumer, a page per event, so no scheduled invocation can time out on it.
 */
export const queueRunOnSchedule = <Job, Deps extends QueueDeps<Job>>(
  name: string,
  start: (deps: Deps, config: AppConfig) => Job | Promise<Job>,
  deps: () => Deps,
) => runOnSchedule(name, async (d: Deps, config) => d.enqueue(await start(d, config)), deps);

/** A `scheduledTrigger` that runs with the app config, and does nothing (but say why) when it is unreadable. */
export const runOnSchedule =
  <Deps extends RuntimeDeps>(name: string, run: (deps: Deps, config: AppConfig) => Promise<void>, deps: () => Deps) =>
  async (): Promise<void> => {
    const d = deps();
    const stored = await loadConfig(d.store);
    if (!stored.ok) {
      console.error(`${name} not started: ${stored.error.message}`);
      return;
    }
    await run(d, stored.value.config);
  };
