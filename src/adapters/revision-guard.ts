/**
 * The custom entity (manifest.yml, `app.storage.entities`) that holds the revision last committed under a key.
 * KVS transactions take conditions on custom entities only (developer.atlassian.com/platform/forge/storage-reference/
 * transactions-entities/), so a guarded write sets the plain value and its guard in one transaction, on condition that
 * the guard has not moved past the revision the writer read. No Forge import here: the sandbox's seed uses it too.
 */
export const GUARD_ENTITY = 'revision-guard';
export const guardKey = (key: string): string => `rev:${key}`;
