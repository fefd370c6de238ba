/** Whether a rise is good news: cycle time and rework should fall, on-time and throughput rise. */
type Better = 'higher' | 'lower';

/** How a figure reads, and how its change reads: a rate changes by percentage points, not by a percent of itself. */
interface KpiFormat {
  readonly value: (value: number) => string;
  readonly change: (change: number) => string;
}

interface KpiProps {
  readonly label: string;
  readonly value: number | null;
  readonly previous: number | null;
  readonly format: KpiFormat;
  readonly better: Better;
  /** What the figure is compared with: "the previous 90 days", "last quarter". */
  readonly against: string;
}

/** A KPI tile with its change against the previous period, coloured by whether it improved. */
const Kpi = ({ label, value, previous, format, better, against }: KpiProps) => {
  const change = value === null || previous === null ? null : value - previous;
  const improved = change === null || change === 0 ? null : change > 0 === (better === 'higher');
  return (
    <div className="fp-kpi" role="group" aria-label={label}>
      <span className="fp-kpi-label">{label}</span>
      <span className="fp-kpi-value">{value === null ? '—' : format.value(value)}</span>
      <span className={`fp-kpi-change${improved === null ? '' : improved ? ' fp-kpi-better' : ' fp-kpi-worse'}`}>
        {change === null
          ? `no figure for ${against}`
          : change === 0
            ? `same as ${against}`
            : `${change > 0 ? '▲' : '▼'} ${format.change(Math.abs(change))} vs ${against}`}
      </span>
    </div>
  );
};

/** One tile of a grid: its label, how it reads, and where its figure is in a period's figures. */
export interface KpiRow<Period> {
  readonly label: string;
  readonly of: (period: Period) => number | null;
  readonly format: KpiFormat;
  readonly better: Better;
}

/** A gadget's KPI tiles: each row's figure this period, against the same figure in the period before. */
export const KpiGrid = <Period,>({
  rows,
  current,
  previous,
  against,
}: {
  readonly rows: readonly KpiRow<Period>[];
  readonly current: Period;
  readonly previous: Period;
  readonly against: string;
}) => (
  <div className="fp-kpis">
    {rows.map(({ label, of, format, better }) => (
      <Kpi key={label} label={label} value={of(current)} previous={of(previous)} format={format} better={better} against={against} />
    ))}
  </div>
);
