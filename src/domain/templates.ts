import type { FlightPlanRecord, ManualCheckCode } from './flight-plan-record';

/**
 * What a finished request teaches the next one: its plan items, the assets it needed (type and
 * spec, not the names or copy), and the notes its QA checks carried.
 */
export interface RequestTemplate {
  readonly id: string;
  readonly name: string;
  /** The request it was saved from, and by whom and when. */
  readonly fromKey: string;
  readonly by: string;
  readonly at: string;
  readonly plan: {
    readonly dependencies: readonly string[];
    readonly events: readonly string[];
    readonly launchCriteria?: string;
    readonly definitionOfDone?: string;
  };
  readonly assets: readonly { readonly type: string; readonly spec: string }[];
  readonly qaNotes: Partial<Record<ManualCheckCode, string>>;
}

export const MAX_TEMPLATES = 50;

export const templateFrom = (
  record: FlightPlanRecord,
  meta: Pick<RequestTemplate, 'id' | 'name' | 'fromKey' | 'by' | 'at'>,
): RequestTemplate => ({
  ...meta,
  plan: {
    dependencies: record.plan.dependencies,
    events: record.plan.tracking.events,
    ...(record.plan.launchCriteria ? { launchCriteria: record.plan.launchCriteria } : {}),
    ...(record.plan.definitionOfDone ? { definitionOfDone: record.plan.definitionOfDone } : {}),
  },
  assets: record.assets.map((asset) => ({ type: asset.type, spec: asset.spec })),
  qaNotes: Object.fromEntries(Object.entries(record.checks).flatMap(([code, check]) => (check.note ? [[code, check.note]] : []))),
});
