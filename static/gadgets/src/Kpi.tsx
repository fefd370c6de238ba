/** Whether a rise is good news: cycle time and rework should fall, on-time and throughput rise. */
export type Better = 'higher' | 'lower';

export interface KpiProps {
  readonly label: string;
  readonly value: number | null;
  readonly previous: number | null;
  readonly format: (value: number) => string;
  readonly better: Better;
}

/** A KPI tile with its change against the previous period, coloured by whether it improved. */
export const Kpi = ({ label, value, previous, format, better }: KpiProps) => {
  const change = value === null || previous === null ? null : value - previous;
  const improved = change === null || change === 0 ? null : (change > 0) === (better === 'higher');
  return (
    <div className="fp-kpi">
      <span className="fp-kpi-label">{label}</span>
      <span className="fp-kpi-value">{value === null ? '—' : format(value)}</span>
      <span className={`fp-kpi-change${improved === null ? '' : improved ? ' fp-kpi-better' : ' fp-kpi-worse'}`}>
        {change === null ? 'no previous figure' : change === 0 ? 'same as before' : `${change > 0 ? '▲' : '▼'} ${format(Math.abs(change))} vs previous`}
      </span>
    </div>
  );
};

export const days = (value: number): string => `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} d`;
export const percent = (value: number): string => `${Math.round(value * 100)}%`;
export const perWeek = (value: number): string => `${value.toFixed(1)}/wk`;
export const perRequest = (value: number): string => value.toFixed(2);
