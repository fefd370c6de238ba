import type { HealthReport } from '../../domain/metrics/health-report';
import type { QueueEntry } from '../../domain/triage-queue';

/** What the Workflow health gadget shows. */
export interface HealthGadgetView {
  readonly report: HealthReport;
  /** When the metrics were last refreshed from Jira; null before the first refresh completes. */
  readonly refreshedAt: string | null;
  readonly fromCache: boolean;
}

/** What the Triage queue gadget shows. */
export interface TriageGadgetView {
  readonly entries: readonly QueueEntry[];
  /** True when more requests wait than the MAX_QUEUE shown. */
  readonly more: boolean;
  readonly computedAt: string;
  readonly fromCache: boolean;
}
