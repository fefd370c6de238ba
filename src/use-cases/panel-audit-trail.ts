import type { IssueReadCode } from '../contracts/resolvers';
import { entriesAsSeen, hasOlderPages, mentionsOf, pagesOfMovedTrail, revisionsOfPage } from '../domain/audit-trail';
import { auditPageSchema } from '../contracts/flight-plan-record.schema';
import { ok, type Failure, type Result } from '../domain/result';
import { issueStateKeys, parseIssueState } from './load-issue-state';
import { storageKeys } from './ports';
import type { AuditTrailView } from '../contracts/views/panel';
import type { Caller, PanelDeps } from './panel-load';
import { callerMay } from './issue-access';

/**
 * One page of the request's audit trail, newest first, for a caller who can see the issue: the record says its
 * revision, and the page's revisions are read by key in one round trip. A record that still carries its trail inside
 * it (stored before the trail moved out) is paged the same way, as its next write will store it. Another request an
 * entry names (a blocker, a template's source) is named only to a caller Jira lets browse it.
 */
export const readAuditTrail = async (
  deps: PanelDeps,
  caller: Caller,
  page: number,
): Promise<Result<AuditTrailView, Failure<IssueReadCode>>> => {
  const permissions = await callerMay(deps.jira, caller, 'browse');
  if (!permissions.ok) return permissions;
  const state = parseIssueState(await deps.store.getMany(issueStateKeys(caller.issueId)), caller.issueId);
  if (!state.ok) return state;
  const { record, embeddedTrail } = state.value;
  const revisions = revisionsOfPage(record.revision, page);
  const pages: ReadonlyMap<number, unknown> =
    embeddedTrail !== null
      ? new Map(pagesOfMovedTrail(embeddedTrail.entries, record.revision).map((moved) => [moved.revision, moved.page]))
      : new Map(
          [...(await deps.store.getMany(revisions.map((revision) => storageKeys.auditPage(caller.issueId, revision))))].map(
            ([key, value]) => [revisionOfAuditKey(key), value],
          ),
        );
  // A page that cannot be read is left out, not the trail.
  const entries = revisions.flatMap((revision) => {
    const stored = auditPageSchema.safeParse(pages.get(revision));
    return stored.success ? [...stored.data.entries].reverse() : [];
  });
  const blockers = record.panelBlockers ?? [];
  const mentioned = [...new Set(entries.flatMap((entry) => mentionsOf(entry, blockers).flatMap(({ id }) => (id === null ? [] : [id]))))];
  const [names, browsable] = await Promise.all([
    deps.jira.displayNames([...new Set(entries.map((entry) => entry.by))]),
    mentioned.length === 0 ? null : deps.jira.browsableIssues(caller.accountId, mentioned),
  ]);
  // Unanswered, Jira's permission check lets the caller see none of them.
  const seen: ReadonlySet<string> = browsable?.ok === true ? browsable.value : new Set();
  return ok({
    entries: entriesAsSeen(entries, blockers, seen),
    page,
    hasOlder: hasOlderPages(record.revision, page),
    people: names.ok ? Object.fromEntries(names.value) : {},
  });
};

const revisionOfAuditKey = (key: string): number => Number(key.slice(key.lastIndexOf(':') + 1));
