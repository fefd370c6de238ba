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
import { ok, type Failure, type Result } from '../domain/result';
import { appendStageChange, lastEntryInto, type StageChange } from '../domain/stage-log';
import { scoreTriage } from '../domain/triage-score';
import { stageLogSchema } from '../contracts/stage-log.schema';
import { issueStateKeys, parseIssueState } from './load-issue-state';
import { storageKeys, type AppStore } from './ports';
import { SUMMARY_PROPERTY_KEY, type JiraApi } from './jira-port';

/**
 * What the messaging library did for a request entering Launch, for the quarterly audit: judged
 * on the copy that launched, at the QA gate's tier, when it launched. Nothing for an unreadable record.
 */
const libraryUseAtLaunch = (values: ReadonlyMap<string, unknown>, facts: IssueFacts, config: AppConfig, at: string): (LibraryUse & { readonly key: string }) | null => {
  const state = parseIssueState(values, facts.issueId);
  if (!state.ok) return null;
  const { record } = state.value;
  const use = libraryUseOf(reviewLexicon(record, { facts, config }, effectiveTier('qa', record, facts), new Date(at)).resolvedByLibrary);
  return use === null ? null : { key: facts.issueKey, ...use };
};

export interface IssueChangedOutcome {
  readonly stageChange: StageChange | null;
  readonly scoreWritten: number | null;
  readonly summaryWritten: boolean;
}

/** What happens to an issue that is not a Marketing Request: nothing read beyond it, nothing written. */
const NOT_A_REQUEST: IssueChangedOutcome = { stageChange: null, scoreWritten: null, summaryWritten: false };

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
 * that does not depend on it). One Jira read, at most two Jira writes (none that would change
 * nothing), one storage read and at most one storage write.
 * A corrupt Flight Plan record stops only the summary: the stage log and the score need the
 * configuration, not the record.
 */
export const onIssueChanged = async (
  deps: { readonly jira: JiraApi; readonly store: AppStore; readonly now: Date },
  event: IssueEvent,
): Promise<Result<IssueChangedOutcome, Failure>> => {
  // The event names the issue type: another type costs no request at all.
  const announcedType = event.issue.fields?.issuetype;
  if (announcedType !== undefined && !isMarketingRequest(announcedType)) return ok(NOT_A_REQUEST);
  const issue = await deps.jira.getIssue(event.issue.id, { withSummary: true });
  if (!issue.ok) return issue;
  if (!isMarketingRequest(issue.value.fields['issuetype'])) return ok(NOT_A_REQUEST);
  const facts = issueFactsFrom(issue.value);
  const logKey = storageKeys.stageLog(facts.issueId);
  const values = await deps.store.getMany([...issueStateKeys(facts.issueId), logKey]);
  const stored = parseStoredConfig(values.get(storageKeys.config));
  if (!stored.ok) return stored;
  const { config } = stored.value;

  const created = event.eventType === 'avi:jira:created:issue';
  const statusItem = event.changelog?.items.find(isStatusItem);
  let stageChange: StageChange | null = null;
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
    const log = stageLogSchema.safeParse(values.get(logKey) ?? []);
    // A corrupt log is replaced by one that starts now, rather than blocking every later change.
    const current = log.success ? log.data : [];
    const next = appendStageChange(current, stageChange);
    // A redelivered event changes nothing, so nothing is written.
    if (next !== current || !log.success) {
      const writes = new Map<string, unknown>([[logKey, next]]);
      if (next !== current && stageChange.toStage === 'launch') {
        const use = libraryUseAtLaunch(values, facts, config, stageChange.at);
        if (use !== null) writes.set(storageKeys.libraryUse(quarterOf(new Date(stageChange.at)), facts.issueId, Date.parse(stageChange.at)), use);
      }
      await deps.store.setMany(writes);
    }
  }

  const ids = appFieldIds(issue.value);
  const score = scoreTriage(facts.scores, config.triage)?.score ?? null;
  const currentScore = ids.triageScore === undefined ? undefined : issue.value.fields[ids.triageScore];
  let scoreWritten: number | null = null;
  // Writing only on a real change is what keeps the score write from re-triggering this handler forever.
  if (ids.triageScore !== undefined && (currentScore ?? null) !== score) {
    const written = await deps.jira.setAppFieldValue(ids.triageScore, facts.issueId, score);
    if (!written.ok) return written;
    scoreWritten = score;
  }

  const state = parseIssueState(values, facts.issueId);
  if (!state.ok) return state;
  const stage = stageOfStatus(facts.status, config.statusMap);
  const log = stageLogSchema.safeParse(values.get(logKey) ?? []);
  const logged = stageChange === null ? (log.success ? log.data : []) : appendStageChange(log.success ? log.data : [], stageChange);
  const { summary } = evaluateRecord(state.value.record, facts, config, deps.now, stage, { launchEnteredAt: lastEntryInto(logged, 'launch') ?? null });
  // Jira gave the property with the issue: an unchanged summary is not written again.
  if (sameJson(issue.value.properties?.[SUMMARY_PROPERTY_KEY], summary)) return ok({ stageChange, scoreWritten, summaryWritten: false });
  const mirrored = await deps.jira.setSummaryProperty(facts.issueId, summary);
  if (!mirrored.ok) return mirrored;
  return ok({ stageChange, scoreWritten, summaryWritten: true });
};
