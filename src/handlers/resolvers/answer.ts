import type { z } from 'zod';
import type {
  AnswerEnvelope,
  AnswerOf,
  AnyResolverApp,
  Envelope,
  PayloadOut,
  ResolverKey,
  ResolverSpec,
  UseCaseErrorCode,
} from '../../contracts/resolver-contract';
import { describeZodErrorForPerson } from '../../contracts/zod-errors';
import { err, failure, ok, type Failure, type Result } from '../../domain/result';
import { StorageError } from '../../use-cases/ports';

type FailureWithFields<Code extends string = string> = Failure<Code> & { readonly fields?: Readonly<Record<string, string>> };

/** A use case's result as the envelope every resolver answers with. */
const toEnvelope = <T, Code extends string>(result: Result<T, FailureWithFields<Code>>): Envelope<T, Code> =>
  result.ok
    ? { ok: true, data: result.value }
    : {
        ok: false,
        error: { code: result.error.code, message: result.error.message, ...(result.error.fields ? { fields: result.error.fields } : {}) },
      };

/** What the person reads when the app's storage failed (the store throws a StorageError; Jira's failures are values). */
export const STORAGE_UNAVAILABLE_MESSAGE =
  'Flight Plan could not reach its storage just now, so this was not loaded or saved. Try again in a moment.';
/**
 * What the person reads when app storage refused the request itself (a 4xx other than 429: a value over its size limit,
 * say): the same request is refused again, so "try again" would send them round for ever.
 */
export const STORAGE_REFUSED_MESSAGE =
  "Flight Plan's storage refused this, so it was not loaded or saved. Trying again will not help: ask your Jira admin to look at the app's logs.";
/** What the person reads when anything else was thrown: a defect, which trying again will not mend. */
export const DEFECT_MESSAGE =
  "Flight Plan ran into a problem it did not expect, so this was not loaded or saved. Trying again will not help: ask your Jira admin to look at the app's logs.";

/**
 * Runs a resolver's use case and answers with the envelope, also when it throws: a store that fails to read or write
 * throws a StorageError (KVS is I/O), and an exception from a resolver reaches the Custom UI as a bare rejected `invoke`
 * with no words a person can act on; a refusal by the store is said as one, which waiting does not mend. Anything else thrown is a defect: said as one, not as an outage to wait out. The error is logged in full for the app's logs (`forge logs`); the person gets a plain sentence.
 */
export const answering = async <T, Code extends string>(
  resolverKey: string,
  run: () => Promise<Result<T, FailureWithFields<Code>>>,
): Promise<Envelope<T, Code | 'STORAGE.UNAVAILABLE' | 'STORAGE.REFUSED' | 'APP.DEFECT'>> => {
  try {
    return toEnvelope(await run());
  } catch (error) {
    console.error(`resolver ${resolverKey} failed`, error);
    if (!(error instanceof StorageError)) return { ok: false, error: { code: 'APP.DEFECT', message: DEFECT_MESSAGE } };
    return error.refused
      ? { ok: false, error: { code: 'STORAGE.REFUSED', message: STORAGE_REFUSED_MESSAGE } }
      : { ok: false, error: { code: 'STORAGE.UNAVAILABLE', message: STORAGE_UNAVAILABLE_MESSAGE } };
  }
};

/** What Forge passes a resolver function (`@forge/resolver`'s `Request`): the payload as sent, the context as signed. */
interface ResolverRequest {
  readonly payload?: unknown;
  readonly context?: unknown;
}

/** One resolver function of an app, as Forge calls it, answering the contract's envelope for its key. */
type ResolverHandler<App extends AnyResolverApp, Key extends ResolverKey<App>> = (
  request: ResolverRequest,
) => Promise<AnswerEnvelope<App, Key>>;

/** Every resolver of an app, by key: what `makeResolver` defines and what the tests call. */
export type ResolverHandlers<App extends AnyResolverApp> = { readonly [Key in ResolverKey<App>]: ResolverHandler<App, Key> };

/**
 * What each key runs once the context and the payload are checked: a use case given the app's context (caller,
 * dependencies) and the payload as the contract's schema parsed it, answering the contract's answer or one of its
 * error codes. A missing key, an extra one, a payload read as another shape or an undeclared code is a type error.
 */
export type UseCases<App extends AnyResolverApp, Context> = {
  readonly [Key in ResolverKey<App>]: (
    context: Context,
    payload: PayloadOut<App, Key>,
  ) => Promise<Result<AnswerOf<App, Key>, FailureWithFields<UseCaseErrorCode<App, Key>>>>;
};

/**
 * The error codes every key of an app declares (the intersection of their unions): the only codes a check run for
 * every key, such as the admin check, may answer with.
 */
type EveryKeyErrorCode<App extends AnyResolverApp> = {
  [Key in ResolverKey<App>]: (code: UseCaseErrorCode<App, Key>) => void;
}[ResolverKey<App>] extends (code: infer Code) => void
  ? Extract<Code, string>
  : never;

/** A check of the caller run for every key of an app before its payload is read (the admin page's admin check). */
export type CallerCheck<App extends AnyResolverApp, Context> = (caller: Context) => Promise<Result<void, Failure<EveryKeyErrorCode<App>>>>;

const anyCaller = (): Promise<Result<void, never>> => Promise.resolve(ok(undefined));

/**
 * Builds an app's resolvers from its contract: each checks the context Forge signed (`contextOf` answers null when
 * the call comes from another module), then the caller (`checkCaller`, the same for every key, so a key added to the
 * contract is checked without asking), parses the payload with the key's schema (refused in plain words naming the
 * field, before any use case runs), then runs the key's use case and answers with the envelope, also when it throws.
 */
export const resolverHandlers = <App extends AnyResolverApp, Context>(
  app: App,
  contextOf: (context: unknown) => Context | null,
  useCases: UseCases<App, Context>,
  checkCaller: CallerCheck<App, Context> = anyCaller,
): ResolverHandlers<App> => {
  const handlerFor = <Key extends ResolverKey<App>>(key: Key, schema: z.ZodType): ResolverHandler<App, Key> => {
    const useCase = useCases[key];
    return async ({ payload, context }) => {
      const caller = contextOf(context);
      if (caller === null) return { ok: false, error: app.wrongContext };
      return answering(key, async (): Promise<Result<AnswerOf<App, Key>, FailureWithFields<UseCaseErrorCode<App, Key>>>> => {
        const allowed = await checkCaller(caller);
        // Every key declares the check's codes (`EveryKeyErrorCode`); the compiler cannot see it for a generic key.
        if (!allowed.ok) return err(allowed.error as Failure<UseCaseErrorCode<App, Key>>);
        // Forge passes `{}` for a call without payload; a direct call may pass nothing.
        const parsed = schema.safeParse(payload ?? {});
        if (!parsed.success) return failure('PAYLOAD.INVALID', describeZodErrorForPerson(parsed.error));
        // The schema is the key's own (taken from the same entry of the map), so its output is the key's payload.
        return useCase(caller, parsed.data as PayloadOut<App, Key>);
      });
    };
  };
  const specs = Object.entries(app.resolvers) as [ResolverKey<App>, ResolverSpec][];
  return Object.fromEntries(specs.map(([key, spec]) => [key, handlerFor(key, spec.payload)])) as ResolverHandlers<App>;
};
