import { z } from 'zod';
import { EMPTY_STAGE_LOG, MAX_FIRST_ENTRIES, stageLogOf, type StageChange, type StageLog } from '../domain/stage-log';
import { STAGES } from '../domain/stages';

const stageChangeSchema = z.object({
  at: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  fromStage: z.enum(STAGES).nullable(),
  toStage: z.enum(STAGES).nullable(),
  by: z.string().nullable(),
}) satisfies z.ZodType<StageChange>;

const count = z.number().int().min(0);

/** Version 2 (`stagelog:<issueId>`): bounded, with the revision its guarded write committed. */
const storedStageLogSchema = z.object({
  schemaVersion: z.literal(2),
  revision: count,
  changes: z.array(stageChangeSchema),
  earlier: z.object({
    count,
    revisions: count,
    qaReturns: count,
    lastEntries: z.partialRecord(z.enum(STAGES), z.string()),
    // A log folded before first entries were kept has none: its launch date rests on what it kept, as it did.
    firstEntries: z.array(stageChangeSchema).max(MAX_FIRST_ENTRIES).default([]),
  }),
});

const STAGE_LOG_VERSION = 2;

/** A stage log as stored: the log, and the revision the trigger's guarded append read (0 before guards). */
interface StoredStageLog {
  readonly log: StageLog;
  readonly revision: number;
}

/** The value a guarded append stores. */
export const storedStageLog = (log: StageLog, revision: number) => ({ schemaVersion: STAGE_LOG_VERSION, revision, ...log });

/**
 * Reads a stored stage log: nothing stored is an empty log; version 1 was a bare array of changes (unbounded, written
 * without a guard); null when unreadable.
 */
export const parseStageLog = (raw: unknown): StoredStageLog | null => {
  if (raw === undefined || raw === null) return { log: EMPTY_STAGE_LOG, revision: 0 };
  if (Array.isArray(raw)) {
    const changes = z.array(stageChangeSchema).safeParse(raw);
    return changes.success ? { log: stageLogOf(changes.data), revision: 0 } : null;
  }
  const stored = storedStageLogSchema.safeParse(raw);
  return stored.success ? { log: { changes: stored.data.changes, earlier: stored.data.earlier }, revision: stored.data.revision } : null;
};

/** The log for readers that judge with it: an unreadable one reads as no history (no reminder rather than a wrong one). */
export const readableStageLog = (raw: unknown): StageLog => parseStageLog(raw)?.log ?? EMPTY_STAGE_LOG;
