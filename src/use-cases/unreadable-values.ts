import { RETIRED_REVISION, storageKeys, type AppStore } from './ports';

/**
 * The revision to replace an unreadable value from: the one its guard last committed, or the one the value still says
 * when that is higher (a value written before guards existed). A replacement commits from it, so a writer who got there
 * first makes it a conflict rather than being overwritten. A stated revision from which the replacement would commit at
 * or past RETIRED_REVISION (the most a guard holds, and the mark of a key gone for good) is ignored, as the rest of an
 * unreadable value is: the store would refuse the commit every time, or retire the key, and the value could never be
 * repaired.
 */
export const revisionOfUnreadable = async (store: AppStore, key: string, raw: unknown): Promise<number> => {
  const guarded = (await store.committedRevisions([key])).get(key) ?? 0;
  const said = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['revision'] : undefined;
  return typeof said === 'number' && Number.isSafeInteger(said) && said > guarded && said < RETIRED_REVISION - 1 ? said : guarded;
};

/** The write that keeps an unreadable value, beside the commit that replaces it: nothing is lost by repairing it. */
export const keepUnreadable = (key: string, revision: number, raw: unknown): [string, unknown] => [
  storageKeys.unreadableKept(key, revision),
  raw,
];
