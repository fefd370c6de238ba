import { z } from 'zod';
import type { StageChange } from '../domain/stage-log';
import { STAGES } from '../domain/stages';

/** The stored stage log of an issue (`stagelog:<issueId>`), written by the issue-changed trigger. */
export const stageLogSchema = z.array(
  z.object({
    at: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string(),
    fromStage: z.enum(STAGES).nullable(),
    toStage: z.enum(STAGES).nullable(),
    by: z.string().nullable(),
  }),
) satisfies z.ZodType<readonly StageChange[]>;
