import { z } from 'zod';
import { INDICATOR_KEY, MAX_METRIC_TARGET } from '../domain/outcomes/catalogue';

/** Longest campaign key read: utm_campaign values are short, and a bound keeps one bad value small. */
const CAMPAIGN_KEY_MAX_LENGTH = 255;
const MAX_WINDOW_DAYS = 3_650;

export const campaignKeySchema = z.string().trim().min(1, 'must not be empty').max(CAMPAIGN_KEY_MAX_LENGTH);

/** A success metric as the summary property carries it: `{"indicator": "registrations", "target": 400, "windowDays": 30}`. */
export const successMetricSchema = z.object({
  indicator: z.string().regex(INDICATOR_KEY, 'must be an indicator key like registrations'),
  target: z
    .number()
    .positive('must be a number above 0')
    .max(MAX_METRIC_TARGET, `must be at most ${MAX_METRIC_TARGET.toLocaleString('en-US')}`),
  windowDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(MAX_WINDOW_DAYS, `must be at most ${MAX_WINDOW_DAYS} days`),
});
