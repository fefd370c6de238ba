import Button from '@atlaskit/button/new';
import { router } from '@forge/bridge';
import { useState } from 'react';
import { TRACK_STAGES } from '../../../src/domain/stages';
import { TIER_LABELS } from '../../../src/domain/tiers';
import { loadHealth, refreshHealth, type HealthGadgetView } from './api';
import type { WorkflowSummary } from '../../../src/domain/metrics/workflow-summary';
import { AtRiskLaunches } from './AtRiskLaunches';
import { CycleScatter, StageBars, WeeklyBars } from './charts';
import { GadgetFrame } from './GadgetStates';
import { KpiGrid, type KpiRow } from './Kpi';
import { TeamLoad } from './TeamLoad';
import { FIGURES, periodWords } from './words';
import { viewerDate, viewerDateTime } from '../../shared/viewer-time';
import { useGadget } from './use-gadget';

const load = () => loadHealth();
const PRE_MEASURE = TRACK_STAGES.slice(0, TRACK_STAGES.indexOf('measure'));

/** A period's figures, with its launches per week beside them. */
type HealthPeriod = WorkflowSummary & { readonly launchesPerWeek: number };

const HEALTH_KPIS: readonly KpiRow<HealthPeriod>[] = [
  { label: 'Cycle time, median', of: (period) => period.cycleTimeDays.median, format: FIGURES.days, better: 'lower' },
  { label: 'Cycle time, 85th pct', of: (period) => period.cycleTimeDays.p85, format: FIGURES.days, better: 'lower' },
  { label: 'On time', of: (period) => period.onTimeRate, format: FIGURES.rate, better: 'higher' },
  { label: 'QA defect rate', of: (period) => period.qaDefectRate, format: FIGURES.rate, better: 'lower' },
  { label: 'Revisions per request', of: (period) => period.revisionFrequency, format: FIGURES.perRequest, better: 'lower' },
  { label: 'Throughput', of: (period) => period.launchesPerWeek, format: FIGURES.perWeek, better: 'higher' },
];

const Report = ({ view, onRefresh, refreshNote }: { view: HealthGadgetView; onRefresh: () => void; refreshNote: string | null }) => {
  const { report } = view;
  const { current, previous, scope } = report;
  const { label, against } = periodWords(scope, report.period.start);
  return (
    <div className="fp-gadget" data-testid="health-gadget">
      <p className="fp-muted fp-gadget-scope">
        {scope.jql ? `JQL: ${scope.jql}` : scope.projects.join(', ')} · {scope.tier === 'all' ? 'all tiers' : TIER_LABELS[scope.tier]} ·{' '}
        {label} · {current.launched} launch
        {current.launched === 1 ? '' : 'es'} of {report.requests} requests
      </p>
      <KpiGrid
        rows={HEALTH_KPIS}
        current={{ ...current, launchesPerWeek: report.throughputPerWeek.current }}
        previous={{ ...previous, launchesPerWeek: report.throughputPerWeek.previous }}
        against={against}
      />
      {view.forecast && <AtRiskLaunches forecast={view.forecast} thisYear={new Date(report.period.end).getUTCFullYear()} />}
      {view.forecast && <TeamLoad forecast={view.forecast} />}
      <h3>Where work waits</h3>
      <StageBars medians={current.medianStageDays} bottleneck={current.bottleneck} stages={PRE_MEASURE} />
      <h3>Cycle time of each launch</h3>
      <CycleScatter
        launches={report.launches}
        median={current.cycleTimeDays.median}
        p85={current.cycleTimeDays.p85}
        start={report.period.start}
        end={report.period.end}
      />
      <h3>Launches per week</h3>
      <WeeklyBars weekly={report.weekly} launches={report.launches} />
      {report.slowest.length > 0 && (
        <>
          <h3>Slowest launches</h3>
          <ol className="fp-slowest" aria-label="Slowest launches">
            {report.slowest.map((launch) => (
              <li key={launch.key}>
                <a
                  href={`/browse/${launch.key}`}
                  onClick={(event) => (event.preventDefault(), void router.navigate(`/browse/${launch.key}`))}
                >
                  {launch.key}
                </a>{' '}
                {FIGURES.days.value(launch.cycleTimeDays)} <span className="fp-muted">launched {viewerDate(launch.launchedAt)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="fp-gadget-footer">
        <span className="fp-muted">
          {view.refreshedAt
            ? `Data from Jira as of ${viewerDateTime(view.refreshedAt)}`
            : 'The first refresh from Jira has not finished yet'}
        </span>
        <Button appearance="subtle" onClick={onRefresh}>
          Refresh from Jira
        </Button>
        {refreshNote && <span role="status">{refreshNote}</span>}
      </div>
    </div>
  );
};

/** "Workflow health": KPI tiles against the previous period, stage times, cycle-time scatter, throughput. */
export const HealthGadget = () => {
  const { state, reload } = useGadget(load);
  const [refreshNote, setRefreshNote] = useState<string | null>(null);
  const refresh = async () => {
    const answer = await refreshHealth();
    setRefreshNote(
      answer.ok
        ? answer.data.queued
          ? 'Refresh queued; the figures update when it finishes.'
          : `Not queued: ${answer.data.reason}.`
        : answer.error.message,
    );
  };
  return (
    <GadgetFrame state={state} onRetry={() => void reload()}>
      {(view) => <Report view={view} onRefresh={() => void refresh()} refreshNote={refreshNote} />}
    </GadgetFrame>
  );
};
