import { z } from 'zod';
import { COMPLIANCE_ROLE, DEFAULT_APPROVAL_PATHS, DEFAULT_CONFIG, FIGURES_ROLE, type AppConfig } from '../domain/app-config';
import { APPROVAL_ORDERS } from '../domain/approval-paths';
import { MAX_AT_RISK_PERCENT, MIN_AT_RISK_PERCENT } from '../domain/forecast/at-risk';
import { GATE_ITEM_CODES, GATE_ITEMS, type GateItemCode } from '../domain/gates/gate-items';
import { LIBRARY_LIMITS, type ClaimInput } from '../domain/messaging-library';
import { namingPatternProblem } from '../domain/naming-check';
import { MAX_ROUTING_ALTERNATES, MAX_ROUTING_RULES } from '../domain/routing';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { STAGE_LABELS, STAGES, TRACK_STAGES, type Stage } from '../domain/stages';
import { TIERS } from '../domain/tiers';
import { realDate } from './dates';
import { describeZodError, plainIssueMessage } from './zod-errors';
import { configFieldName } from '../domain/app-config-words';
import { INDICATOR_KEY, SPEND } from '../domain/outcomes/catalogue';
import { isCurrencyCode } from '../domain/outcomes/currency';
import { DEFAULT_INDICATOR_CATALOGUE } from '../domain/outcomes/metric-sentence';
import { present } from '../domain/present';

const tier = z.enum(TIERS);
const perTier = <T extends z.ZodType>(value: T) => z.object({ 'low-risk': value, revenue: value, regulated: value });
const nonBlank = z.string().trim().min(1, 'must not be blank');
const businessDays = z.number().int().min(0).max(250);
const accountIds = z.array(z.string().trim().min(1).max(128)).max(100);
const roleKey = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a role key is lower-case letters, digits and dashes, starting with a letter');

/** A library claim as an admin submits it: who approved it comes from who saves it, so it is not read here. */
const claimInputSchema = z.object({
  id: z.string().max(40).optional(),
  text: nonBlank
    .max(LIBRARY_LIMITS.textLength, `must be at most ${LIBRARY_LIMITS.textLength} characters`)
    .refine((text) => /[\p{L}\p{N}]/u.test(text), 'must contain words'),
  evidence: nonBlank.max(LIBRARY_LIMITS.evidenceLength, `must be at most ${LIBRARY_LIMITS.evidenceLength} characters`),
  tiers: z
    .array(tier)
    .min(1, 'pick at least one tier')
    .refine((tiers) => new Set(tiers).size === tiers.length, 'names a tier twice'),
  channels: z
    .array(nonBlank.max(LIBRARY_LIMITS.channelLength))
    .min(1, 'name at least one channel')
    .max(LIBRARY_LIMITS.channels, `at most ${LIBRARY_LIMITS.channels} channels`),
  expiresOn: realDate('the last day'),
});
const approvedClaimSchema = claimInputSchema.extend({ id: z.string().min(1).max(40), approvedBy: nonBlank, approvedAt: z.string() });

/** The library as a list: bounded, and one entry per wording (two would make citations ambiguous). */
const libraryOf = <C extends z.ZodType<ClaimInput>>(claim: C) =>
  z
    .array(claim)
    .max(LIBRARY_LIMITS.claims, `the library holds at most ${LIBRARY_LIMITS.claims} claims`)
    .superRefine((claims, context) => {
      const seen = new Set<string>();
      claims.forEach((claim, index) => {
        const wording = claim.text.trim();
        if (seen.has(wording))
          context.addIssue({ code: 'custom', path: [index, 'text'], message: 'the same claim is in the library twice' });
        seen.add(wording);
      });
    })
    .default([]);

// An item a later version adds starts with its default tiers in a configuration stored before it.
const gateMatrixShape = Object.fromEntries(
  GATE_ITEM_CODES.map((code) => [code, z.array(tier).default([...GATE_ITEMS[code].tiers])]),
) as Record<GateItemCode, z.ZodDefault<z.ZodArray<typeof tier>>>;

const approvalPathSchema = z.object({
  order: z.enum(APPROVAL_ORDERS),
  steps: z
    .array(z.object({ role: roleKey, count: z.number().int().min(1, 'at least 1 approval').max(10, 'at most 10 approvals') }))
    .max(10)
    .refine((steps) => new Set(steps.map((step) => step.role)).size === steps.length, 'names a role twice'),
});

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Configurations stored while "Outcome figures" was an approver role (it approves nothing) are read with its members
 * as the figure reporters and the role gone from the approver roles, so no approval path offers it; unless a path
 * already names it, which keeps it as the approver role the admin made of it. A role nobody was named in names nobody:
 * the triage leads then enter figures, as on any site whose admin has not named anyone (`figureReporters`).
 */
const withFiguresRoleMoved = (raw: unknown): unknown => {
  if (!isRecord(raw) || !isRecord(raw['roles']) || !Array.isArray(raw['roles']['approvers'])) return raw;
  const roles = raw['roles'];
  const approvers: unknown[] = raw['roles']['approvers'];
  const legacy = approvers.find((role) => isRecord(role) && role['key'] === FIGURES_ROLE);
  if (!isRecord(legacy)) return raw;
  const members: unknown = legacy['members'];
  const paths: unknown[] = isRecord(raw['approvalPaths']) ? Object.values(raw['approvalPaths']) : [];
  const inAPath = paths.some(
    (path) =>
      isRecord(path) && Array.isArray(path['steps']) && path['steps'].some((step) => isRecord(step) && step['role'] === FIGURES_ROLE),
  );
  const named = roles['figureReporters'] === undefined && Array.isArray(members) && members.length > 0;
  return {
    ...raw,
    roles: {
      ...roles,
      approvers: inAPath ? approvers : approvers.filter((role) => role !== legacy),
      ...(named ? { figureReporters: members } : {}),
    },
  };
};

/** The configuration's schema, with the library's claims as stored or as submitted. */
const configSchemaWith = <C extends z.ZodType<ClaimInput>>(claim: C) =>
  z
    .object({
      statusMap: z.object(
        Object.fromEntries(STAGES.map((stage) => [stage, z.array(nonBlank)])) as Record<
          (typeof STAGES)[number],
          z.ZodArray<typeof nonBlank>
        >,
      ),
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
          error: 'must not be above the score to accept at',
          path: ['declineBelow'],
        }),
      slaBusinessDays: z.object(
        Object.fromEntries(TRACK_STAGES.map((stage) => [stage, perTier(businessDays)])) as Record<
          (typeof TRACK_STAGES)[number],
          ReturnType<typeof perTier<typeof businessDays>>
        >,
      ),
      // Stored holidays are read by their form only: one saved before dates were checked must not make the whole
      // configuration unreadable. What an admin saves now is checked as a real date (configInputSchema).
      holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a holiday must be a date as YYYY-MM-DD')),
      lexicon: z.array(
        z.object({
          term: nonBlank.refine((term) => term.replace('*', '').trim() !== '', 'a term needs more than "*"'),
          category: z.enum(['claim', 'regulated']),
          unlessCopyContains: z.array(nonBlank).optional(),
        }),
      ),
      naming: z.object({
        pattern: nonBlank.refine((pattern) => pattern.includes('{n}'), 'must contain {n} (the version)'),
        blacklist: z.array(nonBlank),
      }),
      utm: z.object({ allowedMediums: z.array(nonBlank).min(1) }),
      roles: z.object({
        triageLeads: accountIds,
        approvers: z
          .array(z.object({ key: roleKey, label: nonBlank.max(60), members: accountIds }))
          .max(20)
          .refine((roles) => roles.some((role) => role.key === COMPLIANCE_ROLE), 'the compliance role cannot be removed'),
        figureReporters: accountIds.optional(),
      }),
      minJustificationLength: z.number().int().min(1).max(500),
      routing: z.array(
        z.object({
          channel: nonBlank.optional(),
          assetType: nonBlank.optional(),
          assigneeId: nonBlank,
          alternates: accountIds
            .max(MAX_ROUTING_ALTERNATES, `a rule shares its requests with at most ${MAX_ROUTING_ALTERNATES} more people`)
            .optional(),
        }),
      ),
      metricsJql: nonBlank.max(2_000),
      approvalPaths: perTier(approvalPathSchema).default(
        () => structuredClone(DEFAULT_APPROVAL_PATHS) as z.input<ReturnType<typeof perTier<typeof approvalPathSchema>>>,
      ),
      approvalSlaBusinessDays: z.number().int().min(1).max(60).default(2),
      atRiskBelowPercent: z
        .number()
        .int('the at-risk threshold is a whole percentage')
        .min(MIN_AT_RISK_PERCENT, `the at-risk threshold is at least ${MIN_AT_RISK_PERCENT}%`)
        .max(MAX_AT_RISK_PERCENT, `the at-risk threshold is at most ${MAX_AT_RISK_PERCENT}%`)
        .default(DEFAULT_CONFIG.atRiskBelowPercent),
      messagingLibrary: libraryOf(claim),
      // A configuration stored before the catalogue existed starts with the default one.
      indicators: z
        .array(
          z.object({
            key: z.string().regex(INDICATOR_KEY, 'a key is letters and digits, starting with a lower-case letter (like signups)'),
            label: nonBlank.max(40).regex(/^[\p{L}\p{N} -]+$/u, 'a label is words: letters, digits, spaces and dashes'),
          }),
        )
        .min(1, 'keep at least one indicator')
        .max(30, 'at most 30 indicators')
        .default(() => structuredClone(DEFAULT_INDICATOR_CATALOGUE) as { key: string; label: string }[]),
      // A configuration stored before money figures named their currency kept them in dollars, as the app showed them.
      currency: z
        .string()
        .refine(isCurrencyCode, 'the currency is a three-letter ISO 4217 code, like USD, EUR or GBP')
        .default(DEFAULT_CONFIG.currency),
    })
    .superRefine((config, context) => {
      const keys = new Map<string, string>();
      config.roles.approvers.forEach((role, index) => {
        const other = keys.get(role.key);
        if (other !== undefined)
          context.addIssue({
            code: 'custom',
            path: ['roles', 'approvers', index, 'key'],
            message: `is too like the name of the ${other} role: name it differently`,
          });
        else keys.set(role.key, role.label);
      });
      // A path names roles the configuration has, or it could never be completed.
      for (const [pathTier, path] of Object.entries(config.approvalPaths)) {
        path.steps.forEach((step, index) => {
          if (!keys.has(step.role))
            context.addIssue({
              code: 'custom',
              path: ['approvalPaths', pathTier, 'steps', index, 'role'],
              message: 'names an approver role that no longer exists',
            });
        });
      }
      // Keys and labels are unique, so a metric's sentence and its figures name one indicator each.
      for (const part of ['key', 'label'] as const) {
        const seen = new Set<string>();
        config.indicators.forEach((indicator, index) => {
          const value = indicator[part].toLowerCase();
          if (seen.has(value))
            context.addIssue({
              code: 'custom',
              path: ['indicators', index, part],
              message: `another indicator already has the ${part} "${indicator[part]}"`,
            });
          seen.add(value);
        });
      }
      // A status may belong to one stage only, or a status change would mean two things.
      const owner = new Map<string, string>();
      for (const [stage, names] of Object.entries(config.statusMap)) {
        for (const name of names) {
          const key = name.trim().toLowerCase();
          const other = owner.get(key);
          if (other !== undefined && other !== stage) {
            context.addIssue({
              code: 'custom',
              path: ['statusMap', stage],
              message: `status "${name}" is also in ${STAGE_LABELS[other as Stage]}`,
            });
          }
          owner.set(key, stage);
        }
      }
    });

export const appConfigSchema = configSchemaWith(approvedClaimSchema) satisfies z.ZodType<AppConfig>;
const appConfigInputSchema = configSchemaWith(claimInputSchema);

/** A configuration as an admin submits it: library claims without who approved them. */
type AppConfigInput = Omit<AppConfig, 'messagingLibrary'> & { readonly messagingLibrary: readonly ClaimInput[] };

export const CURRENT_CONFIG_VERSION = 2;

/** What app storage holds under the config key: the config, its schema version and its edit revision. */
const storedConfigSchema = z.object({
  schemaVersion: z.literal(CURRENT_CONFIG_VERSION),
  revision: z.number().int().min(0),
  config: appConfigSchema,
});
export interface StoredConfig {
  readonly schemaVersion: typeof CURRENT_CONFIG_VERSION;
  readonly revision: number;
  readonly config: AppConfig;
}

export type ConfigErrorCode = 'CONFIG.UNREADABLE' | 'CONFIG.FUTURE_VERSION' | 'CONFIG.INVALID';

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

/**
 * Reads the stored config, upgrading an older version; none stored yet means the defaults (revision 0). One a newer
 * version of the app wrote is refused as such, not as unreadable: an unreadable one is an admin's to replace, a newer one
 * holds what this version cannot know of (a gate item, a role), and is left as it is for the update to read.
 */
export const parseStoredConfig = (raw: unknown): Result<StoredConfig, Failure<ConfigErrorCode>> => {
  if (raw === undefined || raw === null) return ok({ schemaVersion: CURRENT_CONFIG_VERSION, revision: 0, config: DEFAULT_CONFIG });
  let data = raw as Record<string, unknown>;
  const storedVersion = typeof raw === 'object' ? data['schemaVersion'] : undefined;
  if (typeof storedVersion === 'number' && Number.isInteger(storedVersion) && storedVersion > CURRENT_CONFIG_VERSION)
    return failure(
      'CONFIG.FUTURE_VERSION',
      'the Flight Plan configuration was saved by a newer version of Flight Plan than the one running now, so it is left as it is until the app is updated',
    );
  for (
    let version = data['schemaVersion'];
    typeof version === 'number' && CONFIG_MIGRATIONS[version] !== undefined;
    version = data['schemaVersion']
  ) {
    data = present(CONFIG_MIGRATIONS[version])(data);
  }
  const parsed = storedConfigSchema.safeParse({ ...data, config: withFiguresRoleMoved(data['config']) });
  return parsed.success
    ? ok(parsed.data)
    : failure('CONFIG.UNREADABLE', `the Flight Plan configuration in app storage is unreadable (${describeZodError(parsed.error)})`);
};

/** A config an admin submitted that does not validate: the summary, and each problem by field path. */
export interface ConfigProblems extends Failure<'CONFIG.INVALID'> {
  /** `"slaBusinessDays.qa.revenue"` → `"must be at least 0"`, in words, for showing beside the field. */
  readonly fields: Readonly<Record<string, string>>;
}

/** The most problems the summary names; the rest are counted. */
const SUMMARY_PROBLEMS = 10;

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What an admin may save: a readable config, a naming pattern whose placeholders can be told apart, holidays
 * that are real dates, and at most MAX_ROUTING_RULES routing rules. Checked on save only, so a pattern or holiday stored before the rule still reads instead of
 * making the whole configuration unreadable.
 */
const configInputSchema = appConfigInputSchema.superRefine((config, context) => {
  const problem = namingPatternProblem(config.naming.pattern);
  if (problem !== null) context.addIssue({ code: 'custom', path: ['naming', 'pattern'], message: problem });
  // Every accepted request is matched against the rules in turn; a list stored longer before the bound still reads.
  if (config.routing.length > MAX_ROUTING_RULES)
    context.addIssue({ code: 'custom', path: ['routing'], message: `keep at most ${MAX_ROUTING_RULES} routing rules` });
  // Gates, reminders and the panel name a role by its label: two roles of one label could not be told apart.
  const labels = new Set<string>();
  config.roles.approvers.forEach((role, index) => {
    const label = role.label.trim().toLowerCase();
    if (labels.has(label))
      context.addIssue({
        code: 'custom',
        path: ['roles', 'approvers', index, 'label'],
        message: 'is the name of another approver role: name it differently',
      });
    labels.add(label);
  });
  // Reading a stored configuration moves an approver role with this key to the people who enter figures (it was one
  // once): a role an admin named so now would be moved on the next read, so it is refused here, where it is typed.
  config.roles.approvers.forEach((role, index) => {
    if (role.key === FIGURES_ROLE)
      context.addIssue({
        code: 'custom',
        path: ['roles', 'approvers', index, 'label'],
        message: 'is the name kept for the people who enter outcome figures: name this approver role differently',
      });
  });
  // A term of punctuation alone ("-", "-*") matches the spaces between any two words, so every request with copy would
  // be held at the QA gate. Checked where it is typed: a stored one still reads.
  config.lexicon.forEach((entry, index) => {
    if (!/[\p{L}\p{N}]/u.test(entry.term))
      context.addIssue({
        code: 'custom',
        path: ['lexicon', index, 'term'],
        message: 'needs a letter or digit: a term of punctuation alone matches the spaces of every copy',
      });
  });
  // Spend sits beside the indicators in every figure (imports, the web trigger, hand figures): an indicator of that key
  // would be listed twice, and its figures could not be told from the spend's.
  config.indicators.forEach((indicator, index) => {
    if (indicator.key.toLowerCase() === SPEND)
      context.addIssue({
        code: 'custom',
        path: ['indicators', index, 'key'],
        message: 'is the key kept for spend, which every campaign has: name this indicator differently',
      });
  });
  // A step that asks more approvals than its role has people could never be completed. A role nobody holds yet is a
  // site still being set up, which the QA gate says in its own words.
  for (const [pathTier, path] of Object.entries(config.approvalPaths)) {
    path.steps.forEach((step, index) => {
      const role = config.roles.approvers.find((approver) => approver.key === step.role);
      if (role !== undefined && role.members.length > 0 && step.count > role.members.length)
        context.addIssue({
          code: 'custom',
          path: ['approvalPaths', pathTier, 'steps', index, 'count'],
          message: `asks ${String(step.count)} approvals, but only ${String(role.members.length)} ${role.members.length === 1 ? 'person holds' : 'people hold'} the ${role.label} role: add people to it or ask fewer`,
        });
    });
  }
  config.holidays.forEach((holiday, index) => {
    const checked = realDate('A holiday').safeParse(holiday);
    if (!checked.success)
      context.addIssue({
        code: 'custom',
        path: ['holidays', index],
        message: checked.error.issues[0]?.message ?? 'A holiday must be a real date',
      });
  });
});

/**
 * Validates a config an admin submits. Each problem is in words, beside its field by path, and the
 * summary names the field as the admin page does ("The SLA of QA + Governance for Revenue must be at
 * least 0"): no path, no validator's wording.
 */
export const parseConfigInput = (raw: unknown): Result<AppConfigInput, ConfigProblems> => {
  const parsed = configInputSchema.safeParse(raw);
  return parsed.success
    ? ok(parsed.data)
    : configProblems(parsed.error.issues.map((issue) => ({ path: issue.path, message: plainIssueMessage(issue) })));
};

/** Problems of a submitted config, each in words by its field path, as the admin page shows them. */
export const configProblems = (
  problems: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): { readonly ok: false; readonly error: ConfigProblems } => {
  const fields: Record<string, string> = {};
  for (const problem of problems) fields[problem.path.map(String).join('.')] ??= problem.message;
  const named = problems.slice(0, SUMMARY_PROBLEMS).map((problem) => `${capitalised(configFieldName(problem.path))}: ${problem.message}.`);
  const more = problems.length > SUMMARY_PROBLEMS ? [`And ${problems.length - SUMMARY_PROBLEMS} more.`] : [];
  return { ok: false, error: { code: 'CONFIG.INVALID', message: [...named, ...more].join(' '), fields } };
};
