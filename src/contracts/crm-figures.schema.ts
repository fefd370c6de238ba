import { z } from 'zod';
import { realDate } from './dates';
import { sha256Base64url } from '../domain/sha256';
import { campaignKeySchema } from './success-metric.schema';

/** Most figures one campaign keeps: a daily snapshot for over a year, and a bound on the stored value. */
export const MAX_CAMPAIGN_ENTRIES = 500;

const figure = z.number().min(0, 'must not be negative').max(1e12, 'is too large');

/** One entry of a campaign's figures: cumulative values as of a date, where they came from, who gave them and when. */
export const campaignEntrySchema = z.object({
  date: realDate('the date'),
  values: z.record(z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/), figure),
  source: z.string().trim().min(1).max(200),
  by: z.string().max(128).optional(),
  at: z.string(),
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
export const campaignStorageKey = (campaign: string): string => {
  const escaped = `${CAMPAIGN_KEY_PREFIX}${[...new TextEncoder().encode(campaign)].map((byte) => (/[a-zA-Z0-9._-]/.test(String.fromCharCode(byte)) && byte < 0x80 ? String.fromCharCode(byte) : `#${byte.toString(16).padStart(2, '0')}`)).join('')}`;
  return escaped.length <= MAX_STORAGE_KEY_LENGTH ? escaped : `${CAMPAIGN_KEY_PREFIX}sha256:${sha256Base64url(campaign)}`;
};

/** What marks a figure a person entered, after where it came from. */
export const MANUAL_SOURCE_SUFFIX = ' (entered by hand)';

/** A manual figure as the panel submits it: one indicator (or spend), its value, its date and where it came from. */
export const manualFigurePayloadSchema = z.object({
  key: z.string().trim().min(1, 'Indicator is required').max(40),
  value: z.number({ error: 'Figure must be a number' }).min(0, 'Figure must not be negative').max(1e12, 'Figure is too large'),
  date: realDate('The date'),
  // Stored with MANUAL_SOURCE_SUFFIX after it, within the stored entry's 200 characters.
  source: z.string().trim().min(1, 'Where it came from is required').max(180, 'Where it came from is at most 180 characters'),
});

/** "Start an iteration": the launch date the new request asks for (the rest is filled from the request it iterates on). */
export const startIterationPayloadSchema = z.object({ dueDate: realDate('The launch date') });
