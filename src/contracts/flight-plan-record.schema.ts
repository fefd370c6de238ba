import { z } from 'zod';
import {
  latestObservations,
  MAX_APPROVALS,
  MAX_PREVIOUS_NAMES,
  boundedNames,
  MAX_WRITERS,
  MAX_PANEL_BLOCKERS,
  MAX_MENTIONS,
  MAX_RETIRED_ASSETS,
  CURRENT_RECORD_VERSION,
  MANUAL_CHECK_CODES,
  OBSERVATION_CHECKPOINTS,
  type AuditEntry,
  type FlightPlanRecord,
  type Observation,
} from '../domain/flight-plan-record';
import type { AuditPage } from '../domain/audit-trail';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { TIERS } from '../domain/tiers';
import { realInstant } from './dates';
import { describeZodError } from './zod-errors';

const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO date-time');
const accountId = z.string().min(1).max(128);
const stamp = { by: accountId, at: instant };
const roleKey = z.string().min(1).max(40);
const score = z.number().nullable();
const fingerprint = z.string().max(100).nullable();
const issueRef = z.object({ id: z.string().regex(/^\d{1,18}$/), key: z.string().max(255) });

export const approverSchema = z.object({ accountId, role: roleKey });
const trackingSchema = z.object({
  campaignKey: z.string().optional(),
  events: z.array(z.string()),
  crmCampaign: z.string().optional(),
});
export const launchWindowSchema = z.object({
  start: realInstant("the launch window's start"),
  end: realInstant("the launch window's end"),
});
export const outcomeSchema = z.object({ result: z.enum(['attained', 'partly', 'missed']), actual: z.string() });

const assetSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  spec: z.string(),
  name: z.string(),
  previousNames: z.array(z.string()).max(MAX_PREVIOUS_NAMES),
  stepBack: z.object({ from: z.string(), to: z.string() }).optional(),
  copy: z.string(),
  trackedUrls: z.array(z.string()),
  builtBy: accountId,
  writers: z.array(accountId).max(MAX_WRITERS),
  contentChangedAt: instant.optional(),
  readyForReview: z.boolean(),
});

const recordSchema = z.object({
  schemaVersion: z.literal(CURRENT_RECORD_VERSION),
  issueId: z.string().min(1),
  revision: z.number().int().min(0),
  tier: z.enum(TIERS).optional(),
  triage: z
    .object({
      ...stamp,
      decision: z.enum(['accept', 'wait', 'decline']),
      reason: z.string().optional(),
      scores: z.object({ impact: score, confidence: score, effort: score, risk: score }).nullable(),
    })
    .optional(),
  plan: z.object({
    dependencies: z.array(z.string()),
    tracking: trackingSchema,
    approvers: z.array(approverSchema),
    launchCriteria: z.string().optional(),
    definitionOfDone: z.string().optional(),
  }),
  assets: z.array(assetSchema),
  retiredAssets: z
    .array(assetSchema.extend({ retiredBy: accountId, retiredAt: instant }))
    .max(MAX_RETIRED_ASSETS)
    .optional(),
  panelBlockers: z.array(issueRef).max(MAX_PANEL_BLOCKERS).optional(),
  checks: z.partialRecord(z.enum(MANUAL_CHECK_CODES), z.object({ ...stamp, done: z.boolean(), note: z.string().optional() })),
  approvals: z.array(z.object({ ...stamp, role: roleKey, fingerprint })).max(MAX_APPROVALS),
  lexiconResolutions: z.array(
    z.object({ ...stamp, source: z.string(), term: z.string(), matched: z.string(), justification: z.string(), fingerprint }),
  ),
  launch: z.object({
    // A window saved before dates were checked may hold one no clock can use: it reads as none set, so the launch
    // gate asks for a window again instead of every reader failing on it.
    window: launchWindowSchema.optional().catch(undefined),
    monitoringOwnerId: z.string().optional(),
    observations: z
      .array(z.object({ ...stamp, checkpoint: z.enum(OBSERVATION_CHECKPOINTS), note: z.string(), anomaly: z.literal(true).optional() }))
      .max(OBSERVATION_CHECKPOINTS.length),
    observationWaiver: z.object({ ...stamp, reason: z.string() }).optional(),
    anomalyPlan: z.string().optional(),
  }),
  retrospective: z.object({
    slowedDown: z.string().optional(),
    rework: z.string().optional(),
    broke: z.string().optional(),
    template: z.string().optional(),
    outcome: outcomeSchema.optional(),
    iteration: z.object({ ...stamp, key: z.string().max(255).nullable() }).optional(),
  }),
  campaignListed: z.string().optional(),
  // A record saved before the audit trail moved out of it still carries `audit`: the parse drops it here, and
  // `legacyAuditOf` reads it for the next write to move out (see domain/audit-trail.ts).
}) satisfies z.ZodType<FlightPlanRecord>;

const auditEntrySchema = z.object({
  ...stamp,
  action: z.string(),
  detail: z.string(),
  mentions: z.array(issueRef).max(MAX_MENTIONS).optional(),
}) satisfies z.ZodType<AuditEntry>;
export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema) }) satisfies z.ZodType<AuditPage>;

/**
 * The audit trail a record stored before the trail moved out of it still carries, entry by entry: one unreadable
 * entry is dropped, not the trail, and the record itself reads either way.
 */
export const legacyAuditOf = (raw: unknown): AuditEntry[] => {
  const trail = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['audit'] : undefined;
  return list(trail).flatMap((entry) => {
    const parsed = auditEntrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
};

/** Whether a stored record still carries an audit trail inside it (even an empty one), as records did before it moved out. */
export const embedsTrail = (raw: unknown): boolean => typeof raw === 'object' && raw !== null && Object.hasOwn(raw, 'audit');

/** How many entries a stored record's embedded trail holds, read or not. */
export const embeddedEntryCount = (raw: unknown): number =>
  list(typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['audit'] : undefined).length;

type Json = Record<string, unknown>;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Version 1 kept one compliance approval with no record of what it covered, lexicon resolutions
 * likewise, only an asset's first builder, and triage decisions without their scores. Version 2
 * binds each to what it covers. What a v1 approval or resolution covered is unknown, so it comes
 * over with no fingerprint and no longer counts: the approver approves again (requests already
 * past QA are not held back by it). A v1 triage decision keeps no scores, so a request still in
 * Triage is decided again by a triage lead. Every builder is a writer of their asset.
 */
const fromVersion1 = (v1: Json): Json => {
  const { complianceApproval, ...rest } = v1;
  const approval: unknown = complianceApproval;
  const triage = v1['triage'];
  return {
    ...rest,
    schemaVersion: 2,
    ...(isJson(triage) ? { triage: { ...triage, scores: null } } : {}),
    // An entry that is no object at all is left as it is, for the schema to say what is wrong with it.
    assets: list(v1['assets']).map((asset) =>
      isJson(asset) ? { ...asset, writers: typeof asset['builtBy'] === 'string' ? [asset['builtBy']] : [] } : asset,
    ),
    approvals: isJson(approval) ? [{ by: approval['by'], at: approval['at'], role: 'compliance', fingerprint: null }] : [],
    lexiconResolutions: list(v1['lexiconResolutions']).map((resolution) =>
      isJson(resolution) ? { ...resolution, matched: resolution['term'], fingerprint: null } : resolution,
    ),
  };
};

/**
 * A name's version as the migration reads it: the number after a final "v" (before a file extension), as the default
 * pattern `{campaign}-{channel}-{asset}-v{n}` and its variants place it. The migration cannot see the site's pattern;
 * the gate judges the step back kept with the real one.
 */
const trailingVersion = (name: string): number | null => {
  const digits = /v(\d+)(?:\.[a-z0-9]{1,5})?$/i.exec(name)?.[1];
  return digits === undefined ? null : Number(digits);
};

/**
 * An asset of any version with only its latest earlier names, and the first step back among the names it drops, read
 * from the full stored list: so the migration cannot clear the build gate's "a version never goes back" either.
 */
const withLatestNames = (asset: unknown): unknown => {
  const names = typeof asset === 'object' && asset !== null ? (asset as Json)['previousNames'] : undefined;
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) return asset;
  return { ...(asset as Json), ...boundedNames(names, undefined, trailingVersion) };
};

/**
 * Version 2 kept every observation and every earlier name of an asset, so a request whose launch watch was written
 * again and again, or an asset renamed back and forth, grew until every command on it was refused as too large.
 * Version 3 keeps the latest observation of each checkpoint and an asset's last few earlier names (the audit trail has
 * them all). What the migration keeps is then checked by the schema like any other value.
 */
const fromVersion2 = (v2: Json): Json => {
  // A list with an entry that is not an observation at all is left whole, for the schema to say what is wrong with it.
  const isObservationLike = (entry: unknown): entry is Observation =>
    typeof entry === 'object' &&
    entry !== null &&
    (OBSERVATION_CHECKPOINTS as readonly unknown[]).includes((entry as Json)['checkpoint']) &&
    typeof (entry as Json)['at'] === 'string';
  const launch = v2['launch'];
  const observations = typeof launch === 'object' && launch !== null ? (launch as Json)['observations'] : undefined;
  return {
    ...v2,
    schemaVersion: 3,
    ...(Array.isArray(observations) && observations.every(isObservationLike)
      ? { launch: { ...(launch as Json), observations: latestObservations(observations) } }
      : {}),
    ...(Array.isArray(v2['assets']) ? { assets: v2['assets'].map(withLatestNames) } : {}),
    ...(Array.isArray(v2['retiredAssets']) ? { retiredAssets: v2['retiredAssets'].map(withLatestNames) } : {}),
  };
};

/** Upgrades from each older schema version to the next; each has a fixture in test/fixtures/records/. */
const MIGRATIONS: Readonly<Record<number, (older: Json) => Json>> = { 1: fromVersion1, 2: fromVersion2 };

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
  const parsed = recordSchema.safeParse(data);
  if (!parsed.success) {
    return failure('RECORD.CORRUPT', `the Flight Plan record of issue ${issueId} is corrupt (${describeZodError(parsed.error)})`);
  }
  if (parsed.data.issueId !== issueId) {
    return failure('RECORD.CORRUPT', `the record stored for issue ${issueId} belongs to issue ${parsed.data.issueId}`);
  }
  return ok(parsed.data);
};
