import { z } from 'zod';

/**
 * A changelog item names its new value `toString`, which every object inherits as a function;
 * only the item's own properties are read, and the new value is renamed `toText`.
 */
const ownChangelogFields = (item: unknown): unknown => {
  if (item === null || typeof item !== 'object') return item;
  const own = (key: string): unknown => (Object.hasOwn(item, key) ? (item as Record<string, unknown>)[key] : undefined);
  return { field: own('field'), fieldId: own('fieldId'), fromString: own('fromString'), toText: own('toString') };
};

const changelogItemSchema = z.object({
  field: z.string().optional(),
  fieldId: z.string().optional(),
  fromString: z.string().nullable().optional(),
  toText: z.string().nullable().optional(),
});

/** `avi:jira:created:issue` / `avi:jira:updated:issue`: only what the trigger reads. */
export const issueEventSchema = z.object({
  eventType: z.string(),
  timestamp: z.union([z.number(), z.string()]).optional(),
  atlassianId: z.string().optional(),
  issue: z.object({ id: z.string().min(1), key: z.string().min(1) }).loose(),
  changelog: z
    .object({
      items: z.array(z.preprocess(ownChangelogFields, changelogItemSchema)),
    })
    .loose()
    .optional(),
});
export type IssueEvent = z.infer<typeof issueEventSchema>;
