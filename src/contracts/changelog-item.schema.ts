import { z } from 'zod';

/**
 * A Jira changelog item (in events, `expand=changelog` and changelog/bulkfetch). Jira names the
 * new value `toString`, which every object inherits as a function; only the item's own
 * properties are read, and the new value is renamed `toText`.
 */
const ownChangelogFields = (item: unknown): unknown => {
  if (item === null || typeof item !== 'object') return item;
  const own = (key: string): unknown => (Object.hasOwn(item, key) ? (item as Record<string, unknown>)[key] : undefined);
  return { field: own('field'), fieldId: own('fieldId'), fromString: own('fromString'), toText: own('toString') };
};

export const changelogItemSchema = z.preprocess(
  ownChangelogFields,
  z.object({
    field: z.string().optional(),
    fieldId: z.string().optional(),
    fromString: z.string().nullable().optional(),
    toText: z.string().nullable().optional(),
  }),
);

type ChangelogItem = z.infer<typeof changelogItemSchema>;

export const isStatusItem = (item: ChangelogItem): boolean => item.fieldId === 'status' || item.field === 'status';
