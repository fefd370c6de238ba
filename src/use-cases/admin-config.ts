import { z } from 'zod';
import { CURRENT_CONFIG_VERSION, parseConfigInput, parseStoredConfig, type StoredConfig } from '../contracts/app-config.schema';
import { describeZodError } from '../contracts/zod-errors';
import type { AppConfig } from '../domain/app-config';
import { stampLibrary } from '../domain/messaging-library';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { MAX_VALUE_BYTES, serializedSize, storageKeys, type AppStore } from './ports';
import type { JiraApi } from './jira-port';
import type { ConfigChange, AdminConfigView } from '../contracts/views/admin';

export interface AdminDeps {
  readonly jira: JiraApi;
  readonly store: AppStore;
  readonly now: Date;
}

/** Names for account IDs, or none when Jira cannot give them: names are for reading only. */
export const namesOf = async (deps: AdminDeps, accountIds: readonly string[]): Promise<Readonly<Record<string, string>>> => {
  const names = await deps.jira.displayNames(accountIds);
  return names.ok ? Object.fromEntries(names.value) : {};
};

const viewOf = async (deps: AdminDeps, stored: StoredConfig, audit: readonly ConfigChange[]): Promise<AdminConfigView> => {
  const changes = [...audit].reverse().slice(0, 20);
  const { config } = stored;
  const people = await namesOf(deps, [
    ...changes.map((change) => change.by),
    ...config.roles.triageLeads,
    ...config.roles.approvers.flatMap((role) => role.members),
    ...config.routing.map((rule) => rule.assigneeId),
    ...config.messagingLibrary.map((claim) => claim.approvedBy),
  ]);
  return { stored, changes, people };
};

const AUDIT_LENGTH = 200;
const configChangeSchema = z.object({ at: z.string(), by: z.string(), revision: z.number(), changed: z.array(z.string()) });
const auditSchema = z.array(configChangeSchema).catch([]);

const saveSchema = z.object({ config: z.unknown(), expectedRevision: z.number().int().min(0) });

/** Only Jira admins read or write the configuration; asked of Jira, never taken from the browser. */
export const requireJiraAdmin = async (deps: AdminDeps, accountId: string): Promise<Result<void, Failure>> => {
  const admin = await deps.jira.isJiraAdmin(accountId);
  if (!admin.ok) return admin;
  return admin.value ? ok(undefined) : failure('PERMISSION.NOT_ADMIN', 'only Jira admins can see and change the Flight Plan configuration');
};

const readStored = async (store: AppStore) => {
  const values = await store.getMany([storageKeys.config, storageKeys.configAudit]);
  return { stored: parseStoredConfig(values.get(storageKeys.config)), audit: auditSchema.parse(values.get(storageKeys.configAudit) ?? []) };
};

export const readAdminConfig = async (deps: AdminDeps, accountId: string): Promise<Result<AdminConfigView, Failure>> => {
  const allowed = await requireJiraAdmin(deps, accountId);
  if (!allowed.ok) return allowed;
  const { stored, audit } = await readStored(deps.store);
  if (!stored.ok) return stored;
  return ok(await viewOf(deps, stored.value, audit));
};

const changedParts = (before: AppConfig, after: AppConfig): string[] =>
  (Object.keys(after) as (keyof AppConfig)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));

const configSavedSinceOpened = () =>
  failure(
    'CONFIG.STALE',
    'another admin saved the configuration since you opened it; reload it to see their change, then make yours again',
  );

/**
 * Saves a configuration an admin edited: validated field by field, refused when someone saved
 * since the admin loaded it (their revision is stale), and recorded in the configuration audit.
 */
export const saveAdminConfig = async (deps: AdminDeps, accountId: string, payload: unknown): Promise<Result<AdminConfigView, Failure>> => {
  const request = saveSchema.safeParse(payload);
  if (!request.success) return failure('PAYLOAD.INVALID', `config/save: ${describeZodError(request.error)}`);
  const allowed = await requireJiraAdmin(deps, accountId);
  if (!allowed.ok) return allowed;
  const config = parseConfigInput(request.data.config);
  if (!config.ok) return config;

  const { stored, audit } = await readStored(deps.store);
  if (!stored.ok) return stored;
  if (stored.value.revision !== request.data.expectedRevision) return configSavedSinceOpened();
  const submitted: AppConfig = {
    ...config.value,
    messagingLibrary: stampLibrary(stored.value.config.messagingLibrary, config.value.messagingLibrary, accountId, deps.now),
  };
  const changed = changedParts(stored.value.config, submitted);
  if (changed.length === 0) return ok(await viewOf(deps, stored.value, audit));
  const next: StoredConfig = { schemaVersion: CURRENT_CONFIG_VERSION, revision: stored.value.revision + 1, config: submitted };
  if (serializedSize(next) > MAX_VALUE_BYTES)
    return failure('CONFIG.TOO_LARGE', 'the configuration is over the 240 KiB storage limit; shorten the lexicon or the routing rules');
  const entry: ConfigChange = { at: deps.now.toISOString(), by: accountId, revision: next.revision, changed };
  const nextAudit = [...audit, entry].slice(-AUDIT_LENGTH);
  // The configuration commits only from the revision read, with its audit: of two admins saving at once, one is refused.
  const outcome = await deps.store.commit({
    guarded: [{ key: storageKeys.config, value: next, readRevision: stored.value.revision, revision: next.revision }],
    plain: new Map([[storageKeys.configAudit, nextAudit]]),
  });
  if (outcome === 'conflict') return configSavedSinceOpened();
  return ok(await viewOf(deps, next, nextAudit));
};
