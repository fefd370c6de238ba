import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { parseStoredConfig } from '../contracts/app-config.schema';
import {
  crmPostSchema,
  MAX_CAMPAIGN_ENTRIES,
  MAX_POSTED_CAMPAIGNS,
  MAX_REMEMBERED_DELIVERIES,
  recentDeliveriesSchema,
  SIGNATURE_HEADER,
  type CrmPostOutput,
  type LastCrmPost,
  type RecentDeliveries,
  keptEntries,
} from '../contracts/crm-figures.schema';
import type { CrmWebTriggerView } from '../contracts/views/outcomes';
import type { AdminCode } from '../contracts/resolvers';
import { toCalendarDate } from '../domain/business-days';
import { SPEND } from '../domain/outcomes/catalogue';
import type { CrmRow } from '../domain/outcomes/crm-csv';
import { planCrmImport, rowsToWrite } from '../domain/outcomes/crm-import';
import { ok, type Failure, type Result } from '../domain/result';
import type { AdminDeps } from './admin-config';
import { campaignWrite, readCampaigns, type ReadCampaign } from './crm-import';
import { figuresWrittenMark } from './outcomes';
import { CRM_WEBTRIGGER_SECRET, storageKeys, type AppStore, type GuardedWrite, type SecretStore } from './ports';

/**
 * The CRM web trigger (Forge `webtrigger`): a CRM workflow or an automation tool posts figures, signed
 * with the site's secret. Forge hands the function the request with its raw body as a string and
 * headers as arrays of strings (developer.atlassian.com/platform/forge/events-reference/web-trigger/).
 * The URL itself carries no authentication ("anyone can use the URL": developer.atlassian.com/platform/
 * forge/manifest-reference/modules/web-trigger/), so every post proves the secret: an HMAC-SHA256 of the
 * raw body. A post is accepted within five minutes of its `sentAt`, and each `delivery` id once, so a
 * captured post cannot be sent again. The answer is one of the manifest's static outputs; what was wrong
 * with a signed post is kept for the admin page, since a static answer cannot say it.
 */

export interface WebTriggerRequest {
  readonly method: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, readonly string[]>>;
}

/** Which of the manifest's outputs answers, and in words what happened (for the admin page and the logs). */
interface CrmPostAnswer {
  readonly output: CrmPostOutput;
  readonly message: string;
}

interface WebTriggerDeps {
  readonly store: AppStore;
  readonly secrets: SecretStore;
  readonly now: Date;
}

/** How far a post's `sentAt` may be from now, either way (clocks drift; a replay is older). */
const REPLAY_WINDOW_MS = 5 * 60_000;
const ATTEMPTS = 3;

const answer = (output: CrmPostOutput, message: string): CrmPostAnswer => ({ output, message });

/** A header's first value, whatever letter case the caller used for its name. */
const headerOf = (headers: WebTriggerRequest['headers'], name: string): string | undefined =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1][0];

/** `sha256=<hex>` of the body with the secret. */
export const signatureOf = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/** Compared in constant time, so the answer's timing gives nothing of the signature away. */
const signedBy = (secret: string, body: string, signature: string | undefined): boolean => {
  if (signature === undefined) return false;
  const expected = Buffer.from(signatureOf(secret, body));
  // Hex is hex in either case, and some tools write the whole header in capitals (`SHA256=9F…`).
  const given = Buffer.from(signature.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/** "Figure 2 (leads): must not be negative": the post's problems in words, each naming the figure and field. */
const postProblems = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map(({ path, message }) => {
      const [top, index, field] = path;
      if (top !== 'figures' || typeof index !== 'number') return message;
      return `Figure ${String(index + 1)}${typeof field === 'string' && !['campaign', 'date'].includes(field) ? ` (${field})` : ''}: ${message}`;
    })
    .join('; ');

/** The deliveries still worth remembering: those whose `sentAt` a post could still carry and be accepted. */
const stillRecent = (recent: RecentDeliveries, now: number) =>
  recent.deliveries.filter((delivery) => Math.abs(now - Date.parse(delivery.sentAt)) <= REPLAY_WINDOW_MS);

/** The deliveries record as stored; an unreadable one starts again from its committed revision (the window is five minutes, little is lost). */
const readRecent = async (store: AppStore): Promise<RecentDeliveries> => {
  const stored = (await store.getMany([storageKeys.crmDeliveries])).get(storageKeys.crmDeliveries);
  const parsed = recentDeliveriesSchema.safeParse(stored ?? { revision: 0, deliveries: [] });
  if (parsed.success) return parsed.data;
  const revision = (await store.committedRevisions([storageKeys.crmDeliveries])).get(storageKeys.crmDeliveries) ?? 0;
  return { revision, deliveries: [] };
};

/**
 * Keeps why a signed post was refused, for the admin page. Best effort: a post refused is refused
 * whether or not this lands (another post writing at the same moment wins).
 */
const keepRefusal = async (deps: WebTriggerDeps, refusal: CrmPostAnswer): Promise<CrmPostAnswer> => {
  const recent = await readRecent(deps.store);
  const last: LastCrmPost = { at: deps.now.toISOString(), accepted: false, message: refusal.message.slice(0, 500) };
  await deps.store.commit({
    guarded: [
      {
        key: storageKeys.crmDeliveries,
        value: { ...recent, revision: recent.revision + 1, last },
        readRevision: recent.revision,
        revision: recent.revision + 1,
      },
    ],
  });
  return refusal;
};

/** Receives one signed post of CRM figures; every refusal writes no figures and says why. */
export const receiveCrmPost = async (deps: WebTriggerDeps, request: WebTriggerRequest): Promise<CrmPostAnswer> => {
  if (request.method.toUpperCase() !== 'POST') return answer('not-post', 'Only POST is accepted');
  const secret = await deps.secrets.get(CRM_WEBTRIGGER_SECRET);
  if (secret === undefined) return answer('no-secret', 'No secret is set yet');
  const body = request.body ?? '';
  if (!signedBy(secret, body, headerOf(request.headers, SIGNATURE_HEADER)))
    return answer('unsigned', 'The signature does not match the body and the secret');
  // Signed from here on: what is wrong is the sender's to know, and the admin page says it.
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return keepRefusal(deps, answer('invalid', 'The post is not JSON'));
  }
  const parsed = crmPostSchema.safeParse(json);
  if (!parsed.success) return keepRefusal(deps, answer('invalid', postProblems(parsed.error)));
  const post = parsed.data;
  if (Math.abs(deps.now.getTime() - Date.parse(post.sentAt)) > REPLAY_WINDOW_MS)
    return keepRefusal(
      deps,
      answer('stale', `Delivery ${post.delivery} was sent more than 5 minutes from now: a post is accepted within 5 minutes of being sent`),
    );

  const config = parseStoredConfig((await deps.store.getMany([storageKeys.config])).get(storageKeys.config));
  if (!config.ok) return answer('busy', config.error.message);
  const known = new Set([...config.value.config.indicators.map((indicator) => indicator.key), SPEND]);
  const today = toCalendarDate(deps.now);
  const rows: CrmRow[] = [];
  /** The figure that gave each campaign and date, as the CSV import keeps them: a second is refused, not merged. */
  const given = new Map<string, number>();
  for (const [index, { campaign, date, ...values }] of post.figures.entries()) {
    const figure = `Figure ${String(index + 1)}`;
    const campaignDate = JSON.stringify([campaign, date]);
    const earlier = given.get(campaignDate);
    if (earlier !== undefined)
      return keepRefusal(
        deps,
        answer(
          'invalid',
          `${figure}: campaign ${campaign} on ${date} is already given by figure ${String(earlier)}; post one figure per campaign and date`,
        ),
      );
    given.set(campaignDate, index + 1);
    const unknown = Object.keys(values).find((key) => !known.has(key));
    if (unknown !== undefined)
      return keepRefusal(
        deps,
        answer('invalid', `${figure}: "${unknown}" is not an indicator of the catalogue or spend (${[...known].join(', ')})`),
      );
    if (date > today)
      return keepRefusal(deps, answer('invalid', `${figure}: ${date} is after today; post what the CRM showed on a day that has passed`));
    rows.push({ campaign, date, values, line: index + 1 });
  }
  const campaigns = [...new Set(rows.map((row) => row.campaign))];
  if (campaigns.length > MAX_POSTED_CAMPAIGNS)
    return keepRefusal(
      deps,
      answer(
        'invalid',
        `A post holds at most ${String(MAX_POSTED_CAMPAIGNS)} campaigns (it is written in one step); this one holds ${String(campaigns.length)}`,
      ),
    );

  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const outcome = await tryToApply(deps, post.delivery, post.sentAt, rows, campaigns, today);
    if (outcome !== 'conflict') return outcome;
  }
  return answer('busy', 'The figures changed while this post was written; send it again');
};

const tryToApply = async (
  deps: WebTriggerDeps,
  delivery: string,
  sentAt: string,
  rows: readonly CrmRow[],
  campaigns: readonly string[],
  today: string,
): Promise<CrmPostAnswer | 'conflict'> => {
  const recent = await readRecent(deps.store);
  if (recent.deliveries.some((seen) => seen.id === delivery))
    return keepRefusal(deps, answer('replayed', `Delivery ${delivery} was already received; a post is kept once`));
  const remembered = stillRecent(recent, deps.now.getTime());
  if (remembered.length >= MAX_REMEMBERED_DELIVERIES)
    return keepRefusal(
      deps,
      answer('busy', `Over ${String(MAX_REMEMBERED_DELIVERIES)} posts came in the last five minutes; send this one again in a few minutes`),
    );
  const read: ReadonlyMap<string, ReadCampaign> = await readCampaigns(deps, campaigns);
  // Written over, an unreadable campaign would lose whatever it still holds, figures entered by hand too: the import's
  // preview asks an admin first, and a post cannot ask.
  const unreadable = campaigns.find((campaign) => read.get(campaign)?.replacesUnreadable === true);
  if (unreadable !== undefined)
    return keepRefusal(
      deps,
      answer(
        'invalid',
        `The figures kept for campaign ${unreadable} cannot be read, so this post was not written over them; an admin can replace them with a CSV import, whose preview shows the replacement`,
      ),
    );
  const kept = new Map([...read].map(([campaign, { figures }]) => [campaign, keptEntries(figures)]));
  const plan = planCrmImport(rows, kept, today, MAX_CAMPAIGN_ENTRIES);
  if (!plan.ok) return keepRefusal(deps, answer('invalid', plan.error.message));
  const at = deps.now.toISOString();
  const writes: GuardedWrite[] = [];
  for (const campaign of plan.value.campaigns.filter((candidate) => rowsToWrite(candidate).length > 0)) {
    const write = campaignWrite(campaign, (read.get(campaign.campaign) as ReadCampaign).figures, 'Web trigger', undefined, at);
    if (!write.ok) return keepRefusal(deps, answer('invalid', write.error.message));
    writes.push(write.value);
  }
  const changes = plan.value.campaigns.flatMap((campaign) => campaign.rows);
  const counted = (change: 'added' | 'changed') => changes.filter((row) => row.change === change).length;
  const message = `Delivery ${delivery}: ${String(writes.length)} campaigns written, ${String(counted('added'))} new dates, ${String(counted('changed'))} changed`;
  const nextRecent: RecentDeliveries = {
    revision: recent.revision + 1,
    // Kept as an instant of fixed length, however the post wrote it, so the list stays bounded.
    deliveries: [...remembered, { id: delivery, sentAt: new Date(sentAt).toISOString() }],
    last: { at, accepted: true, message },
  };
  const lastWrite = writes.at(-1);
  // The claim of the delivery id and the figures commit together: a replay racing the first post finds the id taken.
  const committed = await deps.store.commit({
    guarded: [
      { key: storageKeys.crmDeliveries, value: nextRecent, readRevision: recent.revision, revision: nextRecent.revision },
      ...writes,
    ],
    // Cached Outcomes views over many campaigns see the figures changed.
    ...(lastWrite === undefined ? {} : { plain: new Map([figuresWrittenMark(lastWrite.key, lastWrite.revision, deps.now)]) }),
  });
  if (committed === 'conflict') return 'conflict';
  return answer('accepted', message);
};

interface WebTriggerAdminDeps extends AdminDeps {
  readonly secrets: SecretStore;
  /** The web trigger's URL on this site, as Forge gives it (`webTrigger.getUrl`). */
  readonly webTriggerUrl: () => Promise<string>;
}

const viewOf = async (deps: WebTriggerAdminDeps, secret: string | null): Promise<CrmWebTriggerView> => ({
  url: await deps.webTriggerUrl(),
  secret,
  last: (await readRecent(deps.store)).last ?? null,
});

/** The web trigger's URL, the secret posts are signed with (null before one is created) and how the last signed post went. Jira admins only. */
export const readCrmWebTrigger = async (deps: WebTriggerAdminDeps): Promise<Result<CrmWebTriggerView, Failure<AdminCode>>> =>
  ok(await viewOf(deps, (await deps.secrets.get(CRM_WEBTRIGGER_SECRET)) ?? null));

/** A new secret (32 random bytes, hex): from now on only posts signed with it are accepted. Jira admins only. */
export const rotateCrmWebTriggerSecret = async (deps: WebTriggerAdminDeps): Promise<Result<CrmWebTriggerView, Failure<AdminCode>>> => {
  const secret = randomBytes(32).toString('hex');
  await deps.secrets.set(CRM_WEBTRIGGER_SECRET, secret);
  return ok(await viewOf(deps, secret));
};
