import { STAGE_LABELS, type Stage } from '../../../src/domain/stages';
import type { LaunchPoint } from '../../../src/domain/metrics/health-report';

const WIDTH = 600;
const DAY_MS = 86_400_000;
const formatDays = (days: number): string => `${days >= 10 ? days.toFixed(0) : days.toFixed(1)} d`;

/** Median days per stage, the bottleneck marked: where work waits. */
export const StageBars = ({ medians, bottleneck, stages }: { medians: Partial<Record<Stage, number>>; bottleneck: Stage | null; stages: readonly Stage[] }) => {
  const rows = stages.filter((stage) => medians[stage] !== undefined);
  if (rows.length === 0) return <p className="fp-muted">No stage times in this period.</p>;
  const max = Math.max(...rows.map((stage) => medians[stage]!));
  const rowHeight = 26;
  const labelWidth = 150;
  const height = rows.length * rowHeight;
  return (
    <svg className="fp-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Median days per stage${bottleneck ? `; the bottleneck is ${STAGE_LABELS[bottleneck]}` : ''}`}>
      {rows.map((stage, index) => {
        const value = medians[stage]!;
        const width = max === 0 ? 0 : ((WIDTH - labelWidth - 130) * value) / max;
        const y = index * rowHeight;
        const isBottleneck = stage === bottleneck;
        return (
          <g key={stage} className={isBottleneck ? 'fp-bar fp-bar-bottleneck' : 'fp-bar'}>
            <title>{`${STAGE_LABELS[stage]}: median ${formatDays(value)}${isBottleneck ? ' (bottleneck)' : ''}`}</title>
            <text x={0} y={y + 17} className="fp-chart-label">
              {STAGE_LABELS[stage]}
            </text>
            <rect x={labelWidth} y={y + 5} width={Math.max(width, 1)} height={rowHeight - 10} rx={3} />
            <text x={labelWidth + width + 6} y={y + 17} className="fp-chart-value">
              {formatDays(value)}
              {isBottleneck ? ' · bottleneck' : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
};

/** Launches over time by cycle time, with the median and 85th percentile lines. */
export const CycleScatter = ({ launches, median, p85, start, end }: { launches: readonly LaunchPoint[]; median: number | null; p85: number | null; start: string; end: string }) => {
  if (launches.length === 0) return <p className="fp-muted">No launches in this period.</p>;
  const height = 220;
  const left = 40;
  const bottom = 24;
  const from = Date.parse(start);
  const to = Date.parse(end);
  const maxDays = Math.max(...launches.map((launch) => launch.cycleTimeDays), p85 ?? 0) * 1.1 || 1;
  const x = (instant: number): number => left + ((WIDTH - left - 10) * (instant - from)) / (to - from);
  const y = (days: number): number => height - bottom - ((height - bottom - 10) * days) / maxDays;
  const line = (value: number | null, label: string, className: string) =>
    value === null ? null : (
      <g className={className}>
        <line x1={left} x2={WIDTH - 10} y1={y(value)} y2={y(value)} />
        <text x={WIDTH - 12} y={y(value) - 4} textAnchor="end" className="fp-chart-value">
          {label} {formatDays(value)}
        </text>
      </g>
    );
  const ticks = [0, maxDays / 2, maxDays].map((days) => Math.round(days));
  return (
    <svg className="fp-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Cycle time of ${launches.length} launches; median ${median === null ? 'none' : formatDays(median)}, 85th percentile ${p85 === null ? 'none' : formatDays(p85)}`}>
      <line className="fp-axis" x1={left} x2={left} y1={10} y2={height - bottom} />
      <line className="fp-axis" x1={left} x2={WIDTH - 10} y1={height - bottom} y2={height - bottom} />
      {ticks.map((days) => (
        <text key={days} x={left - 6} y={y(days) + 4} textAnchor="end" className="fp-chart-label">
          {days}
        </text>
      ))}
      <text x={left} y={height - 6} className="fp-chart-label">
        {start.slice(0, 10)}
      </text>
      <text x={WIDTH - 10} y={height - 6} textAnchor="end" className="fp-chart-label">
        {new Date(to - DAY_MS).toISOString().slice(0, 10)}
      </text>
      {line(median, 'median', 'fp-line-median')}
      {line(p85, 'p85', 'fp-line-p85')}
      {launches.map((launch) => (
        <circle key={launch.key} className="fp-point" cx={x(Date.parse(launch.launchedAt))} cy={y(launch.cycleTimeDays)} r={4}>
          <title>{`${launch.key}: ${formatDays(launch.cycleTimeDays)}, launched ${launch.launchedAt.slice(0, 10)}`}</title>
        </circle>
      ))}
    </svg>
  );
};

/** Launches per ISO week. */
export const WeeklyBars = ({ weekly }: { weekly: readonly { week: string; launches: number }[] }) => {
  const height = 120;
  const bottom = 20;
  const max = Math.max(1, ...weekly.map((week) => week.launches));
  const slot = (WIDTH - 20) / Math.max(weekly.length, 1);
  return (
    <svg className="fp-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Launches per week: ${weekly.map((week) => `${week.week} ${week.launches}`).join(', ')}`}>
      {weekly.map((week, index) => {
        const barHeight = ((height - bottom - 14) * week.launches) / max;
        const x = 10 + index * slot;
        return (
          <g key={week.week} className="fp-bar">
            <title>{`Week of ${week.week}: ${week.launches} launch${week.launches === 1 ? '' : 'es'}`}</title>
            <rect x={x + slot * 0.15} y={height - bottom - barHeight} width={slot * 0.7} height={Math.max(barHeight, 0.5)} rx={2} />
            {week.launches > 0 && (
              <text x={x + slot / 2} y={height - bottom - barHeight - 3} textAnchor="middle" className="fp-chart-value">
                {week.launches}
              </text>
            )}
            {(index === 0 || index === weekly.length - 1 || weekly.length <= 8) && (
              <text x={x + slot / 2} y={height - 5} textAnchor="middle" className="fp-chart-label">
                {week.week.slice(5)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
};
