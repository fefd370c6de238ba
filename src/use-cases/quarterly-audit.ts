import { z } from 'zod';
import { parseStoredConfig } from '../contracts/app-config.schema';
import { parseStoredRecord } from '../contracts/flight-plan-record.schema';
import { GATE_ITEM_CODES } from '../domain/gates/gate-items';
import { isQuarter, previousQuarter, quarterlyAudit, type GateBlock, type Quarter, type QuarterlyAudit } from '../domain/quarterly-audit';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { requireJiraAdmin, type AdminDeps } from './admin-config';
import { storageKeys } from './ports';
import { readAllHistories } from './refresh-metrics';

const blockSchema = z.object({ gate: z.string(), items: z.array(z.enum(GATE_ITEM_CODES)) });

/** `gateblock:<quarter>:<issueId>:<at>` → the block; unreadable entries are skipped. */
const blocksIn = (entries: ReadonlyMap<string, unknown>): GateBlock[] =>
  [...entries].flatMap(([key, value]) => {
    const [, , issueId, at] = key.split(':');
    const parsed = blockSchema.safeParse(value);
    return parsed.success && issueId && Number.isFinite(Number(at)) ? [{ issueId, at: Number(at), items: parsed.data.items }] : [];
  });

export interface AuditView {
  readonly audit: QuarterlyAudit;
  /** Stored records that could not be read, and were left out. */
  readonly unreadableRecords: number;
}

/** The quarterly workflow audit for a Jira admin: histories, records and gate refusals, one quarter against the one before. */
export const loadQuarterlyAudit = async (deps: AdminDeps, accountId: string, payload: unknown): Promise<Result<AuditView, Failure>> => {
  const quarter = (payload as { quarter?: unknown } | null)?.quarter;
  if (typeof quarter !== 'string' || !isQuarter(quarter)) return failure('PAYLOAD.INVALID', 'audit/get: quarter must be like 2026-Q3');
  const allowed = await requireJiraAdmin(deps, accountId);
  if (!allowed.ok) return allowed;
  const config = parseStoredConfig((await deps.store.getMany([storageKeys.config])).get(storageKeys.config));
  if (!config.ok) return config;
  const [histories, recordEntries, blocksNow, blocksBefore] = await Promise.all([
    readAllHistories(deps.store),
    deps.store.list('record:'),
    deps.store.list(storageKeys.gateBlocksOf(quarter)),
    deps.store.list(storageKeys.gateBlocksOf(previousQuarter(quarter as Quarter))),
  ]);
  let unreadableRecords = 0;
  const records = [...recordEntries].flatMap(([key, value]) => {
    const parsed = parseStoredRecord(value, key.slice('record:'.length));
    if (!parsed.ok) unreadableRecords++;
    return parsed.ok ? [parsed.value] : [];
  });
  const audit = quarterlyAudit({ histories, records, blocks: [...blocksIn(blocksNow), ...blocksIn(blocksBefore)] }, config.value.config, quarter as Quarter, deps.now.getTime());
  return ok({ audit, unreadableRecords });
};
