import { z } from 'zod';
import { describeZodError } from '../contracts/zod-errors';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { STAGES, type Stage } from '../domain/stages';

/**
 * `--stages stages.json`: `{"In Review": "qa", "On Hold": "waiting"}`, your own status names by stage. Its own module, so
 * that the command loads zod only when it is given one (loading zod takes about a tenth of a second).
 */
const stagesFileSchema = z.record(z.string().min(1), z.enum(STAGES));

export const stageOverridesOf = (json: unknown): Result<Record<string, Stage>, Failure<'STAGES.INVALID'>> => {
  const parsed = stagesFileSchema.safeParse(json);
  return parsed.success ? ok(parsed.data) : failure('STAGES.INVALID', describeZodError(parsed.error));
};
