import { z } from 'zod';
import { COMPLIANCE_ROLE } from '../domain/app-config';
import { MANUAL_CHECK_CODES, OBSERVATION_CHECKPOINTS } from '../domain/flight-plan-record';
import type { RecordCommand } from '../domain/record-commands';
import { TIERS } from '../domain/tiers';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { describeZodError } from './zod-errors';
import { approverSchema, launchWindowSchema, outcomeSchema, trackingSchema } from './flight-plan-record.schema';

/** Every resolver answers with this envelope; the UI branches on `error.code`, never on the message. */
export type Envelope<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: EnvelopeError };
export interface EnvelopeError {
  readonly code: string;
  readonly message: string;
  /** Problems by field path, when a submitted form did not validate. */
  readonly fields?: Readonly<Record<string, string>>;
}

const shortText = z.string().trim().max(2_000);
const longText = z.string().max(20_000);
const reason = z.string().trim().min(1, 'a reason is required').max(2_000);
const url = z.string().trim().max(2_048);
/** The revision the editor saw, always: a write against an older revision is refused instead of overwriting. */
export const expectedRevision = z.number({ error: 'the revision you opened is required, so a change made since is not overwritten' }).int().min(0);

const assetFields = {
  type: z.string().trim().min(1, 'asset type is required').max(100),
  spec: z.string().trim().min(1, 'asset spec is required').max(2_000),
  name: z.string().trim().min(1, 'asset name is required').max(200),
  copy: longText.optional(),
  trackedUrls: z.array(url).max(50).optional(),
};

/** A payload minus `expectedRevision`, which the resolver consumes before building the command. */
export type CommandFields<S extends z.ZodType> = Omit<z.infer<S>, 'expectedRevision'>;

interface CommandEndpoint<S extends z.ZodType> {
  readonly schema: S;
  readonly toCommand: (fields: CommandFields<S>) => RecordCommand;
}

const endpoint = <S extends z.ZodType>(schema: S, toCommand: (fields: CommandFields<S>) => RecordCommand): CommandEndpoint<S> => ({
  schema,
  toCommand,
});

/**
 * The issue panel's write resolvers: each key's payload schema and the record command it becomes.
 * The issue and the acting account never come from the payload; they come from the resolver context.
 */
export const COMMAND_ENDPOINTS = {
  'checklist/answer': endpoint(
    z.object({ code: z.enum(MANUAL_CHECK_CODES), done: z.boolean(), note: shortText.optional(), expectedRevision }),
    ({ code, done, note }) => ({ type: 'answerCheck', code, done, ...(note ? { note } : {}) }),
  ),
  'triage/decide': endpoint(
    z.object({ decision: z.enum(['accept', 'wait', 'decline']), reason: shortText.optional(), expectedRevision }),
    ({ decision, reason: why }) => ({ type: 'decideTriage', decision, ...(why ? { reason: why } : {}) }),
  ),
  'triage/set-tier': endpoint(z.object({ tier: z.enum(TIERS), reason: shortText.optional(), expectedRevision }), ({ tier, reason: why }) => ({
    type: 'setTier',
    tier,
    ...(why ? { reason: why } : {}),
  })),
  'plan/update': endpoint(
    z.object({
      dependencies: z.array(shortText).max(50).optional(),
      tracking: trackingSchema.optional(),
      approvers: z.array(approverSchema).max(20).optional(),
      launchCriteria: shortText.optional(),
      definitionOfDone: shortText.optional(),
      expectedRevision,
    }),
    (changes) => ({ type: 'updatePlan', changes }),
  ),
  'asset/add': endpoint(z.object({ ...assetFields, expectedRevision }), (asset) => ({
    type: 'addAsset',
    asset,
  })),
  'asset/update': endpoint(
    z.object({
      assetId: z.string().min(1).max(50),
      type: assetFields.type.optional(),
      spec: assetFields.spec.optional(),
      name: assetFields.name.optional(),
      copy: assetFields.copy,
      trackedUrls: assetFields.trackedUrls,
      readyForReview: z.boolean().optional(),
      expectedRevision,
    }),
    ({ assetId, ...changes }) => ({ type: 'updateAsset', assetId, changes }),
  ),
  'approval/compliance': endpoint(z.object({ expectedRevision }), () => ({ type: 'approve', role: COMPLIANCE_ROLE })),
  'approval/give': endpoint(z.object({ role: z.string().trim().min(1).max(40), expectedRevision }), ({ role }) => ({ type: 'approve', role })),
  'lexicon/resolve': endpoint(
    z.object({ source: z.string().min(1).max(50), term: z.string().min(1).max(200), justification: reason, expectedRevision }),
    ({ source, term, justification }) => ({ type: 'resolveLexiconHit', source, term, justification }),
  ),
  'launch/update': endpoint(
    z.object({
      window: launchWindowSchema.optional(),
      monitoringOwnerId: z.string().min(1).max(128).optional(),
      anomalyPlan: shortText.optional(),
      expectedRevision,
    }),
    (changes) => ({ type: 'updateLaunch', changes }),
  ),
  'launch/observe': endpoint(
    z.object({ checkpoint: z.enum(OBSERVATION_CHECKPOINTS), note: z.string().trim().min(1, 'a note is required').max(2_000), expectedRevision }),
    ({ checkpoint, note }) => ({ type: 'recordObservation', checkpoint, note }),
  ),
  'launch/waive-observations': endpoint(z.object({ reason, expectedRevision }), ({ reason: why }) => ({
    type: 'waiveObservations',
    reason: why,
  })),
  'retro/answer': endpoint(
    z.object({
      slowedDown: shortText.optional(),
      rework: shortText.optional(),
      broke: shortText.optional(),
      template: shortText.optional(),
      outcome: outcomeSchema.optional(),
      expectedRevision,
    }),
    (answers) => ({ type: 'answerRetrospective', answers }),
  ),
} as const;

export type CommandKey = keyof typeof COMMAND_ENDPOINTS;
export const COMMAND_KEYS = Object.keys(COMMAND_ENDPOINTS) as CommandKey[];

export interface ParsedCommand {
  readonly command: RecordCommand;
  readonly expectedRevision: number;
}

/** Parses a write resolver's payload into its record command; the error names the field at fault. */
export const commandFromPayload = (key: CommandKey, payload: unknown): Result<ParsedCommand, Failure<'PAYLOAD.INVALID'>> => {
  // Each endpoint pairs its own schema with its own builder; the map's union type cannot say so.
  const endpoint = COMMAND_ENDPOINTS[key] as unknown as CommandEndpoint<z.ZodType<{ expectedRevision: number }>>;
  const parsed = endpoint.schema.safeParse(payload ?? {});
  if (!parsed.success) return failure('PAYLOAD.INVALID', `${key}: ${describeZodError(parsed.error)}`);
  const { expectedRevision, ...fields } = parsed.data;
  return ok({ command: endpoint.toCommand(fields), expectedRevision });
};

/** Read resolvers of the issue panel and badge. */
export const READ_KEYS = ['record/get'] as const;
export type ReadKey = (typeof READ_KEYS)[number];

/** The person picker's search (`people/search` on the panel and the admin page). */
export const peopleQuerySchema = z.object({ query: z.string().trim().min(2, 'type at least 2 characters').max(100) });
