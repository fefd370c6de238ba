import { parseStoredRecord } from '../contracts/flight-plan-record.schema';
import type { AdminCode } from '../contracts/resolvers';
import type { AuditPage } from '../domain/audit-trail';
import { emptyRecord, type FlightPlanRecord, type NewAuditEntry } from '../domain/flight-plan-record';
import { failure, ok, type Failure, type Result } from '../domain/result';
import type { AdminDeps } from './admin-config';
import { isRetired, storageKeys } from './ports';
import type { RecordReset } from '../contracts/views/admin';
import { keepUnreadable, revisionOfUnreadable } from './unreadable-values';

/**
 * A Jira admin replaces a request's unreadable Flight Plan with an empty one, so the request can be worked on again
 * (every gate blocks it until then). The unreadable value is kept under its own key and the reset is in the request's
 * audit trail, both in the commit that replaces it. Only an unreadable record is reset: one that reads, or one a newer
 * version of the app wrote, is refused and left as it is.
 */
export const resetUnreadableRecord = async (
  deps: AdminDeps,
  accountId: string,
  typedKey: string,
): Promise<
  Result<RecordReset, Failure<AdminCode | 'RECORD.NO_SUCH_REQUEST' | 'RECORD.READABLE' | 'RECORD.FUTURE_VERSION' | 'RECORD.STALE'>>
> => {
  const issue = await deps.jira.getIssue(typedKey);
  if (!issue.ok) return failure('RECORD.NO_SUCH_REQUEST', `there is no request ${typedKey} that you can see`);
  const { id: issueId, key: issueKey } = issue.value;
  // A Jira admin need not see every project: nothing is changed on a request the admin cannot see.
  const permissions = await deps.jira.issuePermissions(accountId, issueId);
  if (!permissions.ok) return permissions;
  if (!permissions.value.browse) return failure('RECORD.NO_SUCH_REQUEST', `there is no request ${issueKey} that you can see`);

  const key = storageKeys.record(issueId);
  const raw = (await deps.store.getMany([key])).get(key);
  if (raw === undefined) return failure('RECORD.READABLE', `${issueKey} has no Flight Plan yet, so there is nothing to reset`);
  const stored = parseStoredRecord(raw, issueId);
  if (stored.ok) return failure('RECORD.READABLE', `the Flight Plan of ${issueKey} reads as it should, so it was not reset`);
  if (stored.error.code === 'RECORD.FUTURE_VERSION')
    return failure(
      'RECORD.FUTURE_VERSION',
      `the Flight Plan of ${issueKey} was saved by a newer version of Flight Plan: update the app instead of resetting it`,
    );

  const readRevision = await revisionOfUnreadable(deps.store, key, raw);
  const record: FlightPlanRecord = { ...emptyRecord(issueId), revision: readRevision + 1 };
  const entry: NewAuditEntry = {
    by: accountId,
    at: deps.now.toISOString(),
    action: 'record.reset',
    detail: 'an unreadable Flight Plan was replaced by an empty one; the unreadable one is kept in app storage',
  };
  const outcome = await deps.store.commit({
    guarded: [{ key, value: record, readRevision, revision: record.revision }],
    plain: new Map([
      keepUnreadable(key, readRevision, raw),
      [storageKeys.auditPage(issueId, record.revision), { entries: [entry] } satisfies AuditPage],
    ]),
  });
  if (outcome === 'conflict')
    return (await isRetired(deps.store, key))
      ? failure('RECORD.NO_SUCH_REQUEST', `Jira deleted ${issueKey} while you reset its Flight Plan, so nothing was reset`)
      : failure('RECORD.STALE', `the Flight Plan of ${issueKey} was saved while you reset it; look at it again before resetting`);
  return ok({ issueKey, revision: record.revision });
};
