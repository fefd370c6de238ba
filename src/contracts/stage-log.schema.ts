import { z } from 'zod';
import { EMPTY_STAGE_LOG, stageLogOf, type StageChange, type StageLog } from '../domain/stage-log';
import { STAGES } from '../domain/stages';
import { isRealInstant } from './dates';

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
    // Kept since detours were seen through; a log folded before has none, and its first kept change starts the count.
    lastTrack: z.enum(STAGES).optional(),
    // `firstEntries`, which earlier versions kept for the panel's launch date, is let go: that date is read from Jira.
  }),
});

const STAGE_LOG_VERSION = 2;

/** A stage log as stored: the log, and the revision the trigger's guarded append read (0 before guards). */
interface StoredStageLog {
  readonly log: StageLog;
  readonly revision: number;
  /** How many of its dates were set aside as unreal: the value as stored is then kept when the log is next written. */
  readonly setAside: number;
}

const datesIn = (log: StageLog): number => log.changes.length + Object.keys(log.earlier.lastEntries).length;

/**
 * The log without the dates no clock can use (`+275760-09-12T23:30Z`, the last instant a Date holds, where adding an
 * hour throws; or one that is no date at all): they are set aside, so one bad entry breaks nothing beyond itself.
 * Every reader judges by the rest (a launch is dated by the entries that read), and the trigger's next append keeps
 * the value as stored beside the log it writes, as it keeps a log that does not read at all.
 */
const withRealDates = (log: StageLog, revision: number): StoredStageLog => {
  const real = (change: StageChange) => isRealInstant(change.at);
  const kept: StageLog = {
    changes: log.changes.filter(real),
    earlier: {
      ...log.earlier,
      lastEntries: Object.fromEntries(Object.entries(log.earlier.lastEntries).filter(([, at]) => isRealInstant(at))),
    },
  };
  const setAside = datesIn(log) - datesIn(kept);
  return { log: setAside === 0 ? log : kept, revision, setAside };
};

/** The value a guarded append stores. */
export const storedStageLog = (log: StageLog, revision: number) => ({ schemaVersion: STAGE_LOG_VERSION, revision, ...log });

/**
 * Reads a stored stage log: nothing stored is an empty log; version 1 was a bare array of changes (unbounded, written
 * without a guard); null when unreadable. Entries with an unreal date are set aside (`withRealDates`).
 */
export const parseStageLog = (raw: unknown): StoredStageLog | null => {
  if (raw === undefined || raw === null) return { log: EMPTY_STAGE_LOG, revision: 0, setAside: 0 };
  if (Array.isArray(raw)) {
    const changes = z.array(stageChangeSchema).safeParse(raw);
    return changes.success ? withRealDates(stageLogOf(changes.data), 0) : null;
  }
  const stored = storedStageLogSchema.safeParse(raw);
  return stored.success ? withRealDates({ changes: stored.data.changes, earlier: stored.data.earlier }, stored.data.revision) : null;
};

/** The log for readers that judge with it: an unreadable one reads as no history (no reminder rather than a wrong one). */
export const readableStageLog = (raw: unknown): StageLog => parseStageLog(raw)?.log ?? EMPTY_STAGE_LOG;
