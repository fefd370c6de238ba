import { z } from 'zod';
import { COMPLIANCE_ROLE } from '../domain/app-config';
import { MANUAL_CHECK_CODES, OBSERVATION_CHECKPOINTS } from '../domain/flight-plan-record';
import type { RecordCommand } from '../domain/record-commands';
import { TIERS } from '../domain/tiers';
import { approverSchema, launchWindowSchema, outcomeSchema } from './flight-plan-record.schema';

/**
 * Every resolver answers with this envelope; the UI branches on `error.code`, never on the message. `Code` is the
 * resolver's own error-code union (from the resolver maps in `resolvers.ts`), so a branch on a code it never answers
 * is a type error.
 */
export type Envelope<T, Code extends string = string> =
  { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: EnvelopeError<Code> };
interface EnvelopeError<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
  /** Problems by field path, when a submitted form did not validate. */
  readonly fields?: Readonly<Record<string, string>>;
}

/** Codes any resolver may answer, whatever it does: a payload that does not parse, storage down, a defect. */
type CommonErrorCode = 'PAYLOAD.INVALID' | 'STORAGE.UNAVAILABLE' | 'STORAGE.REFUSED' | 'APP.DEFECT';

/** Carries a resolver's answer and error codes as types only: the compiler reads them, no value is ever stored. */
declare const resolverTypes: unique symbol;

/**
 * One resolver of the contract: the schema its payload is parsed with on the server (the UI sends its input type),
 * the answer it gives and the codes it may fail with (besides `CommonErrorCode` and its app's context code).
 */
export interface ResolverSpec<Payload extends z.ZodType = z.ZodType, Answer = unknown, Code extends string = string> {
  readonly payload: Payload;
  readonly [resolverTypes]?: { readonly answer: Answer; readonly code: Code };
}

/** `resolver(schema).answers<View, 'A.CODE' | 'B.CODE'>()`: a resolver's payload schema, then its answer and codes. */
export const resolver = <Payload extends z.ZodType>(payload: Payload) => ({
  answers: <Answer, Code extends string = never>(): ResolverSpec<Payload, Answer, Code> => ({ payload }),
});

/** The payload of a resolver that takes none; anything sent is dropped. */
export const noPayload = z.object({});

/**
 * One Custom UI app's resolver function (manifest `function` with a `resolver`): every key it answers, and what it
 * answers when called from outside the module it serves (the context check comes before anything else).
 */
export interface ResolverApp<Resolvers extends Readonly<Record<string, ResolverSpec>>, ContextCode extends string> {
  readonly resolvers: Resolvers;
  readonly wrongContext: { readonly code: ContextCode; readonly message: string };
}
// `any` here only widens the constraint so that every app, whatever its maps, is one; each use is exact.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResolverApp = ResolverApp<Readonly<Record<string, ResolverSpec<any, any, any>>>, string>;

export type ResolverKey<App extends AnyResolverApp> = keyof App['resolvers'] & string;
type SpecOf<App extends AnyResolverApp, Key extends ResolverKey<App>> = App['resolvers'][Key];
/** What the UI sends: the schema's input (before defaults and trimming). */
export type PayloadIn<App extends AnyResolverApp, Key extends ResolverKey<App>> = z.input<SpecOf<App, Key>['payload']>;
/** What the use case receives: the schema's output, parsed on the server. */
export type PayloadOut<App extends AnyResolverApp, Key extends ResolverKey<App>> = z.output<SpecOf<App, Key>['payload']>;
type TypesOf<App extends AnyResolverApp, Key extends ResolverKey<App>> = NonNullable<SpecOf<App, Key>[typeof resolverTypes]>;
export type AnswerOf<App extends AnyResolverApp, Key extends ResolverKey<App>> = TypesOf<App, Key>['answer'];
/** The codes a use case may return for this key. */
export type UseCaseErrorCode<App extends AnyResolverApp, Key extends ResolverKey<App>> = TypesOf<App, Key>['code'] | CommonErrorCode;
/** Every code the UI may receive for this key. */
export type ErrorCodeOf<App extends AnyResolverApp, Key extends ResolverKey<App>> =
  UseCaseErrorCode<App, Key> | App['wrongContext']['code'];
export type AnswerEnvelope<App extends AnyResolverApp, Key extends ResolverKey<App>> = Envelope<AnswerOf<App, Key>, ErrorCodeOf<App, Key>>;

/**
 * The app's resolvers in the shape of Forge's typed definitions (`Definitions` of `@forge/resolver/shared`): the
 * server builds its resolver with `makeResolver<ForgeDefinitions<App>>` and the UI calls it through
 * `makeInvoke<ForgeDefinitions<App>>()` from `@forge/bridge`, so a renamed key or a changed payload is a type error
 * on both sides. A resolver without payload fields is called without a payload.
 */
export type ForgeDefinitions<App extends AnyResolverApp> = {
  readonly [Key in ResolverKey<App>]: [PayloadIn<App, Key>] extends [Record<string, never>]
    ? () => AnswerEnvelope<App, Key>
    : (payload: PayloadIn<App, Key>) => AnswerEnvelope<App, Key>;
};

/**
 * Free text a person types, bounded so that no value can grow a record past what storage holds; the error names the
 * field in words ("Reason is at most 2,000 characters").
 */
const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max.toLocaleString('en-US')} characters`);
const required = (label: string, max: number) => text(label, max).min(1, `${label} is required`);
const SHORT = 2_000;
const list = <T extends z.ZodType>(label: string, item: T, max: number) => z.array(item).max(max, `${label} has at most ${max} entries`);
const url = text('A tracked link', 2_048);
/** A triage score as the panel showed it: what Jira held (a number, or none). */
const seenScore = z.number({ error: 'Each score you decided on is a number or none' }).nullable();
/** The revision the editor saw, always: a write against an older revision is refused instead of overwriting. */
export const expectedRevision = z
  .number({ error: 'the revision you opened is required, so a change made since is not overwritten' })
  .int()
  .min(0);

/**
 * What the approver read: the panel's `approvalCovers` when they pressed Approve. The record's revision does not move
 * when the description is edited in Jira, so without it a description changed a moment before would be approved unread.
 */
const covers = z.string().max(100).optional();

const assetFields = {
  type: required('Asset type', 100),
  spec: required('Asset spec', SHORT),
  name: required('Asset name', 200),
  copy: text('Asset copy', 20_000).optional(),
  trackedUrls: list('Tracked links', url, 50).optional(),
};
const payloadTracking = z.object({
  campaignKey: text('Campaign key', 200).optional(),
  events: list('Tracking events', required('A tracking event', 200), 50),
  crmCampaign: text('CRM campaign', 200).optional(),
});
const payloadOutcome = outcomeSchema.extend({ actual: text('Actual result', SHORT) });

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
    z.object({ code: z.enum(MANUAL_CHECK_CODES), done: z.boolean(), note: text('Note', SHORT).optional(), expectedRevision }),
    ({ code, done, note }) => ({ type: 'answerCheck', code, done, ...(note ? { note } : {}) }),
  ),
  'triage/decide': endpoint(
    z.object({
      decision: z.enum(['accept', 'wait', 'decline']),
      reason: text('Reason', SHORT).optional(),
      // The scores the lead was shown: the decision binds them, so a change made in Jira meanwhile is asked about.
      scores: z.object(
        { impact: seenScore, confidence: seenScore, effort: seenScore, risk: seenScore },
        { error: 'The scores you decided on are missing: reload the panel and decide again' },
      ),
      expectedRevision,
    }),
    ({ decision, reason: why, scores }) => ({ type: 'decideTriage', decision, seenScores: scores, ...(why ? { reason: why } : {}) }),
  ),
  'triage/set-tier': endpoint(
    z.object({ tier: z.enum(TIERS), reason: text('Reason', SHORT).optional(), expectedRevision }),
    ({ tier, reason: why }) => ({
      type: 'setTier',
      tier,
      ...(why ? { reason: why } : {}),
    }),
  ),
  'plan/update': endpoint(
    z.object({
      dependencies: list('Dependencies', text('A dependency', SHORT), 50).optional(),
      tracking: payloadTracking.optional(),
      approvers: list('Approvers', approverSchema, 20).optional(),
      launchCriteria: text('Launch criteria', SHORT).optional(),
      definitionOfDone: text('Definition of done', SHORT).optional(),
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
      assetId: required('Asset', 50),
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
  'asset/retire': endpoint(z.object({ assetId: required('Asset', 50), expectedRevision }), ({ assetId }) => ({
    type: 'retireAsset',
    assetId,
  })),
  'asset/restore': endpoint(z.object({ assetId: required('Asset', 50), expectedRevision }), ({ assetId }) => ({
    type: 'restoreAsset',
    assetId,
  })),
  'approval/compliance': endpoint(z.object({ covers, expectedRevision }), ({ covers: read }) => ({
    type: 'approve',
    role: COMPLIANCE_ROLE,
    ...(read === undefined ? {} : { covers: read }),
  })),
  'approval/give': endpoint(z.object({ role: z.string().trim().min(1).max(40), covers, expectedRevision }), ({ role, covers: read }) => ({
    type: 'approve',
    role,
    ...(read === undefined ? {} : { covers: read }),
  })),
  'lexicon/resolve': endpoint(
    z.object({
      source: required('Where the term is', 50),
      term: required('Term', 200),
      justification: required('Justification', SHORT),
      expectedRevision,
    }),
    ({ source, term, justification }) => ({ type: 'resolveLexiconHit', source, term, justification }),
  ),
  'launch/update': endpoint(
    z.object({
      window: launchWindowSchema.optional(),
      monitoringOwnerId: required('Monitoring owner', 128).optional(),
      anomalyPlan: text('Anomaly plan', SHORT).optional(),
      expectedRevision,
    }),
    (changes) => ({ type: 'updateLaunch', changes }),
  ),
  'launch/observe': endpoint(
    z.object({
      checkpoint: z.enum(OBSERVATION_CHECKPOINTS),
      note: required('Note', SHORT),
      anomaly: z.boolean().optional(),
      expectedRevision,
    }),
    ({ checkpoint, note, anomaly }) => ({ type: 'recordObservation', checkpoint, note, anomaly: anomaly === true }),
  ),
  'launch/waive-observations': endpoint(z.object({ reason: required('Reason', SHORT), expectedRevision }), ({ reason: why }) => ({
    type: 'waiveObservations',
    reason: why,
  })),
  'retro/answer': endpoint(
    z.object({
      slowedDown: text('What slowed it down', SHORT).optional(),
      rework: text('What needed rework', SHORT).optional(),
      broke: text('What broke', SHORT).optional(),
      template: text('What to template', SHORT).optional(),
      outcome: payloadOutcome.optional(),
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

/** A record command's parsed payload (the resolver parsed it with the key's schema) as its record command. */
export const commandFrom = <Key extends CommandKey>(
  key: Key,
  payload: z.output<(typeof COMMAND_ENDPOINTS)[Key]['schema']>,
): ParsedCommand => {
  // Each endpoint pairs its own schema with its own builder; the map's union type cannot say so.
  const endpoint = COMMAND_ENDPOINTS[key] as unknown as CommandEndpoint<z.ZodType<{ expectedRevision: number }>>;
  const { expectedRevision, ...fields } = payload;
  return { command: endpoint.toCommand(fields), expectedRevision };
};

/** A page of the request's audit trail (`record/audit`): 0 is the newest. */
export const auditPageQuerySchema = z.object({ page: z.number().int().min(0).max(100_000).default(0) });

/** The person picker's search (`people/search` on the panel and the admin page). */
export const peopleQuerySchema = z.object({
  query: z.string().trim().min(2, 'Type at least 2 letters of a name').max(100, 'A name to search for is at most 100 characters'),
});
