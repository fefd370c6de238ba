import { mentionComment } from './comments';
import { adfToText } from '../contracts/jira-issue-facts';
import { reminderLedgerSchema, type ReminderJob, type ReminderLedger } from '../contracts/reminders.schema';
import { changeLedger } from './notice-ledger';
import { parseStoredRecord } from '../contracts/flight-plan-record.schema';
import { readableStageLog } from '../contracts/stage-log.schema';
import { stageOfStatus, type AppConfig } from '../domain/app-config';
import { emptyRecord } from '../domain/flight-plan-record';
import { lastEntryInto } from '../domain/stage-log';
import { dueReminders, reminderText, type OpenRequest, type Reminder } from '../domain/reminders';
import { err, ok, type Failure, type Result } from '../domain/result';
import { strictestTier } from '../domain/sla';
import { quarterOf, type ApprovalEvent } from '../domain/quarterly-audit';
import { TRACK_STAGES, type Stage, type TrackStage } from '../domain/stages';
import { NO_PEOPLE_HISTORY, type PeopleHistory } from '../domain/issue-facts';
import { isTransient, storageKeys, type AppStore } from './ports';
import { present } from '../domain/present';
import type { JiraApi } from './jira-port';

interface ReminderDeps {
  readonly jira: JiraApi;
  readonly store: AppStore;
  readonly now: Date;
}

/** Requests per search page: each page is one queue event, well inside a function's time. */
const REMINDER_PAGE_SIZE = 100;
/** Comments posted per page at most; the rest wait for the next run (Jira rate limits, function time). */
export const MAX_COMMENTS_PER_PAGE = 25;

/** Open requests: the metrics' requests that are not in a done-category status. */
export const openRequestsJql = (metricsJql: string): string => {
  const [where] = metricsJql.split(/\s+ORDER\s+BY\s+/i);
  return `(${where}) AND statusCategory != Done ORDER BY created ASC`;
};

export const startReminders = (config: Pick<AppConfig, 'metricsJql'>, now: Date): ReminderJob => ({
  jql: openRequestsJql(config.metricsJql),
  startedAt: now.toISOString(),
  page: 0,
});

interface ReminderPageOutcome {
  readonly next: ReminderJob | null;
  readonly requests: number;
  readonly posted: number;
  /** Reminders due but left for the next run (over the per-page cap). */
  readonly deferred: number;
  /** Requests (keys) whose reminder ledger is unreadable: nothing is posted on them until it is repaired. */
  readonly unreadableLedgers: readonly string[];
  /** Requests (keys) this page could not remind, and why: each failed alone, and the others were reminded. */
  readonly failed: readonly { readonly key: string; readonly why: string }[];
}

/** A comment that mentions whom it is for, in Atlassian Document Format. */
const reminderComment = (reminder: Reminder) => mentionComment(reminder.to, reminderText(reminder));

/** Comment texts compared as Jira may store them: whitespace runs as one space. */
const sameText = (a: string, b: string): boolean => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

type SearchedIssue = { readonly id: string; readonly key: string; readonly fields?: Record<string, unknown> };

/** What one open request is owed, with its ledger; null when it is owed nothing that can be judged. */
const remindersOwed = (
  issue: SearchedIssue,
  stage: Stage,
  values: ReadonlyMap<string, unknown>,
  people: PeopleHistory,
  config: AppConfig,
  now: Date,
): { ledger: ReminderLedger; reminders: Reminder[]; enteredAt: Date } | 'unreadable ledger' | null => {
  const entered = lastEntryInto(readableStageLog(values.get(storageKeys.stageLog(issue.id))), stage);
  // Without a logged entry into the stage its age is unknown: no reminder rather than a wrong one.
  if (entered === undefined) return null;
  const record = parseStoredRecord(values.get(storageKeys.record(issue.id)) ?? emptyRecord(issue.id), issue.id);
  const trackStage = (TRACK_STAGES as readonly string[]).includes(stage) ? (stage as TrackStage) : 'intake';
  const request: OpenRequest = {
    issueId: issue.id,
    key: issue.key,
    stage,
    tier: (record.ok ? record.value.tier : undefined) ?? strictestTier(config, trackStage),
    enteredAt: new Date(entered),
    assigneeId: (issue.fields?.['assignee'] as { accountId?: string } | null | undefined)?.accountId ?? null,
    reporterId: (issue.fields?.['reporter'] as { accountId?: string } | null | undefined)?.accountId ?? null,
    description: adfToText(issue.fields?.['description']).trim(),
    record: record.ok ? record.value : emptyRecord(issue.id),
    ...people,
  };
  const ledger = reminderLedgerSchema.safeParse(values.get(storageKeys.reminders(issue.id)) ?? []);
  if (!ledger.success) return 'unreadable ledger';
  return { ledger: ledger.data, reminders: dueReminders(request, new Set(ledger.data.keys), config, now), enteredAt: request.enteredAt };
};

/**
 * Claims the reminders no other run has claimed yet: only a reminder claimed here is posted here. Answers those, with
 * the ledger as committed (null when the claim failed and nothing is claimed).
 */
const claimReminders = async (
  store: AppStore,
  issueId: string,
  read: ReminderLedger,
  wanted: readonly string[],
): Promise<{ keys: readonly string[]; ledger: ReminderLedger | null }> => {
  let claimed: string[] = [];
  const ledger = await changeLedger(store, issueId, read, (keys) => {
    claimed = wanted.filter((key) => !keys.includes(key));
    return claimed.length === 0 ? null : [...keys, ...claimed];
  });
  return { keys: ledger === null ? [] : claimed, ledger };
};

/**
 * One page of a reminder run: find what each open request is owed, record it in the request's
 * ledger, then post it. The ledger is written first, so a duplicated run or a redelivered event
 * never posts the same reminder twice; a comment that fails is taken out of the ledger again,
 * so the next run retries it. A comment whose answer was lost (a timeout) may have been posted:
 * the app's comments since the request entered its stage are read, and one with the reminder's
 * text counts as posted. Only when that read fails too may a reminder be posted twice.
 * One request's failure (a value no clock can use, a comment Jira refuses on that issue) is that request's alone: it is
 * reported and the rest of the page is reminded. Only a failure every request would meet (a rate limit, an outage)
 * stops the page, for the platform to retry.
 */
export const runRemindersPage = async (
  deps: ReminderDeps,
  config: AppConfig,
  job: ReminderJob,
): Promise<Result<ReminderPageOutcome, Failure>> => {
  // The description too: an approval covers it, so one given before it changed completes no step.
  const page = await deps.jira.searchIssues(job.jql, ['status', 'assignee', 'reporter', 'description'], job.pageToken, {
    maxResults: REMINDER_PAGE_SIZE,
  });
  if (!page.ok) return page;
  let requests = 1;
  const issues = page.value.issues as SearchedIssue[];
  const values = await deps.store.getMany(
    issues.flatMap((issue) => [storageKeys.record(issue.id), storageKeys.stageLog(issue.id), storageKeys.reminders(issue.id)]),
  );

  const owed: { issueId: string; key: string; reminder: Reminder; enteredAt: Date }[] = [];
  const ledgers = new Map<string, ReminderLedger>();
  const unreadableLedgers: string[] = [];
  const failed: { key: string; why: string }[] = [];
  for (const issue of issues) {
    try {
      const status = (issue.fields?.['status'] as { name?: unknown } | undefined)?.name;
      const stage = typeof status === 'string' ? stageOfStatus(status, config.statusMap) : null;
      if (stage === null) continue;
      // Only a request in QA is owed approval reminders, judged on who owned it before: its history is read for it alone.
      const people = stage === 'qa' ? await deps.jira.peopleHistory(issue.id) : ok(NO_PEOPLE_HISTORY);
      if (stage === 'qa') requests++;
      if (!people.ok) {
        failed.push({ key: issue.key, why: people.error.message });
        continue;
      }
      const owedHere = remindersOwed(issue, stage, values, people.value, config, deps.now);
      if (owedHere === 'unreadable ledger') unreadableLedgers.push(issue.key);
      else if (owedHere !== null) {
        ledgers.set(issue.id, owedHere.ledger);
        for (const reminder of owedHere.reminders)
          owed.push({ issueId: issue.id, key: issue.key, reminder, enteredAt: owedHere.enteredAt });
      }
    } catch (error) {
      failed.push({ key: issue.key, why: error instanceof Error ? error.message : String(error) });
    }
  }

  // Each request's reminders are claimed in its ledger before they are posted, from the revision read: of two runs at
  // once (a redelivered event, an overlapping schedule) only one claims a reminder, and only the claimer posts it.
  const batch = owed.slice(0, MAX_COMMENTS_PER_PAGE);
  const wanted = new Map<string, string[]>();
  for (const { issueId, reminder } of batch) wanted.set(issueId, [...(wanted.get(issueId) ?? []), reminder.dedupeKey]);
  const claimed = new Map(
    await Promise.all(
      [...wanted].map(
        async ([issueId, keys]) => [issueId, await claimReminders(deps.store, issueId, present(ledgers.get(issueId)), keys)] as const,
      ),
    ),
  );

  let posted = 0;
  let failure: Failure | null = null;
  const unposted = new Map<string, string[]>();
  const approvalEvents = new Map<string, unknown>();
  const refusedIssues = new Set<string>();
  for (const { issueId, key, reminder, enteredAt } of batch) {
    if (!claimed.get(issueId)?.keys.includes(reminder.dedupeKey)) continue;
    if (failure === null && !refusedIssues.has(issueId)) {
      const comment = await deps.jira.addComment(issueId, reminderComment(reminder));
      requests++;
      let postedAfterAll = false;
      if (!comment.ok && comment.error.mayHaveApplied) {
        // The answer was lost, not necessarily the comment: look for it before giving the reminder back.
        const texts = await deps.jira.appCommentTexts(issueId, enteredAt);
        requests++;
        postedAfterAll = texts.ok && texts.value.some((text) => sameText(text, adfToText(reminderComment(reminder))));
      }
      if (comment.ok || postedAfterAll) {
        posted++;
        if (reminder.kind === 'approval-overdue' || reminder.kind === 'approval-escalation') {
          const event: ApprovalEvent = {
            key,
            kind: reminder.kind === 'approval-overdue' ? 'reminded' : 'escalated',
            role: reminder.role,
            at: deps.now.toISOString(),
            waitedMs: null,
          };
          approvalEvents.set(storageKeys.approvalEvent(quarterOf(deps.now), issueId, reminder.dedupeKey), event);
        }
        continue;
      }
      if (isTransient(comment.error)) failure = comment.error;
      else {
        // Refused for this issue alone (deleted, or comments closed on it): given back, and the rest posted. A request
        // Jira deleted since the search (the app, which reads every issue, is told it is not found) is owed nothing:
        // that is no failure to report.
        refusedIssues.add(issueId);
        if (comment.error.code !== 'JIRA.NOT_FOUND') failed.push({ key, why: comment.error.message });
      }
    }
    unposted.set(issueId, [...(unposted.get(issueId) ?? []), reminder.dedupeKey]);
  }
  // Kept by quarter for the audit's "requests whose approvals were reminded or escalated".
  if (approvalEvents.size > 0) await deps.store.setMany(approvalEvents);
  // Give back what was not posted, so the retried event (or the next run) posts it: from the ledger as it is now, so a
  // claim another run made meanwhile is kept.
  await Promise.all(
    [...unposted].map(([issueId, keys]) =>
      changeLedger(deps.store, issueId, present(claimed.get(issueId)?.ledger), (stored) =>
        stored.some((key) => keys.includes(key)) ? stored.filter((key) => !keys.includes(key)) : null,
      ),
    ),
  );
  if (failure !== null) return err(failure);

  const last = page.value.isLast !== false || !page.value.nextPageToken;
  return ok({
    next: last ? null : { ...job, pageToken: page.value.nextPageToken ?? undefined, page: job.page + 1 },
    requests,
    posted,
    deferred: owed.length - batch.length,
    unreadableLedgers,
    failed,
  });
};
