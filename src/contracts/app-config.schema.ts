import { z } from 'zod';
import { COMPLIANCE_ROLE, DEFAULT_CONFIG, type AppConfig } from '../domain/app-config';
import { GATE_ITEM_CODES, type GateItemCode } from '../domain/gates/gate-items';
import { namingPatternProblem } from '../domain/naming-check';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { STAGES, TRACK_STAGES } from '../domain/stages';
import { TIERS } from '../domain/tiers';
import { realDate } from './dates';
import { describeZodError } from './zod-errors';

const tier = z.enum(TIERS);
const perTier = <T extends z.ZodType>(value: T) => z.object({ 'low-risk': value, revenue: value, regulated: value });
const nonBlank = z.string().trim().min(1, 'must not be blank');
const businessDays = z.number().int().min(0).max(250);
const accountIds = z.array(z.string().trim().min(1).max(128)).max(100);
const roleKey = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a role key is lower-case letters, digits and dashes, starting with a letter');

const gateMatrixShape = Object.fromEntries(GATE_ITEM_CODES.map((code) => [code, z.array(tier)])) as Record<
  GateItemCode,
  z.ZodArray<typeof tier>
>;

export const appConfigSchema = z
  .object({
    statusMap: z.object(Object.fromEntries(STAGES.map((stage) => [stage, z.array(nonBlank)])) as Record<
      (typeof STAGES)[number],
      z.ZodArray<typeof nonBlank>
    >),
    gateMatrix: z.object(gateMatrixShape),
    intake: z.object({
      minDescriptionLength: z.number().int().min(0).max(10_000),
      leadTimeBusinessDays: perTier(businessDays),
    }),
    triage: z
      .object({
        weights: z.object({
          impact: z.number().min(0).max(3),
          confidence: z.number().min(0).max(3),
          effort: z.number().min(0).max(3),
        }),
        acceptAtOrAbove: z.number().min(0),
        declineBelow: z.number().min(0),
      })
      .refine((rules) => rules.declineBelow <= rules.acceptAtOrAbove, {
        message: 'declineBelow must not be above acceptAtOrAbove',
        path: ['declineBelow'],
      }),
    slaBusinessDays: z.object(
      Object.fromEntries(TRACK_STAGES.map((stage) => [stage, perTier(businessDays)])) as Record<
        (typeof TRACK_STAGES)[number],
        ReturnType<typeof perTier<typeof businessDays>>
      >,
    ),
    holidays: z.array(realDate('a holiday')),
    lexicon: z.array(
      z.object({
        term: nonBlank.refine((term) => term.replace('*', '').trim() !== '', 'a term needs more than "*"'),
        category: z.enum(['claim', 'regulated']),
        unlessCopyContains: z.array(nonBlank).optional(),
      }),
    ),
    naming: z.object({
      pattern: nonBlank.refine((pattern) => pattern.includes('{n}'), 'the pattern must contain {n} (the version)'),
      blacklist: z.array(nonBlank),
    }),
    utm: z.object({ allowedMediums: z.array(nonBlank).min(1) }),
    roles: z.object({
      triageLeads: accountIds,
      approvers: z
        .array(z.object({ key: roleKey, label: nonBlank.max(60), members: accountIds }))
        .max(20)
        .refine((roles) => roles.some((role) => role.key === COMPLIANCE_ROLE), 'the compliance role cannot be removed'),
    }),
    minJustificationLength: z.number().int().min(1).max(500),
    routing: z.array(
      z.object({ channel: nonBlank.optional(), assetType: nonBlank.optional(), assigneeId: nonBlank }),
    ),
    metricsJql: nonBlank.max(2_000),
  })
  .superRefine((config, context) => {
    const keys = new Set<string>();
    config.roles.approvers.forEach((role, index) => {
      if (keys.has(role.key)) context.addIssue({ code: 'custom', path: ['roles', 'approvers', index, 'key'], message: `another role already has the key "${role.key}"` });
      keys.add(role.key);
    });
    // A status may belong to one stage only, or a status change would mean two things.
    const owner = new Map<string, string>();
    for (const [stage, names] of Object.entries(config.statusMap)) {
      for (const name of names) {
        const key = name.trim().toLowerCase();
        const other = owner.get(key);
        if (other !== undefined && other !== stage) {
          context.addIssue({ code: 'custom', path: ['statusMap', stage], message: `status "${name}" is also mapped to ${other}` });
        }
        owner.set(key, stage);
      }
    }
  }) satisfies z.ZodType<AppConfig>;

export const CURRENT_CONFIG_VERSION = 2;

/** What app storage holds under the config key: the config, its schema version and its edit revision. */
export const storedConfigSchema = z.object({
  schemaVersion: z.literal(CURRENT_CONFIG_VERSION),
  revision: z.number().int().min(0),
  config: appConfigSchema,
});
export interface StoredConfig {
  readonly schemaVersion: typeof CURRENT_CONFIG_VERSION;
  readonly revision: number;
  readonly config: AppConfig;
}

export type ConfigErrorCode = 'CONFIG.UNREADABLE' | 'CONFIG.INVALID';

/**
 * Version 1 named one list of compliance approvers and one triage lead; version 2 has governance
 * roles. The old people keep their roles; brand and legal start empty, as on a new site.
 */
const fromVersion1 = (stored: Record<string, unknown>): Record<string, unknown> => {
  const { complianceApproverIds, triageLeadId, ...config } = (stored['config'] ?? {}) as Record<string, unknown>;
  const compliance = Array.isArray(complianceApproverIds) ? complianceApproverIds : [];
  const roles = {
    triageLeads: typeof triageLeadId === 'string' && triageLeadId.trim() !== '' ? [triageLeadId] : [],
    approvers: DEFAULT_CONFIG.roles.approvers.map((role) => (role.key === COMPLIANCE_ROLE ? { ...role, members: compliance } : role)),
  };
  return { ...stored, schemaVersion: 2, config: { ...config, roles, minJustificationLength: DEFAULT_CONFIG.minJustificationLength } };
};

/** Upgrades from each older stored version to the next. */
const CONFIG_MIGRATIONS: Readonly<Record<number, (older: Record<string, unknown>) => Record<string, unknown>>> = { 1: fromVersion1 };

/** Reads the stored config, upgrading an older version; none stored yet means the defaults (revision 0). */
export const parseStoredConfig = (raw: unknown): Result<StoredConfig, Failure<ConfigErrorCode>> => {
  if (raw === undefined || raw === null) return ok({ schemaVersion: CURRENT_CONFIG_VERSION, revision: 0, config: DEFAULT_CONFIG });
  let data = raw as Record<string, unknown>;
  for (let version = data['schemaVersion']; typeof version === 'number' && CONFIG_MIGRATIONS[version] !== undefined; version = data['schemaVersion']) {
    data = CONFIG_MIGRATIONS[version]!(data);
  }
  const parsed = storedConfigSchema.safeParse(data);
  return parsed.success
    ? ok(parsed.data)
    : failure('CONFIG.UNREADABLE', `the Flight Plan configuration in app storage is unreadable (${describeZodError(parsed.error)})`);
};

/** A config an admin submitted that does not validate: the summary, and each problem by field path. */
export interface ConfigProblems extends Failure<'CONFIG.INVALID'> {
  /** `"slaBusinessDays.qa.revenue"` → `"Too small: expected number to be >=0"`, for showing beside the field. */
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * What an admin may save: a readable config, and a naming pattern whose placeholders can be told
 * apart. Checked on save only, so a pattern stored before the rule still reads (and is matched
 * greedily) instead of making the whole configuration unreadable.
 */
const configInputSchema = appConfigSchema.superRefine((config, context) => {
  const problem = namingPatternProblem(config.naming.pattern);
  if (problem !== null) context.addIssue({ code: 'custom', path: ['naming', 'pattern'], message: problem });
});

/** Validates a config an admin submits; errors name each field. */
export const parseConfigInput = (raw: unknown): Result<AppConfig, ConfigProblems> => {
  const parsed = configInputSchema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.')] ??= issue.message;
  return { ok: false, error: { code: 'CONFIG.INVALID', message: describeZodError(parsed.error, 10), fields } };
};
