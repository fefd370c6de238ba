import { parseStoredConfig } from '../contracts/app-config.schema';
import { toCalendarDate } from '../domain/business-days';
import { stageLookup } from '../domain/metrics/workflow-metrics';
import { attainmentOf, launchDateOf, requestOutcome, type Attainment } from '../domain/outcomes/outcomes';
import { campaignFigures } from '../domain/outcomes/snapshots';
import { ATTAINMENT_PROPERTY_KEY, type JiraApi } from './jira-port';
import { launchedRequestsSince, readCampaignSnapshots, requestsWithIds } from './outcomes';
import { storageKeys, type AppStore } from './ports';
import { readAllHistories } from './refresh-metrics';

/** Launched requests whose attainment a refresh checks: the most recently launched, 20 searches of 100. */
const MAX_ATTAINMENT_REQUESTS = 2_000;
/** Attainment properties written per refresh at most; the rest are written by the next refresh. */
const MAX_ATTAINMENT_WRITES = 200;
/** Property writes sent side by side. */
const WRITE_BATCH = 10;

const ATTAINMENTS: readonly string[] = ['attained', 'partly', 'missed', 'open'] satisfies Attainment[];

/** The attainment an issue's property holds in Jira; null when it has none (or one that is not the app's). */
const heldAttainment = (properties: unknown): Attainment | null => {
  const held = (properties as Record<string, { result?: unknown } | undefined> | undefined)?.[ATTAINMENT_PROPERTY_KEY]?.result;
  return typeof held === 'string' && ATTAINMENTS.includes(held) ? (held as Attainment) : null;
};

/** What one refresh did to the attainment properties. */
interface AttainmentMirrored {
  readonly written: number;
  readonly failed: number;
}

/**
 * Mirrors each launched request's attainment (attained, partly, missed, open) to its attainment issue property, for JQL,
 * apart from the summary and the forecast so no writer overwrites another. A result changes without any issue event
 * (a campaign figure arrives, a window ends), so the metrics refresh judges again each time. Targets are read from
 * the Success metric field, never from the summary property anyone who may edit the issue can rewrite. What Jira holds is read
 * with the search, and only what differs is written: a write that failed still differs next refresh, and is tried again.
 */
export const mirrorAttainment = async (deps: {
  readonly jira: JiraApi;
  readonly store: AppStore;
  readonly now: Date;
}): Promise<AttainmentMirrored> => {
  const { jira, store, now } = deps;
  const config = parseStoredConfig((await store.getMany([storageKeys.config])).get(storageKeys.config));
  // Without a readable configuration no stage is known, so no launch: the properties stay as they are.
  if (!config.ok) return { written: 0, failed: 0 };
  const at = now.getTime();
  const stageOf = stageLookup(config.value.config.statusMap);
  const histories = await readAllHistories(store);
  const launched = histories
    .flatMap((history) => {
      const launchDate = launchDateOf(history, stageOf, at);
      return launchDate === null ? [] : [{ history, launchDate }];
    })
    .sort((a, b) => b.launchDate.localeCompare(a.launchDate))
    .slice(0, MAX_ATTAINMENT_REQUESTS);
  // A search Jira did not answer leaves nothing known of what its requests hold: they wait for the next refresh.
  const searched = await requestsWithIds(
    jira,
    launched.map(({ history }) => history.id),
    { properties: [ATTAINMENT_PROPERTY_KEY], skipUnanswered: true },
  );
  // Without the Success metric field's id no target can be read: judging now would clear every result, so none is written.
  if (!searched.ok) return { written: 0, failed: 0 };
  const found = searched.value;
  const today = toCalendarDate(now);
  const requests = await launchedRequestsSince(
    store,
    launched.map(({ history }) => history),
    found,
    stageOf,
    at,
    '0000-01-01',
    config.value.config.indicators,
  );
  // Only the campaigns of the requests judged are read, however many the site keeps.
  const figures = campaignFigures(
    await readCampaignSnapshots(
      store,
      requests.map((request) => request.campaign),
    ),
    today,
  );
  const held = new Map([...found.values()].map(({ key, properties }) => [key, heldAttainment(properties)]));
  const changes = requests
    .map((request) => ({ key: request.key, attainment: attainmentOf(requestOutcome(request, figures, today)) }))
    .filter(({ key, attainment }) => held.get(key) !== attainment)
    .slice(0, MAX_ATTAINMENT_WRITES);
  let written = 0;
  let failed = 0;
  for (let start = 0; start < changes.length; start += WRITE_BATCH) {
    const batch = changes.slice(start, start + WRITE_BATCH);
    const answers = await Promise.all(
      batch.map(({ key, attainment }) => jira.setAttainmentProperty(key, attainment === null ? null : { result: attainment })),
    );
    written += answers.filter((answer) => answer.ok).length;
    // A request Jira deleted since the search has nothing left to write (a property's PUT answers 404 "if the issue is
    // not found": PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}), and no next refresh finds it.
    failed += answers.filter((answer) => !answer.ok && answer.error.code !== 'JIRA.NOT_FOUND').length;
  }
  return { written, failed };
};
