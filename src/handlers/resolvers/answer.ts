import type { Envelope } from '../../contracts/resolver-contract';
import type { Failure, Result } from '../../domain/result';
import { StorageError } from '../../use-cases/ports';

type FailureWithFields = Failure & { readonly fields?: Readonly<Record<string, string>> };

/** A use case's result as the envelope every resolver answers with. */
export const toEnvelope = <T>(result: Result<T, FailureWithFields>): Envelope<T> =>
  result.ok
    ? { ok: true, data: result.value }
    : {
        ok: false,
        error: { code: result.error.code, message: result.error.message, ...(result.error.fields ? { fields: result.error.fields } : {}) },
      };

/** What the person reads when the app's storage failed (the store throws a StorageError; Jira's failures are values). */
export const STORAGE_UNAVAILABLE_MESSAGE =
  'Flight Plan could not reach its storage just now, so this was not loaded or saved. Try again in a moment.';
/** What the person reads when anything else was thrown: a defect, which trying again will not mend. */
export const DEFECT_MESSAGE =
  "Flight Plan ran into a problem it did not expect, so this was not loaded or saved. Trying again will not help: ask your Jira admin to look at the app's logs.";

/**
 * Runs a resolver's use case and answers with the envelope, also when it throws: a store that fails to read or write
 * throws a StorageError (KVS is I/O), and an exception from a resolver reaches the Custom UI as a bare rejected `invoke`
 * with no words a person can act on. Anything else thrown is a defect: said as one, not as an outage to wait out. The error is logged in full for the app's logs (`forge logs`); the person gets a plain sentence.
 */
export const answering = async <T>(resolverKey: string, run: () => Promise<Result<T, FailureWithFields>>): Promise<Envelope<T>> => {
  try {
    return toEnvelope(await run());
  } catch (error) {
    console.error(`resolver ${resolverKey} failed`, error);
    return error instanceof StorageError
      ? { ok: false, error: { code: 'STORAGE.UNAVAILABLE', message: STORAGE_UNAVAILABLE_MESSAGE } }
      : { ok: false, error: { code: 'APP.DEFECT', message: DEFECT_MESSAGE } };
  }
};
