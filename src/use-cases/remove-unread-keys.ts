import { storageKeys, type AppStore } from './ports';

/**
 * Removes what earlier versions left under keys nothing reads any more (`storageKeys.unreadKeys`), value and revision
 * guard alike, so an old site keeps none of it for good. Bounded (two keys) and idempotent: each hourly run reads both
 * keys and their guards, and deletes only while something of them is left. Answers how many keys held something.
 */
export const removeUnreadKeys = async (store: AppStore): Promise<number> => {
  const keys = storageKeys.unreadKeys;
  const [values, revisions] = await Promise.all([store.getMany(keys), store.committedRevisions(keys)]);
  const held = keys.filter((key) => values.has(key) || (revisions.get(key) ?? 0) > 0);
  if (held.length > 0) await store.deleteWithRevisions(held);
  return held.length;
};
