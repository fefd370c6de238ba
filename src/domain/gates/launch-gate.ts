import { CHECKPOINT_HOURS, OBSERVATION_CHECKPOINTS } from '../flight-plan-record';
import { isBlank, listOf, type GateChecks } from './gate-context';
import { HOUR_MS } from '../durations';

type LaunchItem = 'launch.window' | 'launch.monitoring-owner' | 'launch.observations' | 'launch.anomaly-plan';

const instant = (text: string | null): number | null => {
  if (text === null) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : time;
};

export const LAUNCH_CHECKS: GateChecks<LaunchItem> = {
  'launch.window': ({ record }) => {
    const window = record.launch.window;
    if (window === undefined) return 'launch window missing';
    const start = Date.parse(window.start);
    const end = Date.parse(window.end);
    if (Number.isNaN(start) || Number.isNaN(end)) return 'launch window has an invalid date';
    return end > start ? null : 'launch window ends before it starts';
  },
  'launch.monitoring-owner': ({ record }) => (isBlank(record.launch.monitoringOwnerId) ? 'monitoring owner missing' : null),
  'launch.observations': ({ record, tier, history }) => {
    // A waiver counts only for low-risk work; governed launches always need their observations.
    if (record.launch.observationWaiver !== undefined && tier === 'low-risk') return null;
    // Timed from the real launch, the stage log's entry into Launch: editing the window cannot move the checkpoints.
    const start = instant(history.launchEnteredAt);
    if (start === null) return 'observations count from the move to Launch, which has not been recorded';
    const missing = OBSERVATION_CHECKPOINTS.filter(
      (checkpoint) =>
        !record.launch.observations.some(
          (observation) =>
            observation.checkpoint === checkpoint && Date.parse(observation.at) >= start + CHECKPOINT_HOURS[checkpoint] * HOUR_MS,
        ),
    ).map((checkpoint) => `+${checkpoint.replace('h', ' h')}`);
    return missing.length === 0 ? null : `observations missing at ${listOf(missing)}`;
  },
  'launch.anomaly-plan': ({ record }) => (isBlank(record.launch.anomalyPlan) ? 'anomaly response plan missing' : null),
};
