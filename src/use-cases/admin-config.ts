import { z } from 'zod';
import type { AdminCode } from '../contracts/resolvers';
import {
  configProblems,
  CURRENT_CONFIG_VERSION,
  parseConfigInput,
  parseStoredConfig,
  type ConfigErrorCode,
  type StoredConfig,
} from '../contracts/app-config.schema';
import { DEFAULT_CONFIG, type AppConfig } from '../domain/app-config';
import { stampLibrary } from '../domain/messaging-library';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { MAX_VALUE_BYTES, serializedSize, storageKeys, type AppStore } from './ports';
import type { JiraApi } from './jira-port';
import { keepUnreadable, revisionOfUnreadable } from './unreadable-values';
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

const viewOf = async (
  deps: AdminDeps,
  stored: StoredConfig,
  audit: readonly ConfigChange[],
  unreadable = false,
): Promise<AdminConfigView> => {
  const changes = [...audit].reverse().slice(0, 20);
  const { config } = stored;
  const people = await namesOf(deps, [
    ...changes.map((change) => change.by),
    ...peopleNamedIn(config).map((named) => named.accountId),
    ...config.messagingLibrary.map((claim) => claim.approvedBy),
  ]);
  return { stored, changes, people, ...(unreadable ? { unreadable } : {}) };
};

/** Each account a configuration gives a role or a routing rule, with the field it is in (by path, as problems are). */
const peopleNamedIn = (config: AppConfig): { readonly path: readonly PropertyKey[]; readonly accountId: string }[] => [
  ...config.roles.triageLeads.map((accountId, index) => ({ path: ['roles', 'triageLeads', index], accountId })),
  ...config.roles.approvers.flatMap((role, roleIndex) =>
    role.members.map((accountId, index) => ({ path: ['roles', 'approvers', roleIndex, 'members', index], accountId })),
  ),
  ...(config.roles.figureReporters ?? []).map((accountId, index) => ({ path: ['roles', 'figureReporters', index], accountId })),
  ...config.routing.flatMap((rule, ruleIndex) => [
    { path: ['routing', ruleIndex, 'assigneeId'], accountId: rule.assigneeId },
    ...(rule.alternates ?? []).map((accountId, index) => ({ path: ['routing', ruleIndex, 'alternates', index], accountId })),
  ]),
];

/** Accounts asked of Jira per call: the most `peopleNames` names at once. */
const NAMES_PER_CALL = 50;

/**
 * The accounts a submitted configuration names anew that are no person's Jira knows (unknown, or an app's), each by the field naming them: a role held
 * by nobody would count for no one, and a routing rule would assign to no one. Jira's bulk user lookup leaves out an
 * account id it does not know (GET /rest/api/3/user/bulk answers 200 with the users it found; its spec lists no 404).
 * People the stored configuration already names are not asked about again: one who has since left the site stays
 * until an admin removes them.
 */
const unknownPeople = async (jira: JiraApi, before: AppConfig, after: AppConfig) => {
  const kept = new Set(peopleNamedIn(before).map((named) => named.accountId));
  const added = peopleNamedIn(after).filter((named) => !kept.has(named.accountId));
  const asked = [...new Set(added.map((named) => named.accountId))];
  const known = new Set<string>();
  for (let start = 0; start < asked.length; start += NAMES_PER_CALL) {
    const names = await jira.peopleNames(asked.slice(start, start + NAMES_PER_CALL));
    if (!names.ok) return names;
    for (const accountId of names.value.keys()) known.add(accountId);
  }
  return ok(
    added
      .filter((named) => !known.has(named.accountId))
      .map(({ path, accountId }) => ({
        path,
        message: `"${accountId}" is not a person's account on this Jira site; pick people by name`,
      })),
  );
};

/**
 * What Jira finds wrong with the metrics query, when the save changes it: the hourly refresh and reminders run it as the
 * app, and a query Jira cannot run stopped them every hour with nothing said on the admin page. A query kept as it was
 * is not asked again (on a new site the default names an issue type Set up project has not made yet).
 */
const metricsJqlProblem = async (jira: JiraApi, before: AppConfig | null, after: AppConfig) => {
  if (before?.metricsJql === after.metricsJql) return ok(null);
  const problems = await jira.jqlProblems(after.metricsJql);
  if (!problems.ok) return problems;
  return ok(problems.value.length === 0 ? null : `Jira cannot run this query: ${problems.value.join('; ')}`);
};

const AUDIT_LENGTH = 200;
const configChangeSchema = z.object({ at: z.string(), by: z.string(), revision: z.number(), changed: z.array(z.string()) });
/** The configuration audit, entry by entry: one unreadable entry is dropped, not the whole audit on the next save. */
const auditOf = (raw: unknown): ConfigChange[] =>
  (Array.isArray(raw) ? (raw as unknown[]) : []).flatMap((entry) => {
    const parsed = configChangeSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });

/**
 * Only Jira admins use the admin page; asked of Jira, never taken from the browser. Checked once for every admin
 * resolver where they are wired (`adminOnlyHandlers`), not in each use case.
 */
export const requireJiraAdmin = async (deps: AdminDeps, accountId: string): Promise<Result<void, Failure<AdminCode>>> => {
  const admin = await deps.jira.isJiraAdmin(accountId);
  if (!admin.ok) return admin;
  return admin.value ? ok(undefined) : failure('PERMISSION.NOT_ADMIN', 'only Jira admins can see and change the Flight Plan configuration');
};

/**
 * The stored configuration as an admin edits it. One that does not read (every gate then blocks) is offered as the
 * defaults at the revision it would be replaced from, marked `unreadable`: saving replaces it, and keeps it. One a newer
 * version of the app saved is refused, never replaced by the defaults: it is readable, by the version that wrote it.
 */
const readStored = async (store: AppStore) => {
  const values = await store.getMany([storageKeys.config, storageKeys.configAudit]);
  const raw = values.get(storageKeys.config);
  const parsed = parseStoredConfig(raw);
  const audit = auditOf(values.get(storageKeys.configAudit));
  if (parsed.ok) return ok({ stored: parsed.value, unreadable: null, audit });
  if (parsed.error.code === 'CONFIG.FUTURE_VERSION') return parsed;
  const revision = await revisionOfUnreadable(store, storageKeys.config, raw);
  const stored: StoredConfig = { schemaVersion: CURRENT_CONFIG_VERSION, revision, config: DEFAULT_CONFIG };
  return ok({ stored, unreadable: { raw }, audit });
};

export const readAdminConfig = async (deps: AdminDeps): Promise<Result<AdminConfigView, Failure<AdminCode | ConfigErrorCode>>> => {
  const read = await readStored(deps.store);
  if (!read.ok) return read;
  const { stored, unreadable, audit } = read.value;
  return ok(await viewOf(deps, stored, audit, unreadable !== null));
};

/** What the configuration audit says of an unreadable configuration replaced: by whom and when is in the entry. */
const REPLACED_UNREADABLE = 'the whole configuration, replacing one that could not be read (it is kept)';

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
 * An unreadable stored configuration is replaced, kept under its own key in the same commit.
 */
export const saveAdminConfig = async (
  deps: AdminDeps,
  accountId: string,
  request: { readonly config: unknown; readonly expectedRevision: number },
): Promise<Result<AdminConfigView, Failure<AdminCode | ConfigErrorCode | 'CONFIG.STALE' | 'CONFIG.TOO_LARGE'>>> => {
  const config = parseConfigInput(request.config);
  if (!config.ok) return config;

  const read = await readStored(deps.store);
  if (!read.ok) return read;
  const { stored, unreadable, audit } = read.value;
  if (stored.revision !== request.expectedRevision) return configSavedSinceOpened();
  const submitted: AppConfig = {
    ...config.value,
    messagingLibrary: stampLibrary(unreadable ? [] : stored.config.messagingLibrary, config.value.messagingLibrary, accountId, deps.now),
  };
  const changed = unreadable ? [REPLACED_UNREADABLE] : changedParts(stored.config, submitted);
  if (changed.length === 0) return ok(await viewOf(deps, stored, audit));
  const jql = await metricsJqlProblem(deps.jira, unreadable ? null : stored.config, submitted);
  if (!jql.ok) return jql;
  if (jql.value !== null) return configProblems([{ path: ['metricsJql'], message: jql.value }]);
  const unknown = await unknownPeople(deps.jira, stored.config, submitted);
  if (!unknown.ok) return unknown;
  if (unknown.value.length > 0) return configProblems(unknown.value);
  const next: StoredConfig = { schemaVersion: CURRENT_CONFIG_VERSION, revision: stored.revision + 1, config: submitted };
  if (serializedSize(next) > MAX_VALUE_BYTES)
    return failure('CONFIG.TOO_LARGE', 'the configuration is over the 240 KiB storage limit; shorten the lexicon or the routing rules');
  const entry: ConfigChange = { at: deps.now.toISOString(), by: accountId, revision: next.revision, changed };
  const nextAudit = [...audit, entry].slice(-AUDIT_LENGTH);
  // The configuration commits only from the revision read, with its audit: of two admins saving at once, one is refused.
  const outcome = await deps.store.commit({
    guarded: [{ key: storageKeys.config, value: next, readRevision: stored.revision, revision: next.revision }],
    plain: new Map([
      [storageKeys.configAudit, nextAudit],
      ...(unreadable ? [keepUnreadable(storageKeys.config, stored.revision, unreadable.raw)] : []),
    ]),
  });
  if (outcome === 'conflict') return configSavedSinceOpened();
  return ok(await viewOf(deps, next, nextAudit));
};
