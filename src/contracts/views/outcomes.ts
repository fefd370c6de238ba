import type { SuccessMetric } from '../../domain/outcomes/catalogue';
import type { IterationReason } from '../../domain/outcomes/iteration';
import type { RowChange } from '../../domain/outcomes/crm-import';
import type { Indicator } from '../../domain/outcomes/metric-sentence';
import type { RequestOutcome } from '../../domain/outcomes/outcomes';
import type { OutcomesView } from '../../domain/outcomes/outcomes-view';
import type { CalendarDate } from '../../domain/outcomes/snapshots';
import type { Tier } from '../../domain/tiers';
import type { PanelView } from './panel';

/** What a person agrees to replace: the figure kept for `date` and `key`, as the campaign's figures stood at `revision`. */
export interface FigureReplacement {
  readonly revision: number;
  readonly date: string;
  readonly key: string;
}

/** What the panel's Outcome part shows. */
export interface RequestOutcomeView {
  readonly metric: SuccessMetric | null;
  /** What the success metric states beside the target, when it does: where the indicator stood, and the money planned. */
  readonly baseline: number | null;
  readonly plannedSpend: number | null;
  /** The campaign's latest spend figure, to set beside the planned spend. */
  readonly spent: number | null;
  readonly campaign: string | null;
  readonly launchDate: CalendarDate | null;
  readonly outcome: RequestOutcome | null;
  /** The campaign's entries, newest first (at most 20), with where each came from and who entered or imported it, by name. */
  readonly entries: readonly {
    readonly date: string;
    readonly values: Readonly<Record<string, number>>;
    readonly source: string;
    readonly by: string | null;
  }[];
  /** The indicators a figure may be given for: the catalogue and spend. */
  readonly keys: readonly { readonly key: string; readonly label: string }[];
  /**
   * Whether the caller may add a figure: the request's owner (its assignee), once the plan names a campaign key, and one
   * of the people who enter outcome figures (the admin's list, or the triage leads until it names anyone).
   */
  readonly canRecord: boolean;
  /** Why the caller (the owner) is offered "Start an iteration", or null when it is not offered. */
  readonly iteration: IterationReason | null;
}

/**
 * What entering a figure by hand did: saved it (the request's outcome with it), or asked first, because the campaign
 * already keeps a figure for that date and indicator that it would replace: nothing is written until the person
 * agrees, sending back `replaces` as it came: the date, the indicator and the revision of the campaign's figures it names.
 */
/**
 * A figure saved answers with both views it changed, the Outcome part's and the panel's (its audit trail has the entry), so the
 * panel shows them without asking for either again.
 */
export type RecordFigureAnswer =
  | { readonly saved: true; readonly view: RequestOutcomeView; readonly panel: PanelView }
  | { readonly saved: false; readonly replaces: FigureReplacement; readonly question: string };

/** The iteration "Start an iteration" created, and what did not go as asked (it was created but not linked). */
export interface StartedIteration {
  readonly key: string;
  readonly warnings: readonly string[];
}

/** What the Outcomes gadget shows. */
export interface OutcomesGadgetView {
  readonly view: OutcomesView;
  readonly scope: { readonly projects: readonly string[]; readonly jql?: string; readonly tier: 'all' | Tier };
  /** The figures' requests are found as the viewer: JQL links open the same requests. */
  readonly requests: number;
  /** The site's indicator catalogue, so targets are named as people write them. */
  readonly indicators: readonly Indicator[];
  /** The currency the money figures are in (ISO 4217); a view cached before it named one is shown in dollars. */
  readonly currency?: string;
}

/** One row of a previewed import that writes something. */
export type CrmImportChangeView = Omit<RowChange, 'campaign'>;

/** What an import would change, before anything is written. */
export interface CrmImportPreviewView {
  readonly rows: number;
  readonly added: number;
  readonly changed: number;
  readonly unchanged: number;
  /** Rows written whose figures a figure entered by hand for the same date goes on counting over, for one indicator or more. */
  readonly keptByHand: number;
  readonly emptyRows: number;
  /** Each campaign the report names (at most 200 listed; `moreCampaigns` says how many more). */
  readonly campaigns: readonly {
    readonly campaign: string;
    readonly isNew: boolean;
    /** What the campaign kept could not be read: the import replaces it. */
    readonly replacesUnreadable: boolean;
    readonly added: number;
    readonly changed: number;
    readonly unchanged: number;
    readonly keptByHand: number;
    /** Its first rows that write something, in the report's order (at most 5). */
    readonly changes: readonly CrmImportChangeView[];
  }[];
  readonly moreCampaigns: number;
  /** What the import would write, as a fingerprint: sent back with the import, which writes only what was previewed. */
  readonly previewed: string;
  /** The catalogue and spend, to name the figures. */
  readonly keys: readonly Indicator[];
}

/** What an import wrote. */
export interface CrmImportDoneView {
  readonly campaigns: number;
  readonly added: number;
  readonly changed: number;
}

/** The CRM web trigger as the admin page shows it: where to post, the secret to sign with (null until one is created), how the last signed post went. */
export interface CrmWebTriggerView {
  readonly url: string;
  readonly secret: string | null;
  readonly last: { readonly at: string; readonly accepted: boolean; readonly message: string } | null;
}
