import { z } from 'zod';
import {
  CURRENT_RECORD_VERSION,
  MANUAL_CHECK_CODES,
  OBSERVATION_CHECKPOINTS,
  type FlightPlanRecord,
} from '../domain/flight-plan-record';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { TIERS } from '../domain/tiers';
import { describeZodError } from './zod-errors';

const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO date-time');
const accountId = z.string().min(1).max(128);
const stamp = { by: accountId, at: instant };

export const approverSchema = z.object({ accountId, role: z.enum(['brand', 'compliance', 'legal', 'stakeholder']) });
export const trackingSchema = z.object({
  campaignKey: z.string().optional(),
  events: z.array(z.string()),
  crmCampaign: z.string().optional(),
});
export const launchWindowSchema = z.object({ start: instant, end: instant });
export const outcomeSchema = z.object({ result: z.enum(['attained', 'partly', 'missed']), actual: z.string() });

export const recordSchemaV1 = z.object({
  schemaVersion: z.literal(CURRENT_RECORD_VERSION),
  issueId: z.string().min(1),
  revision: z.number().int().min(0),
  tier: z.enum(TIERS).optional(),
  triage: z.object({ ...stamp, decision: z.enum(['accept', 'wait', 'decline']), reason: z.string().optional() }).optional(),
  plan: z.object({
    dependencies: z.array(z.string()),
    tracking: trackingSchema,
    approvers: z.array(approverSchema),
    launchCriteria: z.string().optional(),
    definitionOfDone: z.string().optional(),
  }),
  assets: z.array(
    z.object({
      id: z.string().min(1),
      type: z.string(),
      spec: z.string(),
      name: z.string(),
      previousNames: z.array(z.string()),
      copy: z.string(),
      trackedUrls: z.array(z.string()),
      builtBy: accountId,
      readyForReview: z.boolean(),
    }),
  ),
  checks: z.partialRecord(z.enum(MANUAL_CHECK_CODES), z.object({ ...stamp, done: z.boolean(), note: z.string().optional() })),
  complianceApproval: z.object(stamp).optional(),
  lexiconResolutions: z.array(z.object({ ...stamp, source: z.string(), term: z.string(), justification: z.string() })),
  launch: z.object({
    window: launchWindowSchema.optional(),
    monitoringOwnerId: z.string().optional(),
    observations: z.array(z.object({ ...stamp, checkpoint: z.enum(OBSERVATION_CHECKPOINTS), note: z.string() })),
    observationWaiver: z.object({ ...stamp, reason: z.string() }).optional(),
    anomalyPlan: z.string().optional(),
  }),
  retrospective: z.object({
    slowedDown: z.string().optional(),
    rework: z.string().optional(),
    broke: z.string().optional(),
    template: z.string().optional(),
    outcome: outcomeSchema.optional(),
  }),
  audit: z.array(z.object({ ...stamp, action: z.string(), detail: z.string() })),
}) satisfies z.ZodType<FlightPlanRecord>;

/**
 * Upgrades from each older schema version to the next. Version 1 is the first released
 * layout, so the chain is empty; a v2 adds `1: (v1) => v2` here and a fixture of v1 in
 * test/fixtures/records/, which the migration test reads.
 */
const MIGRATIONS: Readonly<Record<number, (older: Record<string, unknown>) => Record<string, unknown>>> = {};

export type RecordErrorCode = 'RECORD.CORRUPT' | 'RECORD.FUTURE_VERSION';

/** Reads a stored record of any released version into the current one, or says what is wrong with it. */
export const parseStoredRecord = (raw: unknown, issueId: string): Result<FlightPlanRecord, Failure<RecordErrorCode>> => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return failure('RECORD.CORRUPT', `the Flight Plan record of issue ${issueId} is not an object`);
  }
  let data = raw as Record<string, unknown>;
  const version = data['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return failure('RECORD.CORRUPT', `the Flight Plan record of issue ${issueId} has no valid schemaVersion`);
  }
  if (version > CURRENT_RECORD_VERSION) {
    return failure(
      'RECORD.FUTURE_VERSION',
      `the Flight Plan record of issue ${issueId} is version ${version}, newer than this app (version ${CURRENT_RECORD_VERSION})`,
    );
  }
  for (let from = version; from < CURRENT_RECORD_VERSION; from++) {
    const migrate = MIGRATIONS[from];
    if (migrate === undefined) return failure('RECORD.CORRUPT', `no migration from record version ${from}`);
    data = migrate(data);
  }
  const parsed = recordSchemaV1.safeParse(data);
  if (!parsed.success) {
    return failure('RECORD.CORRUPT', `the Flight Plan record of issue ${issueId} is corrupt (${describeZodError(parsed.error)})`);
  }
  if (parsed.data.issueId !== issueId) {
    return failure('RECORD.CORRUPT', `the record stored for issue ${issueId} belongs to issue ${parsed.data.issueId}`);
  }
  return ok(parsed.data);
};
