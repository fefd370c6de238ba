import { router } from '@forge/bridge';
import type { KeyboardEvent, MouseEvent } from 'react';
import { STAGE_LABELS, type Stage } from '../../../src/domain/stages';
import type { LaunchPoint } from '../../../src/domain/metrics/health-report';
import { calendarDate, viewerDate } from '../../shared/viewer-time';
import { FIGURES } from './words';
import { DAY_MS } from '../../../src/domain/durations';

const WIDTH = 600;
const formatDays = FIGURES.days.value;

/** Makes a chart mark a link to `path` in Jira, for the mouse and the keyboard. */
const linkTo = (path: string, label: string) => {
  const go = () => void router.navigate(path);
  return {
    role: 'link',
    tabIndex: 0,
    'aria-label': label,
    onClick: (event: MouseEvent) => {
      event.preventDefault();
      go();
    },
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      go();
    },
  };
};

/** Median days per stage, the bottleneck marked: where work waits. */
export const StageBars = ({
  medians,
  bottleneck,
  stages,
}: {
  medians: Partial<Record<Stage, number>>;
  bottleneck: Stage | null;
  stages: readonly Stage[];
}) => {
  const rows = stages.flatMap((stage) => {
    const value = medians[stage];
    return value === undefined ? [] : [{ stage, value }];
  });
  if (rows.length === 0) return <p className="fp-muted">No stage times in this period.</p>;
  const max = Math.max(...rows.map(({ value }) => value));
  const rowHeight = 26;
  const labelWidth = 150;
  const height = rows.length * rowHeight + 18;
  return (
    <svg
      className="fp-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`Median days in each stage${bottleneck ? `; the bottleneck is ${STAGE_LABELS[bottleneck]}` : ''}`}
    >
      {rows.map(({ stage, value }, index) => {
        const width = max === 0 ? 0 : ((WIDTH - labelWidth - 150) * value) / max;
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
      <text x={labelWidth} y={height - 2} className="fp-chart-label">
        median days in the stage
      </text>
    </svg>
  );
};

/**
 * Launches over time by cycle time, with the median and 85th percentile lines. The lines' labels sit
 * in a margin right of the plot, where no launch can cover them; each launch opens its request.
 */
export const CycleScatter = ({
  launches,
  median,
  p85,
  start,
  end,
}: {
  launches: readonly LaunchPoint[];
  median: number | null;
  p85: number | null;
  start: string;
  end: string;
}) => {
  if (launches.length === 0) return <p className="fp-muted">No launches in this period.</p>;
  const height = 240;
  const left = 44;
  const right = 110;
  const bottom = 40;
  const top = 10;
  const plotRight = WIDTH - right;
  const from = Date.parse(start);
  const to = Date.parse(end);
  const maxDays = Math.max(...launches.map((launch) => launch.cycleTimeDays), p85 ?? 0) * 1.1 || 1;
  const x = (instant: number): number => left + ((plotRight - left) * (instant - from)) / (to - from);
  const y = (days: number): number => height - bottom - ((height - bottom - top) * days) / maxDays;
  // Two labels closer than a line of text apart are moved apart, the higher one up.
  const labelY = (value: number, other: number | null): number => {
    const own = y(value) + 4;
    if (other === null || Math.abs(y(value) - y(other)) >= 14) return own;
    return value >= other ? Math.min(y(value), y(other)) - 4 : Math.max(y(value), y(other)) + 12;
  };
  const line = (value: number | null, other: number | null, label: string, className: string) =>
    value === null ? null : (
      <g className={className}>
        <line x1={left} x2={plotRight} y1={y(value)} y2={y(value)} />
        <text x={plotRight + 6} y={labelY(value, other)} className="fp-chart-value">
          {label} {formatDays(value)}
        </text>
      </g>
    );
  const ticks = [0, maxDays / 2, maxDays].map((days) => Math.round(days));
  return (
    <svg
      className="fp-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="group"
      aria-label={`Cycle time of ${launches.length} launches; median ${median === null ? 'none' : formatDays(median)}, 85th percentile ${p85 === null ? 'none' : formatDays(p85)}`}
    >
      <line className="fp-axis" x1={left} x2={left} y1={top} y2={height - bottom} />
      <line className="fp-axis" x1={left} x2={plotRight} y1={height - bottom} y2={height - bottom} />
      {ticks.map((days) => (
        <text key={days} x={left - 6} y={y(days) + 4} textAnchor="end" className="fp-chart-label">
          {days}
        </text>
      ))}
      <text className="fp-chart-label" transform={`translate(12 ${(height - bottom + top) / 2}) rotate(-90)`} textAnchor="middle">
        days to launch
      </text>
      {/* The period's first and last UTC calendar days, as every date of the gadget is counted: its end is the instant
          after it (now, or the quarter's end), so its last day is the one holding the instant before. */}
      <text x={left} y={height - bottom + 16} className="fp-chart-label">
        {calendarDate(new Date(from).toISOString())}
      </text>
      <text x={plotRight} y={height - bottom + 16} textAnchor="end" className="fp-chart-label">
        {calendarDate(new Date(to - 1).toISOString())}
      </text>
      <text x={(left + plotRight) / 2} y={height - 4} textAnchor="middle" className="fp-chart-label">
        launch date
      </text>
      {launches.map((launch) => (
        <circle
          key={launch.key}
          className="fp-point"
          cx={x(Date.parse(launch.launchedAt))}
          cy={y(launch.cycleTimeDays)}
          r={5}
          {...linkTo(`/browse/${launch.key}`, `Open ${launch.key}`)}
        >
          <title>{`${launch.key}: ${formatDays(launch.cycleTimeDays)}, launched ${viewerDate(launch.launchedAt)}`}</title>
        </circle>
      ))}
      {line(median, p85, 'median', 'fp-line-median')}
      {line(p85, median, '85th pct', 'fp-line-p85')}
    </svg>
  );
};

/** Launches per ISO week, each week labelled by its Monday often enough to read; a bar opens its launches. */
export const WeeklyBars = ({
  weekly,
  launches,
}: {
  weekly: readonly { week: string; launches: number; partial?: boolean }[];
  launches: readonly LaunchPoint[];
}) => {
  const height = 140;
  const bottom = 34;
  const left = 10;
  const max = Math.max(1, ...weekly.map((week) => week.launches));
  const slot = (WIDTH - 2 * left) / Math.max(weekly.length, 1);
  // A label needs about 50 units of the 600 wide chart; label every week that room allows.
  const every = Math.max(1, Math.ceil(50 / slot));
  const keysOf = (week: string): string[] => {
    const monday = Date.parse(`${week}T00:00:00Z`);
    return launches
      .filter((launch) => Date.parse(launch.launchedAt) >= monday && Date.parse(launch.launchedAt) < monday + 7 * DAY_MS)
      .map((launch) => launch.key);
  };
  return (
    <svg
      className="fp-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="group"
      aria-label={`Launches per week: ${weekly.map((week) => `week of ${calendarDate(week.week)}${week.partial === true ? ' (part of it)' : ''} ${week.launches}`).join(', ')}`}
    >
      {weekly.map((week, index) => {
        const barHeight = ((height - bottom - 14) * week.launches) / max;
        const x = left + index * slot;
        const keys = keysOf(week.week);
        // Jira's issue search lists the week's launches.
        const open =
          keys.length === 0
            ? {}
            : linkTo(
                `/issues/?jql=${encodeURIComponent(`key in (${keys.join(', ')}) ORDER BY key ASC`)}`,
                `Open the ${keys.length} launch${keys.length === 1 ? '' : 'es'} of the week of ${calendarDate(week.week)}`,
              );
        // The bar alone is the link: its name is the week's, and the figures around it are read as text.
        return (
          <g key={week.week} className={week.partial === true ? 'fp-bar fp-bar-partial' : 'fp-bar'}>
            <g {...open}>
              <title>{`Week of ${calendarDate(week.week)}${week.partial === true ? ', the part of it in this period' : ''}: ${week.launches} launch${week.launches === 1 ? '' : 'es'}`}</title>
              <rect x={x + slot * 0.15} y={height - bottom - barHeight} width={slot * 0.7} height={Math.max(barHeight, 0.5)} rx={2} />
            </g>
            {week.launches > 0 && (
              <text x={x + slot / 2} y={height - bottom - barHeight - 3} textAnchor="middle" className="fp-chart-value">
                {week.launches}
              </text>
            )}
            {index % every === 0 && (
              <text x={x + slot / 2} y={height - bottom + 14} textAnchor="middle" className="fp-chart-label">
                {calendarDate(week.week).replace(/,? \d{4}$/, '')}
              </text>
            )}
          </g>
        );
      })}
      <text x={WIDTH / 2} y={height - 4} textAnchor="middle" className="fp-chart-label">
        {weekly.some((week) => week.partial === true)
          ? 'launches in the week starting (paler: only part of the week is in this period)'
          : 'launches in the week starting'}
      </text>
    </svg>
  );
};
