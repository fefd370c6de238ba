import { z } from 'zod';
import { realDate } from './dates';
import { INDICATOR_KEY, MAX_METRIC_TARGET } from '../domain/outcomes/catalogue';
import { sha256Base64url } from '../domain/sha256';
import { campaignKeySchema } from './success-metric.schema';
import { campaignSnapshots, type KeptEntry } from '../domain/outcomes/kept-figures';
import type { CampaignSnapshot } from '../domain/outcomes/snapshots';

/** An instant the app stores as `Date.toISOString()` writes it (24 characters), with room; never one a caller sends. */
const MAX_INSTANT_LENGTH = 30;

/** Most figures one campaign keeps: a daily snapshot for over a year, and a bound on the stored value. */
export const MAX_CAMPAIGN_ENTRIES = 500;

const figure = z.number().min(0, 'must not be negative').max(MAX_METRIC_TARGET, 'is too large');

/** One entry of a campaign's figures: cumulative values as of a date, where they came from, who gave them and when. */
export const campaignEntrySchema = z.object({
  date: realDate('the date'),
  values: z.record(z.string().regex(INDICATOR_KEY), figure),
  source: z.string().trim().min(1).max(200),
  by: z.string().max(128).optional(),
  at: z.string().max(MAX_INSTANT_LENGTH),
  /**
   * Whether a person entered it by hand on the panel (true) or a CRM sent it, by an import or the web trigger (false):
   * set by the code path that writes it, never read from a name. Absent on entries stored before it was kept.
   */
  manual: z.boolean().optional(),
  /**
   * For an entry entered by hand, the Jira id of the project of the request it was entered on: those figures stay
   * within that project, whichever requests name the campaign later (`campaignSeenWhole`, panel-commands.ts). Absent on
   * a CRM's entries and on hand entries stored before it was kept.
   */
  projectId: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
});
export type CampaignEntry = z.infer<typeof campaignEntrySchema>;

/** A campaign's stored figures, oldest entry first; the revision guards concurrent writers. */
export const campaignFiguresSchema = z.object({
  campaign: campaignKeySchema,
  revision: z.number().int().min(0),
  entries: z.array(campaignEntrySchema).max(MAX_CAMPAIGN_ENTRIES),
});
export type StoredCampaignFigures = z.infer<typeof campaignFiguresSchema>;

export const CAMPAIGN_KEY_PREFIX = 'crm:';

/** App storage refuses keys over 500 characters (Forge KVS limits: developer.atlassian.com/platform/forge/limits-kvs-ce/). */
const MAX_STORAGE_KEY_LENGTH = 500;

/**
 * The storage key of a campaign's figures. App storage keys allow `[a-zA-Z0-9:._\s-#]` only (Forge
 * KVS key format), and a `utm_campaign` value may hold more, so every other character (and `#`
 * itself) is written `#` and its UTF-8 bytes in hex: two campaigns never share a key. A campaign
 * whose escaped key would pass KVS's 500 characters (200 accented letters escape to 2,400) is keyed
 * by its SHA-256 instead; an escaped key never holds a second `:`, so the two forms never meet.
 * The campaign itself is kept in the value, so nothing reads it back from the key.
 */
export const campaignStorageKey = (campaign: string): string => campaignKeyUnder(CAMPAIGN_KEY_PREFIX, campaign);

/** The campaign's key under a prefix of its own kind of value, escaped as `campaignStorageKey` says. */
const campaignKeyUnder = (prefix: string, campaign: string): string => {
  const escaped = `${prefix}${[...new TextEncoder().encode(campaign)].map((byte) => (/[a-zA-Z0-9._-]/.test(String.fromCharCode(byte)) && byte < 0x80 ? String.fromCharCode(byte) : `#${byte.toString(16).padStart(2, '0')}`)).join('')}`;
  return escaped.length <= MAX_STORAGE_KEY_LENGTH ? escaped : `${prefix}sha256:${sha256Base64url(campaign)}`;
};

/** The most requests a campaign's list keeps; a campaign named by more is taken as shared by people besides any one. */
export const MAX_CAMPAIGN_REQUESTS = 1_000;

/**
 * The requests whose plans have named a campaign, as the app saved them (a request that named it and moved on stays
 * listed: a reader checks each request's record). Kept by the app because the summary property, which Jira can search,
 * is written by anyone who may edit the issue. `full`: a request was left off, so the list is not the whole.
 */
export const campaignRequestsSchema = z.object({
  campaign: campaignKeySchema,
  revision: z.number().int().min(1),
  issueIds: z.array(z.string().min(1).max(20)).max(MAX_CAMPAIGN_REQUESTS),
  full: z.boolean().optional(),
});
export type CampaignRequests = z.infer<typeof campaignRequestsSchema>;

/** Where the requests naming a campaign are listed. */
export const campaignRequestsKey = (campaign: string): string => campaignKeyUnder('campaign-requests:', campaign);

/** How people read that a figure was entered by hand, after where it came from. */
const ENTERED_BY_HAND = ' (entered by hand)';

/**
 * Whether a person entered the entry by hand, rather than a CRM sending it (an import, the web trigger): as its writer
 * set it. An entry stored before that was kept says so only in its source, which then ended in "(entered by hand)"; an
 * import named that way since is a CRM's all the same.
 */
export const isEnteredByHand = (entry: Pick<CampaignEntry, 'source' | 'manual'>): boolean =>
  entry.manual ?? entry.source.endsWith(ENTERED_BY_HAND);

/** Where an entry came from, as the person or the CRM named it: an older hand entry's mark taken off. */
export const sourceOf = (entry: Pick<CampaignEntry, 'source' | 'manual'>): string =>
  entry.manual === undefined && entry.source.endsWith(ENTERED_BY_HAND) ? entry.source.slice(0, -ENTERED_BY_HAND.length) : entry.source;

/** Where an entry came from in words: "Webinar tool (entered by hand)", "Import: crm.csv". */
export const sourceWords = (entry: Pick<CampaignEntry, 'source' | 'manual'>): string =>
  isEnteredByHand(entry) ? `${sourceOf(entry)}${ENTERED_BY_HAND}` : entry.source;

/** A campaign's stored entries as the domain weighs them: each marked CRM or by hand, an older entry's mark taken off its source. */
export const keptEntries = (figures: StoredCampaignFigures): (CampaignEntry & KeptEntry)[] =>
  figures.entries.map((entry) => ({ ...entry, source: sourceOf(entry), manual: isEnteredByHand(entry) }));

/** A campaign's stored figures as snapshots, one per date, each value the one that counts (`campaignSnapshots`). */
export const snapshotsOf = (figures: StoredCampaignFigures): CampaignSnapshot[] =>
  campaignSnapshots(figures.campaign, keptEntries(figures));

const REPLACES_PROBLEM = 'The answer to "Replace it?" (replaces) must be the one the question came with';

/** A manual figure as the panel submits it (`outcome/record-figure`): one indicator (or spend), its value, its date and where it came from. */
export const manualFigurePayloadSchema = z.object({
  key: z.string().trim().min(1, 'Indicator is required').max(40),
  value: z.number({ error: 'Figure must be a number' }).min(0, 'Figure must not be negative').max(MAX_METRIC_TARGET, 'Figure is too large'),
  date: realDate('The date'),
  // Within the stored entry's 200 characters, with room for the words "(entered by hand)" after it.
  source: z.string().trim().min(1, 'Where it came from is required').max(180, 'Where it came from is at most 180 characters'),
  /**
   * The person agreed to replace the figure kept for a date and indicator: the question's answer, sent back as it came
   * (`FigureReplacement`). It names that date and indicator, and the revision of the campaign's figures the question was
   * asked at, so the agreement covers the figure exactly as it was shown: not one for another day, nor a value that was
   * replaced by someone else and put back. Without it, or when any of the three differs, nothing is written and the
   * person is asked again.
   */
  replaces: z
    .object(
      {
        revision: z.number({ error: REPLACES_PROBLEM }).int(REPLACES_PROBLEM).min(0, REPLACES_PROBLEM),
        date: z.string({ error: REPLACES_PROBLEM }).max(10, REPLACES_PROBLEM),
        key: z.string({ error: REPLACES_PROBLEM }).max(40, REPLACES_PROBLEM),
      },
      { error: REPLACES_PROBLEM },
    )
    .optional(),
});

export type ManualFigurePayload = z.output<typeof manualFigurePayloadSchema>;

/** "Start an iteration": the launch date the new request asks for (the rest is filled from the request it iterates on). */
export const startIterationPayloadSchema = z.object({ dueDate: realDate('The launch date') });
export type StartIterationPayload = z.output<typeof startIterationPayloadSchema>;

/** The kinds of report the admin page imports: Flight Plan's own columns, a CRM's preset, or a mapping. */
const CRM_IMPORT_FORMATS = ['flight-plan', 'salesforce', 'hubspot', 'custom'] as const;
export type CrmImportFormat = (typeof CRM_IMPORT_FORMATS)[number];

/** Most characters of one import: Forge takes at most 500 KB in a Custom UI call (platform quotas, invocation limits). */
const MAX_IMPORT_CHARACTERS = 300_000;

/** Most campaigns one import writes: the preview lists them and sends each one's revision back with the import. */
export const MAX_IMPORT_CAMPAIGNS = 1_000;

const columnName = (label: string) => z.string().trim().max(100, `${label} is at most 100 characters`);

/** A CRM report to preview or import, and how to read it. */
export const crmImportPayloadSchema = z.object({
  csv: z
    .string({ error: 'Choose a CSV file' })
    .min(1, 'The file is empty')
    .max(MAX_IMPORT_CHARACTERS, `The file is over ${MAX_IMPORT_CHARACTERS.toLocaleString('en-US')} characters: import it in parts`),
  format: z.enum(CRM_IMPORT_FORMATS, { error: 'Choose what kind of report the file is' }),
  mapping: z
    .object({
      campaign: columnName('The campaign column').min(1, 'The campaign column is required'),
      date: columnName('The date column'),
      figures: z.record(z.string().regex(INDICATOR_KEY), columnName('A figure column')),
    })
    .optional(),
  asOf: realDate('The date the figures are as of').optional(),
  fileName: z.string().trim().max(120).optional(),
});
export type CrmImportPayload = z.infer<typeof crmImportPayloadSchema>;

/** An import: the report as it was previewed, with the preview's fingerprint of what it would write (`importFingerprint`). */
export const crmImportApplyPayloadSchema = crmImportPayloadSchema.extend({
  previewed: z.string({ error: 'Preview the import first' }).regex(/^[\w-]{43}$/, 'Preview the import first'),
});
export type CrmImportApplyPayload = z.infer<typeof crmImportApplyPayloadSchema>;

const MAX_DELIVERY_ID_LENGTH = 100;

/** The header a CRM's post carries its signature in: `sha256=` and the HMAC-SHA256 of the raw body, hex, with the site's secret. */
export const SIGNATURE_HEADER = 'x-flight-plan-signature';
/** Most figures one post carries. */
const MAX_POSTED_FIGURES = 500;
/**
 * Most campaigns one post carries: it is written in one KVS transaction of at most 25 operations
 * (developer.atlassian.com/platform/forge/storage-reference/transactions/), the delivery claim and
 * each campaign a guarded write (two each), and the mark cached Outcomes views read ("figures written") one.
 */
export const MAX_POSTED_CAMPAIGNS = 11;

/**
 * The web trigger's answers. It is a `static` web trigger (manifest `response.type: static`): Forge
 * sends the body the manifest declares for the key the function names, so the function can pass
 * nothing on to the caller, and the app stays free of egress (developer.atlassian.com/platform/forge/
 * manifest-reference/modules/web-trigger/, "Web trigger types"). The manifest declares one output per key.
 */
export const CRM_POST_OUTPUTS = [
  'accepted',
  'not-post',
  'no-secret',
  'unsigned',
  'stale',
  'replayed',
  'invalid',
  'busy',
  'failed',
] as const;
export type CrmPostOutput = (typeof CRM_POST_OUTPUTS)[number];

/**
 * A posted figure's keys, checked as JSON.parse left them: zod copies an object's keys into a new one, where a key named
 * `__proto__` sets no property, so a figure keyed so was dropped without a word. Every key besides the campaign and the
 * date must be an indicator's key (the use case then checks it against the site's catalogue).
 */
const refuseNonIndicatorKeys = (value: unknown, context: z.RefinementCtx): unknown => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  for (const key of Object.keys(value))
    if (key !== 'campaign' && key !== 'date' && !INDICATOR_KEY.test(key))
      context.addIssue({
        code: 'custom',
        path: [key],
        message: 'is not an indicator key (letters and digits, starting with a lower-case letter)',
      });
  return value;
};

/**
 * What a CRM workflow posts to the web trigger: a delivery id unique per post, when it was sent,
 * and figures as the CSV has them, one object per campaign and date:
 * `{"delivery": "wf-81723", "sentAt": "2026-06-10T12:00:00Z", "figures": [{"campaign": "spring-webinar", "date": "2026-06-09", "leads": 412}]}`.
 */
export const crmPostSchema = z.object({
  delivery: z
    .string({ error: 'The delivery id is required' })
    .trim()
    .min(8, 'The delivery id must be at least 8 characters, unique per post')
    .max(MAX_DELIVERY_ID_LENGTH, `The delivery id must be at most ${String(MAX_DELIVERY_ID_LENGTH)} characters`),
  sentAt: z.iso.datetime({ offset: true, error: 'When it was sent (sentAt) must be a date and time like 2026-06-10T12:00:00Z' }),
  figures: z
    .array(
      z.preprocess(
        refuseNonIndicatorKeys,
        z
          .object({ campaign: campaignKeySchema, date: realDate('The date') })
          .catchall(z.number({ error: 'must be a number' }).min(0, 'must not be negative').max(MAX_METRIC_TARGET, 'is too large')),
      ),
      { error: 'The figures must be a list' },
    )
    .min(1, 'The figures must hold at least one campaign and date')
    .max(MAX_POSTED_FIGURES, `A post holds at most ${MAX_POSTED_FIGURES} figures`),
});

/** How the last signed post went, for the admin page: when, whether it was kept, and why not in plain words. */
const lastCrmPostSchema = z.object({ at: z.string().max(MAX_INSTANT_LENGTH), accepted: z.boolean(), message: z.string().max(500) });
export type LastCrmPost = z.infer<typeof lastCrmPostSchema>;

/**
 * Most deliveries remembered at once: those whose `sentAt` is within the replay window. At 100 characters an id and
 * `sentAt` as `toISOString()` writes it, a full list stays well under the 240 KiB a stored value holds; a post that
 * finds it full is refused as busy, never let in by forgetting one that could still be replayed.
 */
export const MAX_REMEMBERED_DELIVERIES = 1_000;

/**
 * The deliveries accepted lately, to refuse a replay: kept while their `sentAt` could still be accepted. Read with the
 * bounds an earlier version wrote under (up to 2,000 deliveries, `sentAt` as the sender wrote it): a list it left must
 * still read, or replays would be let in until the window passed. What this version writes holds to the tighter ones
 * (`MAX_REMEMBERED_DELIVERIES`, ids of at most `MAX_DELIVERY_ID_LENGTH`, `sentAt` as `toISOString()` writes it).
 */
export const recentDeliveriesSchema = z.object({
  revision: z.number().int().min(0),
  deliveries: z.array(z.object({ id: z.string().max(1_000), sentAt: z.string().max(64) })).max(2 * MAX_REMEMBERED_DELIVERIES),
  last: lastCrmPostSchema.optional(),
});
export type RecentDeliveries = z.infer<typeof recentDeliveriesSchema>;
