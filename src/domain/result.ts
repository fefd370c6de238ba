/**
 * Expected failures travel as values; only broken invariants are thrown.
 * Codes are namespaced string literals (`'RECORD.NOT_FOUND'`) so callers branch on them, never on text.
 */
type Ok<T> = { readonly ok: true; readonly value: T };
type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

/** A failure the user can act on: a stable code plus a sentence that names the problem. */
export interface Failure<C extends string = string> {
  readonly code: C;
  readonly message: string;
}

export const failure = <C extends string>(code: C, message: string): Err<Failure<C>> => err({ code, message });
