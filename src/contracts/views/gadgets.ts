import type { AtRiskCandidate } from '../../domain/forecast/at-risk';
import type { HealthReport } from '../../domain/metrics/health-report';
import type { QueueEntry } from '../../domain/triage-queue';
import type { BacktestLine, ForecastSummary } from '../forecast-store.schema';

/** A Workflow health view: the report and the at-risk candidates of its scope. */
export interface HealthView extends HealthReport {
  readonly atRisk: readonly AtRiskCandidate[];
}

/** The forecasts' part of Workflow health, from the last refresh. */
export interface HealthForecast {
  /** Open requests of the scope below the admin's threshold, worst first: the first few. */
  readonly atRisk: readonly AtRiskCandidate[];
  /** How many more of the scope are below it (counted among the worst the view keeps). */
  readonly moreAtRisk: number;
  readonly thresholdPercent: number;
  /**
   * The team's figures, computed over every request the metrics follow: null on a view that takes in fewer (some of
   * their projects, one tier, a JQL query), where they would not be the view's.
   */
  readonly teamFigures: {
    /** How the forecasts made some weeks ago turned out; null without any to score. */
    readonly backtest: BacktestLine | null;
    readonly throughputNext4Weeks: ForecastSummary['throughputNext4Weeks'];
    /** Launched requests the forecasts rest on. */
    readonly basis: number;
  } | null;
  /**
   * Each person's load of accepted work in the view's projects at the refresh, heaviest first; empty before a refresh
   * measured it; null on a view scoped by a JQL query (the stored loads are per project).
   */
  readonly teamLoad: readonly TeamMemberLoad[] | null;
  /**
   * People with a load in the view's projects whom `teamLoad` does not list: past the people it shows, or, in a large
   * site, not kept by the refresh (each counted once: the refresh keeps or leaves out a person whole). Said on the
   * gadget, so the list never looks whole when it is not.
   */
  readonly teamLoadNotListed: number;
  /** The refresh left out people whose projects it could not name: some may be of this view's projects, uncounted. */
  readonly teamLoadIncomplete: boolean;
}

/** One person's load as Workflow health shows it: Effort points still ahead on their accepted requests. */
export interface TeamMemberLoad {
  /** Who it is: what tells two people of the same name apart (never shown). */
  readonly accountId: string;
  readonly name: string;
  readonly load: number;
  readonly requests: number;
}

/** What the Workflow health gadget shows. */
export interface HealthGadgetView {
  readonly report: HealthView;
  /** Null before the first refresh with forecasts, or while the configuration is unreadable. */
  readonly forecast: HealthForecast | null;
  /** When the metrics were last refreshed from Jira; null before the first refresh completes. */
  readonly refreshedAt: string | null;
  readonly fromCache: boolean;
}

/** A project a gadget's edit view offers, as Jira names it. */
export interface ProjectChoice {
  readonly key: string;
  readonly name: string;
}

/** Jira's check of a gadget's JQL before it is saved: what it finds wrong, in its words; empty when the query runs. */
export interface JqlCheck {
  readonly problems: readonly string[];
}

/** What the Triage queue gadget shows. */
export interface TriageGadgetView {
  readonly entries: readonly QueueEntry[];
  /** True when more requests wait than the MAX_QUEUE shown. */
  readonly more: boolean;
  readonly computedAt: string;
  readonly fromCache: boolean;
}

/** What a viewer's "Refresh" got: queued, or why not (one under way, or one in the last five minutes). */
export type RefreshRequestView = { readonly queued: true } | { readonly queued: false; readonly reason: string };
