import { z } from 'zod';
import { parseStoredConfig, type ConfigErrorCode } from '../contracts/app-config.schema';
import type { AdminCode, RequestSearchCode } from '../contracts/resolvers';
import { GATE_ITEM_CODES } from '../domain/gates/gate-items';
import {
  APPROVAL_EVENT_KINDS,
  auditQuartersToPrune,
  isQuarter,
  previousQuarter,
  quarterlyAudit,
  quarterRange,
  type ApprovalEvent,
  type GateBlock,
  type LibraryUseEvent,
  type Quarter,
} from '../domain/quarterly-audit';
import { ok, type Failure, type Result } from '../domain/result';
import { namesOf, type AdminDeps } from './admin-config';
import { storageKeys, type AppStore } from './ports';
import { readAllHistories } from './refresh-metrics';
import { launchedRequestsSince, readCampaignSnapshots, requestsWithIds } from './outcomes';
import { toCalendarDate } from '../domain/business-days';
import { stageLookup } from '../domain/metrics/workflow-metrics';
import { launchDateOf } from '../domain/outcomes/outcomes';
import type { AuditView } from '../contracts/views/admin';

const blockSchema = z.object({ gate: z.string(), items: z.array(z.enum(GATE_ITEM_CODES)) });
const libraryUseSchema = z.object({ key: z.string(), claimIds: z.array(z.string()), hitsResolved: z.number().int().min(0) });
const approvalEventSchema = z.object({
  key: z.string(),
  kind: z.enum(APPROVAL_EVENT_KINDS),
  role: z.string(),
  at: z.iso.datetime(),
  waitedMs: z.number().min(0).nullable(),
});
const decisionSchema = z.object({ key: z.string(), by: z.string(), at: z.string(), action: z.string(), detail: z.string() });

/** `gateblock:<quarter>:<issueId>:<at>[:<gate and items>]` → the block; unreadable entries are skipped. */
const blocksIn = (entries: ReadonlyMap<string, unknown>): GateBlock[] =>
  [...entries].flatMap(([key, value]) => {
    const [, , issueId, at] = key.split(':');
    const parsed = blockSchema.safeParse(value);
    return parsed.success && issueId && Number.isFinite(Number(at)) ? [{ issueId, at: Number(at), items: parsed.data.items }] : [];
  });

/** `libraryuse:<quarter>:<issueId>:<at>` → the use; unreadable entries are skipped. */
const libraryUsesIn = (entries: ReadonlyMap<string, unknown>): LibraryUseEvent[] =>
  [...entries].flatMap(([key, value]) => {
    const at = Number(key.split(':')[3]);
    const parsed = libraryUseSchema.safeParse(value);
    return parsed.success && Number.isFinite(at) ? [{ ...parsed.data, at }] : [];
  });

/** The quarterly workflow audit for a Jira admin: histories, records and gate refusals, one quarter against the one before. */

/** What one `approvalevent:` key holds: every event of one record write, or (a reminder's, or as stored before) one event. */
const storedApprovalEventsSchema = z.union([
  z.object({ events: z.array(approvalEventSchema) }).transform((stored) => stored.events),
  approvalEventSchema.transform((event) => [event]),
]);

/** `approvalevent:<quarter>:<issueId>:<id>` → its events, with the keys that do not read counted. */
const approvalEventsIn = (entries: ReadonlyMap<string, unknown>): { events: ApprovalEvent[]; unreadable: number } => {
  const events: ApprovalEvent[] = [];
  let unreadable = 0;
  for (const value of entries.values()) {
    const parsed = storedApprovalEventsSchema.safeParse(value);
    if (parsed.success) events.push(...parsed.data);
    else unreadable++;
  }
  return { events, unreadable };
};

export const loadQuarterlyAudit = async (
  deps: AdminDeps,
  quarter: Quarter,
): Promise<Result<AuditView, Failure<AdminCode | ConfigErrorCode | RequestSearchCode>>> => {
  const config = parseStoredConfig((await deps.store.getMany([storageKeys.config])).get(storageKeys.config));
  if (!config.ok) return config;
  const previous = previousQuarter(quarter);
  // Only the two quarters' own entries are read, however many requests the site has.
  const [histories, blocksNow, blocksBefore, decisionsNow, decisionsBefore, usesNow, usesBefore, approvalsNow, approvalsBefore] =
    await Promise.all([
      readAllHistories(deps.store),
      deps.store.list(storageKeys.gateBlocksOf(quarter)),
      deps.store.list(storageKeys.gateBlocksOf(previous)),
      deps.store.list(storageKeys.governanceOf(quarter)),
      deps.store.list(storageKeys.governanceOf(previous)),
      deps.store.list(storageKeys.libraryUseOf(quarter)),
      deps.store.list(storageKeys.libraryUseOf(previous)),
      deps.store.list(storageKeys.approvalEventsOf(quarter)),
      deps.store.list(storageKeys.approvalEventsOf(previous)),
    ]);
  const decisions = [...decisionsNow.values(), ...decisionsBefore.values()].flatMap((value) => {
    const parsed = decisionSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
  const blocks = [...blocksIn(blocksNow), ...blocksIn(blocksBefore)];
  const libraryUses = [...libraryUsesIn(usesNow), ...libraryUsesIn(usesBefore)];
  const approvals = [approvalEventsIn(approvalsNow), approvalEventsIn(approvalsBefore)];
  const approvalEvents = approvals.flatMap((read) => read.events);
  const stored = [blocksNow, blocksBefore, decisionsNow, decisionsBefore, usesNow, usesBefore].reduce(
    (sum, entries) => sum + entries.size,
    0,
  );
  const unreadableEntries =
    stored - blocks.length - decisions.length - libraryUses.length + approvals.reduce((sum, read) => sum + read.unreadable, 0);
  // The outcomes of the requests first launched in either quarter: their success metrics asked of Jira, their records read.
  const now = deps.now.getTime();
  const stageOf = stageLookup(config.value.config.statusMap);
  const since = toCalendarDate(new Date(quarterRange(previous).start));
  const launchedIds = histories.flatMap((history) => ((launchDateOf(history, stageOf, now) ?? '') >= since ? [history.id] : []));
  const found = await requestsWithIds(deps.jira, launchedIds);
  if (!found.ok) return found;
  const outcomeRequests = await launchedRequestsSince(
    deps.store,
    histories,
    found.value,
    stageOf,
    now,
    since,
    config.value.config.indicators,
  );
  // Only the campaigns of the requests judged are read, however many the site keeps.
  const snapshots = await readCampaignSnapshots(
    deps.store,
    outcomeRequests.map((request) => request.campaign),
  );
  const audit = quarterlyAudit(
    { histories, decisions, blocks, libraryUses, approvalEvents, outcomeRequests, snapshots },
    config.value.config,
    quarter,
    now,
  );
  const people = await namesOf(
    deps,
    [...audit.current.tierDowngrades, ...audit.current.waivers].map((event) => event.by),
  );
  const roleLabels = Object.fromEntries(config.value.config.roles.approvers.map((role) => [role.key, role.label]));
  return ok({ audit, unreadableEntries, people, roleLabels });
};

/** The key families the quarterly audit keeps by quarter. */
const auditPrefixesOf = (quarter: Quarter): string[] => [
  storageKeys.gateBlocksOf(quarter),
  storageKeys.governanceOf(quarter),
  storageKeys.libraryUseOf(quarter),
  storageKeys.approvalEventsOf(quarter),
];

/** Keys one prune deletes at most, so an hourly run stays short; the rest go on the next run. */
const MAX_PRUNED_KEYS_PER_RUN = 250;

/**
 * Deletes the audit entries of the quarters past those kept (AUDIT_QUARTERS_KEPT), oldest first, so the audit's key
 * families stay bounded by the quarters kept. A quarter counts as pruned once none of its keys is left. Answers how many
 * keys went.
 */
export const pruneOldAuditQuarters = async (store: AppStore, now: Date): Promise<number> => {
  const marker = (await store.getMany([storageKeys.auditPrunedThrough])).get(storageKeys.auditPrunedThrough);
  let deleted = 0;
  for (const quarter of auditQuartersToPrune(now, typeof marker === 'string' && isQuarter(marker) ? marker : null)) {
    const families = await Promise.all(auditPrefixesOf(quarter).map((prefix) => store.list(prefix)));
    const keys = families.flatMap((entries) => [...entries.keys()]);
    const share = keys.slice(0, MAX_PRUNED_KEYS_PER_RUN - deleted);
    if (share.length > 0) await store.deleteMany(share);
    deleted += share.length;
    if (share.length < keys.length) break;
    await store.set(storageKeys.auditPrunedThrough, quarter);
  }
  return deleted;
};
