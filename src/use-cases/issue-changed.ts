import { appFieldIds, issueFactsFrom } from '../contracts/jira-issue-facts';
import { parseStoredConfig } from '../contracts/app-config.schema';
import { isStatusItem } from '../contracts/changelog-item.schema';
import type { IssueEvent } from '../contracts/issue-event.schema';
import { stageOfStatus, type AppConfig } from '../domain/app-config';
import { ISSUE_TYPE } from '../domain/project-setup/blueprint';
import { reviewLexicon } from '../domain/copy-review';
import { effectiveTier } from '../domain/gates/evaluate-gate';
import type { IssueFacts } from '../domain/issue-facts';
import { libraryUseOf, type LibraryUse } from '../domain/messaging-library';
import { quarterOf } from '../domain/quarterly-audit';
import { evaluateRecord } from '../domain/record-summary';
import { err, ok, type Failure, type Result } from '../domain/result';
import { appendStageChange, EMPTY_STAGE_LOG, lastEntryInto, type StageChange, type StageLog } from '../domain/stage-log';
import { scoreTriage } from '../domain/triage-score';
import { parseStageLog, readableStageLog, storedStageLog } from '../contracts/stage-log.schema';
import type { BlockerOutcome, LinkedRequest } from '../domain/dependencies';
import { blockerOutcomeOf, tellDependents } from './dependency-notices';
import { issueStateKeys, parseIssueState } from './load-issue-state';
import { isRetired, isTransient, storageKeys, type AppStore } from './ports';
import { LEASE_MS } from './store-lease';
import { keepUnreadable, revisionOfUnreadable } from './unreadable-values';
import { deletedInJira, SUMMARY_PROPERTY_KEY, type JiraApi } from './jira-port';
import { forgetDeletedIssue } from './forget-deleted-issue';

/**
 * What the messaging library did for a request entering Launch, for the quarterly audit: judged
 * on the copy that launched, at the QA gate's tier, when it launched. Nothing for an unreadable record.
 */
const libraryUseAtLaunch = (
  values: ReadonlyMap<string, unknown>,
  facts: IssueFacts,
  config: AppConfig,
  at: string,
): (LibraryUse & { readonly key: string }) | null => {
  const state = parseIssueState(values, facts.issueId);
  if (!state.ok) return null;
  const { record } = state.value;
  const use = libraryUseOf(reviewLexicon(record, { facts, config }, effectiveTier('qa', record, facts), new Date(at)).resolvedByLibrary);
  return use === null ? null : { key: facts.issueKey, ...use };
};

/** Appends tried before giving up: each retry follows another writer's append to the same log. */
const APPEND_ATTEMPTS = 5;

/**
 * Appends a change to the stored log with a guarded write, so two events handled at once cannot overwrite each other's
 * entry: the loser of a race reads the log again and appends to what the winner wrote. `alongside` is written in the
 * same transaction, and only when the change is new. Answers the log as it now stands, and whether this append created
 * it (the first value the app keeps under this guard), or `deleted` when Jira deleted the request meanwhile (its guard is
 * retired: no append will ever commit, so none is tried again).
 */
const appendToStoredLog = async (
  store: AppStore,
  logKey: string,
  firstRead: unknown,
  change: StageChange,
  alongside: (log: StageLog) => ReadonlyMap<string, unknown>,
): Promise<{ readonly log: StageLog; readonly created: boolean } | 'deleted'> => {
  let raw = firstRead;
  for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
    const stored = parseStageLog(raw);
    // A corrupt log is replaced by one that starts now, rather than blocking every later change, and kept beside it in
    // the same commit; its revision comes from the guard, since the value cannot say it. A log with entries set aside
    // (an unreal date) is kept beside the one written without them the same way.
    const readRevision = stored?.revision ?? (await revisionOfUnreadable(store, logKey, raw));
    const current = stored?.log ?? EMPTY_STAGE_LOG;
    const next = appendStageChange(current, change);
    // A redelivered event changes nothing, so nothing is written.
    if (next === current && stored !== null) return { log: current, created: false };
    const outcome = await store.commit({
      guarded: [{ key: logKey, value: storedStageLog(next, readRevision + 1), readRevision, revision: readRevision + 1 }],
      plain: new Map([
        ...(next === current ? [] : alongside(next)),
        ...(stored === null || stored.setAside > 0 ? [keepUnreadable(logKey, readRevision, raw)] : []),
      ]),
    });
    if (outcome === 'committed') return { log: next, created: readRevision === 0 };
    if (await isRetired(store, logKey)) return 'deleted';
    raw = (await store.getMany([logKey])).get(logKey);
  }
  throw new Error(`the stage log ${logKey} changed under ${APPEND_ATTEMPTS} appends in a row`);
};

/**
 * Whether Jira deleted the request before the append that created its stage log committed, and so the log was forgotten
 * here. The issue-deleted trigger forgets only what the app holds of an issue (`forgetDeletedIssue`), so one that ran
 * between this event's read of the issue and that append found nothing, and the log would outlive its issue for good.
 * Asked after the commit, Jira settles it: the issue still there means the deletion (if any) comes later, and its trigger
 * finds the log and retires its guards (so a later write of this event is refused); the issue gone means this run
 * forgets the log itself, as the trigger would have (every step of it can run twice). Only a log's first append asks: an
 * issue whose log the app already held was held at deletion too. One Jira read per request, once. A Jira that does not
 * answer is taken as the issue being there, as it almost always is.
 */
const forgottenIfDeleted = async (deps: { readonly jira: JiraApi; readonly store: AppStore; readonly now: Date }, issueId: string) => {
  if (!(await deletedInJira(deps.jira, issueId))) return false;
  await forgetDeletedIssue(deps.store, issueId, deps.now);
  return true;
};

/**
 * How long before a delivery that left a dependent untold is tried again: longer than a notice's claim holds, so the
 * retry finds any claim of this run, or of a run that died, expired and can say whether it was posted.
 */
const NOTICE_RETRY_MS = 2 * LEASE_MS;

/** The failure that asks for a later delivery when some dependents were left untold; null when all were told. */
const untoldFailure = (
  blocker: IssueFacts,
  outcome: BlockerOutcome,
  untold: readonly LinkedRequest[],
): (Failure & { readonly retryAfterMs: number }) | null =>
  untold.length === 0
    ? null
    : {
        code: 'NOTICE.UNTOLD',
        message: `${untold.map((dependent) => dependent.key).join(', ')} not yet told that ${blocker.issueKey} ${outcome}`,
        retryAfterMs: NOTICE_RETRY_MS,
      };

/** The failures left for a later delivery, as one: both are mended by delivering the event again. */
const pendingFailure = (
  logFailure: Failure | null,
  untold: (Failure & { readonly retryAfterMs: number }) | null,
): (Failure & { readonly retryAfterMs?: number }) | null =>
  logFailure === null ? untold : untold === null ? logFailure : { ...untold, message: `${logFailure.message}; ${untold.message}` };

interface IssueChangedOutcome {
  readonly stageChange: StageChange | null;
  readonly scoreWritten: number | null;
  readonly summaryWritten: boolean;
}

/**
 * What happens to an issue that is not a Marketing Request, or that Jira deleted before the event was handled (events
 * arrive late, and a retried one later still): nothing read beyond it, nothing written, nothing to report.
 */
const NOTHING_TO_DO: IssueChangedOutcome = { stageChange: null, scoreWritten: null, summaryWritten: false };

const isMarketingRequest = (issueType: unknown): boolean => (issueType as { name?: unknown } | null | undefined)?.name === ISSUE_TYPE.name;

/** Deep equality of two JSON values, keys in any order. */
const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
};

const eventInstant = (event: IssueEvent, now: Date): string => {
  const stamp = event.timestamp === undefined ? Number.NaN : Number(event.timestamp);
  return Number.isFinite(stamp) ? new Date(stamp).toISOString() : now.toISOString();
};

/**
 * Keeps a Marketing Request's derived state current after Jira changes it: logs stage entries and
 * exits, recomputes the triage score into the read-only score field, and mirrors the summary
 * property. Any other issue is left alone (the manifest's filter keeps most away; this is the check
 * that does not depend on it). One Jira read (two when it creates the request's stage log), at most two Jira writes (none
 * that would change nothing), one storage read and at most one storage write (more only when another event's append races this one).
 * A corrupt Flight Plan record stops only the summary: the stage log and the score need the
 * configuration, not the record. A log that cannot be written stops nothing else: the summary is still mirrored, and
 * the failure answered after it so the platform retries the event; so are dependents left untold, after a delay their
 * notices' claims have expired by.
 */
export const onIssueChanged = async (
  deps: { readonly jira: JiraApi; readonly store: AppStore; readonly now: Date },
  event: IssueEvent,
): Promise<Result<IssueChangedOutcome, Failure>> => {
  // The event names the issue type: another type costs no request at all.
  const announcedType = event.issue.fields?.issuetype;
  if (announcedType !== undefined && !isMarketingRequest(announcedType)) return ok(NOTHING_TO_DO);
  const issue = await deps.jira.getIssue(event.issue.id, { withSummary: true });
  if (!issue.ok) return issue.error.code === 'JIRA.NOT_FOUND' ? ok(NOTHING_TO_DO) : issue;
  if (!isMarketingRequest(issue.value.fields['issuetype'])) return ok(NOTHING_TO_DO);
  // The summary property says whether the approvals count, as the gate judges them: on who owned the request before.
  // Read beside the stored state: one round trip for both.
  const logKey = storageKeys.stageLog(issue.value.id);
  const [people, values] = await Promise.all([
    deps.jira.peopleHistory(issue.value.id),
    deps.store.getMany([...issueStateKeys(issue.value.id), logKey]),
  ]);
  if (!people.ok) return people.error.code === 'JIRA.NOT_FOUND' ? ok(NOTHING_TO_DO) : people;
  const facts = issueFactsFrom(issue.value, people.value);
  const stored = parseStoredConfig(values.get(storageKeys.config));
  if (!stored.ok) return stored;
  const { config } = stored.value;

  const created = event.eventType === 'avi:jira:created:issue';
  const statusItem = event.changelog?.items.find(isStatusItem);
  let stageChange: StageChange | null = null;
  let logged = readableStageLog(values.get(logKey));
  let logFailure: Failure | null = null;
  if (created || statusItem !== undefined) {
    const fromStatus = created ? null : (statusItem?.fromString ?? null);
    const toStatus = created ? facts.status : (statusItem?.toText ?? facts.status);
    stageChange = {
      at: eventInstant(event, deps.now),
      fromStatus,
      toStatus,
      fromStage: fromStatus === null ? null : stageOfStatus(fromStatus, config.statusMap),
      toStage: stageOfStatus(toStatus, config.statusMap),
      by: event.atlassianId ?? null,
    };
    const change = stageChange;
    // Judged once, outside the append's retries: a failure to judge it costs the audit one library-use figure, never
    // the stage log its entry into Launch.
    let libraryUse: ReadonlyMap<string, unknown> = new Map();
    try {
      const use = change.toStage === 'launch' ? libraryUseAtLaunch(values, facts, config, change.at) : null;
      if (use !== null)
        libraryUse = new Map([[storageKeys.libraryUse(quarterOf(new Date(change.at)), facts.issueId, Date.parse(change.at)), use]]);
    } catch (error) {
      console.error(`the messaging library's use by ${facts.issueKey} at launch was not judged`, error);
    }
    let createdLog = false;
    try {
      const appended = await appendToStoredLog(deps.store, logKey, values.get(logKey), change, () => libraryUse);
      if (appended === 'deleted') return ok(NOTHING_TO_DO);
      ({ log: logged, created: createdLog } = appended);
    } catch (error) {
      logged = appendStageChange(logged, change);
      logFailure = {
        code: 'STORAGE.UNAVAILABLE',
        message: `the stage log of ${facts.issueKey} was not written (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    if (createdLog && (await forgottenIfDeleted(deps, facts.issueId))) return ok(NOTHING_TO_DO);
  }

  // A blocker that launched or was declined: the requests waiting on it are told, once (claimed in each one's notice
  // ledger); a comment that failed is reported and given back, not retried here. Told before the score and the summary,
  // which need the request's own record: a failure there says nothing about its dependents.
  const outcome = stageChange === null ? null : blockerOutcomeOf(stageChange.fromStage, stageChange.toStage);
  const untold =
    outcome === null || stageChange === null
      ? null
      : untoldFailure(facts, outcome, (await tellDependents(deps, facts, outcome, config, new Date(stageChange.at))).untold);
  // What a later delivery of this event still has to do; it redoes nothing done: the log holds the change once and
  // each dependent's ledger its notice.
  const pending = pendingFailure(logFailure, untold);
  /** Answers a failure met past this point: a platform retry redoes what is pending too, so one that cannot be mended
   * gives way to what is pending, and is reported here rather than lost. */
  const failWith = async (failure: Failure & { readonly retryAfterMs?: number }) => {
    // Jira deleted the request while this event was handled: nothing is left to keep current, nor to try again. Jira
    // refuses a write to a deleted issue in more than one way (a property's 404; the app field's value 400, its 404
    // being for the field: PUT /rest/api/3/app/field/{fieldIdOrKey}/value), so the issue itself is asked.
    if (failure.code.startsWith('JIRA.') && !isTransient(failure) && (await deletedInJira(deps.jira, facts.issueId)))
      return ok(NOTHING_TO_DO);
    if (pending === null) return err(failure);
    if (isTransient(failure))
      return err(untold === null ? failure : { ...failure, retryAfterMs: Math.max(failure.retryAfterMs ?? 0, NOTICE_RETRY_MS) });
    console.error(`${facts.issueKey}: ${failure.code} ${failure.message}`);
    return err(pending);
  };

  const ids = appFieldIds(issue.value);
  const score = scoreTriage(facts.scores, config.triage)?.score ?? null;
  const currentScore = ids.triageScore === undefined ? undefined : issue.value.fields[ids.triageScore];
  let scoreWritten: number | null = null;
  // Writing only on a real change is what keeps the score write from re-triggering this handler forever.
  if (ids.triageScore !== undefined && (currentScore ?? null) !== score) {
    const written = await deps.jira.setAppFieldValue(ids.triageScore, facts.issueId, score);
    if (!written.ok) return failWith(written.error);
    scoreWritten = score;
  }

  const state = parseIssueState(values, facts.issueId);
  if (!state.ok) return failWith(state.error);
  const stage = stageOfStatus(facts.status, config.statusMap);
  const { summary } = evaluateRecord(state.value.record, facts, config, deps.now, stage, {
    launchEnteredAt: lastEntryInto(logged, 'launch') ?? null,
  });
  // Jira gave the property with the issue: an unchanged summary is not written again.
  const summaryWritten = !sameJson(issue.value.properties?.[SUMMARY_PROPERTY_KEY], summary);
  if (summaryWritten) {
    const mirrored = await deps.jira.setSummaryProperty(facts.issueId, summary);
    if (!mirrored.ok) return failWith(mirrored.error);
  }
  return pending === null ? ok({ stageChange, scoreWritten, summaryWritten }) : err(pending);
};
