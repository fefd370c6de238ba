import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { adminHandlers } from '../../src/handlers/resolvers/admin.resolver';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { issueChangedHandler } from '../../src/handlers/triggers/issue-changed.trigger';
import { issueDeletedHandler } from '../../src/handlers/triggers/issue-deleted.trigger';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { runRemindersPage, startReminders } from '../../src/use-cases/run-reminders';
import { guardedKeysOf, RETIRED_REVISION, storageKeys, type Commit } from '../../src/use-cases/ports';
import { ASSIGNEE, completeRecord, NOW } from '../fakes/fixtures';
import { world } from '../fakes/site-deps';
import type { FlightPlanRecord } from '../../src/domain/flight-plan-record';

/**
 * Jira deletes a request while something still writes to it: an event delivered late, an hourly page that searched
 * before the deletion, a panel still open in a tab. The deletion retires the request's revision guards, so every such
 * write is refused; each writer must take that refusal for what it is, quietly (or, in the panel, in plain words), and
 * never as a reason to try again, log an error or write half of what it meant to.
 */
const ADMIN = 'acc-admin';
const ISSUE = { id: '10001', key: 'MKT-1' };
const panelContext = { accountId: ASSIGNEE, extension: { type: 'jira:issuePanel', issue: ISSUE } };

const setup = (record: FlightPlanRecord | null = completeRecord('regulated')) => {
  const w = world(record);
  w.jira.admins.add(ADMIN);
  for (const who of [ASSIGNEE, ADMIN]) {
    w.jira.grant(who, ISSUE.id, 'browse');
    w.jira.grant(who, ISSUE.id, 'edit');
  }
  /** Jira deletes the request, and the app's issue-deleted trigger runs, as on a site. */
  const deleteRequest = async () => {
    w.jira.deleteIssue(ISSUE.id);
    expect(await issueDeletedHandler(w.deps)({ eventType: 'avi:jira:deleted:issue', issue: ISSUE })).toBeUndefined();
  };
  const commits: Commit[] = [];
  const commit = w.store.commit.bind(w.store);
  /** What happens once, just before or just after the next commit of a guarded key of the request (after its writer read it). */
  let around: { readonly when: 'before' | 'after'; readonly run: () => Promise<void> } | null = null;
  w.store.commit = async (change) => {
    commits.push(change);
    const hook = change.guarded.some(({ key }) => guardedKeysOf(ISSUE.id).includes(key)) ? around : null;
    if (hook !== null) around = null;
    if (hook?.when === 'before') await hook.run();
    const outcome = await commit(change);
    if (hook?.when === 'after') await hook.run();
    return outcome;
  };
  /** Jira deletes the request, and the app's trigger runs, just before the writer's next commit. */
  const deleteBeforeNextCommit = () => {
    around = { when: 'before', run: deleteRequest };
  };
  /** Jira deletes the request just after the writer's next commit; the app's trigger for it comes later. */
  const deleteInJiraAfterNextCommit = () => {
    around = { when: 'after', run: async () => w.jira.deleteIssue(ISSUE.id) };
  };
  /** What the store still holds of the request besides the quarter's audit and the mark the refresh prunes. */
  const heldOfRequest = () =>
    [...w.store.data.keys()].filter(
      (key) =>
        (key.includes(`:${ISSUE.id}:`) || key.endsWith(`:${ISSUE.id}`)) &&
        !key.startsWith('approvalevent:') &&
        !key.startsWith('governance:') &&
        key !== storageKeys.deletedIssue(ISSUE.id),
    );
  return { ...w, deleteRequest, deleteBeforeNextCommit, deleteInJiraAfterNextCommit, commits, heldOfRequest };
};

const statusChange = (retryCount?: number) => ({
  eventType: 'avi:jira:updated:issue',
  timestamp: NOW.getTime(),
  issue: ISSUE,
  atlassianId: ASSIGNEE,
  changelog: { items: [{ field: 'status', fieldId: 'status', fromString: 'Build', toString: 'QA + Governance' }] },
  ...(retryCount === undefined ? {} : { retryContext: { retryCount, retryReason: 'FUNCTION_RETRY_REQUEST' } }),
});

describe('writers meeting a request Jira deleted', () => {
  let errors: MockInstance<typeof console.error>;
  beforeEach(() => {
    errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    errors.mockRestore();
  });

  const revisionOf = (store: ReturnType<typeof setup>['store']) =>
    (store.data.get(storageKeys.record(ISSUE.id)) as { revision: number }).revision;
  const answer = (done: boolean, expectedRevision: number) => ({
    payload: { expectedRevision, code: 'qa.forms-tested', done },
    context: panelContext,
  });

  describe('the panel, still open in a tab', () => {
    it('says that Jira deleted the request when it loads or saves, and stores nothing', async () => {
      // Before, Jira's permission check (which ignores an issue it does not know) made it "you do not have permission".
      const { store, deps, deleteRequest, heldOfRequest } = setup();
      const panel = panelHandlers(deps);
      const opened = revisionOf(store);
      await deleteRequest();
      expect(await panel['record/get']({ context: panelContext })).toEqual({
        ok: false,
        error: { code: 'ISSUE.DELETED', message: 'Jira deleted this request: there is nothing left here to show' },
      });
      expect(await panel['checklist/answer'](answer(true, opened))).toEqual({
        ok: false,
        error: { code: 'ISSUE.DELETED', message: 'Jira deleted this request, so nothing was saved: there is nothing left here to change' },
      });
      expect(heldOfRequest()).toEqual([]);
      expect(errors).not.toHaveBeenCalled();
    });

    it('says the same from each of its other sections: trail, forecast, people, dependencies', async () => {
      // Before, each answered "you cannot see this issue" or "you do not have permission to edit this issue".
      const { deps, deleteRequest } = setup();
      const panel = panelHandlers(deps);
      await deleteRequest();
      const answers = {
        audit: await panel['record/audit']({ payload: { page: 0 }, context: panelContext }),
        forecast: await panel['forecast/get']({ context: panelContext }),
        people: await panel['people/search']({ payload: { query: 'ann' }, context: panelContext }),
        dependencies: await panel['dependency/get']({ context: panelContext }),
        search: await panel['dependency/search']({ payload: { query: 'webinar' }, context: panelContext }),
      };
      for (const answer of Object.values(answers))
        expect(answer).toEqual({
          ok: false,
          error: { code: 'ISSUE.DELETED', message: 'Jira deleted this request: there is nothing left here to show' },
        });
      for (const answer of [
        await panel['dependency/add']({ payload: { key: 'MKT-2' }, context: panelContext }),
        await panel['dependency/remove']({ payload: { linkId: '10100' }, context: panelContext }),
      ])
        expect(answer).toMatchObject({
          ok: false,
          error: { code: 'ISSUE.DELETED', message: expect.stringContaining('nothing was saved') },
        });
    });

    it('still refuses a caller who may not see a request Jira still has, as before', async () => {
      const { deps } = setup();
      expect(await panelHandlers(deps)['record/get']({ context: { ...panelContext, accountId: 'acc-stranger' } })).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION.DENIED', message: 'you cannot see this issue' },
      });
    });

    it('refuses a save read just before the deletion in the same words, writing none of it', async () => {
      // Before: "someone saved this Flight Plan since you opened it; reload", and a reload then said "no permission".
      const { store, deps, deleteBeforeNextCommit, heldOfRequest } = setup();
      deleteBeforeNextCommit();
      expect(await panelHandlers(deps)['checklist/answer'](answer(true, revisionOf(store)))).toEqual({
        ok: false,
        error: { code: 'ISSUE.DELETED', message: 'Jira deleted this request, so nothing was saved: there is nothing left here to change' },
      });
      expect(heldOfRequest()).toEqual([]);
      for (const key of guardedKeysOf(ISSUE.id)) expect(store.revisions.get(key)).toBe(RETIRED_REVISION);
    });
  });

  describe('the issue-updated trigger', () => {
    it('ends quietly on an event delivered after the deletion, writing nothing', async () => {
      // Before, Jira's 404 was logged as an error: "issue-changed trigger could not update issue MKT-1".
      const { deps, deleteRequest, commits, heldOfRequest } = setup();
      await deleteRequest();
      const before = commits.length;
      expect(await issueChangedHandler(deps)(statusChange())).toBeUndefined();
      expect(commits.length).toBe(before);
      expect(heldOfRequest()).toEqual([]);
      expect(errors).not.toHaveBeenCalled();
    });

    it('stops at its first refused append when Jira deleted the request after it was read', async () => {
      // Before, the append was tried 5 times, then thrown as storage failing: the platform was asked to retry.
      const { deps, deleteBeforeNextCommit, commits, heldOfRequest } = setup();
      deleteBeforeNextCommit();
      const before = commits.length;
      expect(await issueChangedHandler(deps)(statusChange())).toBeUndefined();
      // The append, and the deletion's own commit: nothing tried again.
      expect(commits.length - before).toBe(2);
      expect(heldOfRequest()).toEqual([]);
      expect(errors).not.toHaveBeenCalled();
    });

    it('ends quietly when Jira deleted the request between the append and the summary', async () => {
      const { deps, deleteInJiraAfterNextCommit, heldOfRequest } = setup();
      deleteInJiraAfterNextCommit();
      expect(await issueChangedHandler(deps)(statusChange())).toBeUndefined();
      expect(errors).not.toHaveBeenCalled();
      expect(await issueDeletedHandler(deps)({ eventType: 'avi:jira:deleted:issue', issue: ISSUE })).toBeUndefined();
      expect(heldOfRequest()).toEqual([]);
    });
  });

  describe('the issue-created trigger, Jira deleting the new request while it runs', () => {
    const created = { eventType: 'avi:jira:created:issue', timestamp: NOW.getTime(), issue: ISSUE, atlassianId: ASSIGNEE };
    const issueReads = (jira: ReturnType<typeof setup>['jira']) =>
      jira.requests.filter((request) => request.method === 'GET' && request.path.startsWith(`/rest/api/3/issue/${ISSUE.id}`)).length;

    it('leaves nothing of it when the deletion came between its read and its first append', async () => {
      // Before: the issue-deleted trigger, run before the append, found nothing held and wrote nothing; the append then
      // created the stage log, kept for good.
      const { deps, store, jira, deleteBeforeNextCommit, heldOfRequest } = setup(null);
      deleteBeforeNextCommit();
      expect(await issueChangedHandler(deps)(created)).toBeUndefined();
      expect(heldOfRequest()).toEqual([]);
      for (const key of guardedKeysOf(ISSUE.id)) expect(store.revisions.get(key)).toBe(RETIRED_REVISION);
      expect(store.data.has(storageKeys.deletedIssue(ISSUE.id))).toBe(true);
      // The read of the event, and the one asking after the append: nothing written to Jira.
      expect(issueReads(jira)).toBe(2);
      expect(jira.requests.filter((request) => request.method === 'PUT')).toEqual([]);
      expect(errors).not.toHaveBeenCalled();
    });

    it('leaves nothing when the deletion came just after the append, its trigger running later', async () => {
      const { deps, deleteInJiraAfterNextCommit, heldOfRequest } = setup(null);
      deleteInJiraAfterNextCommit();
      expect(await issueChangedHandler(deps)(created)).toBeUndefined();
      expect(heldOfRequest()).toEqual([]);
      expect(await issueDeletedHandler(deps)({ eventType: 'avi:jira:deleted:issue', issue: ISSUE })).toBeUndefined();
      expect(heldOfRequest()).toEqual([]);
      expect(errors).not.toHaveBeenCalled();
    });

    it('asks Jira once more only for the append that creates the stage log', async () => {
      const { deps, store, jira } = setup(null);
      expect(await issueChangedHandler(deps)(created)).toBeUndefined();
      expect(issueReads(jira)).toBe(2);
      expect(store.data.has(storageKeys.stageLog(ISSUE.id))).toBe(true);
      expect(await issueChangedHandler(deps)(statusChange())).toBeUndefined();
      expect(issueReads(jira)).toBe(3);
      expect(store.data.has(storageKeys.deletedIssue(ISSUE.id))).toBe(false);
    });
  });

  it('the issue-created trigger of a request its creator chose a template for ends quietly after the deletion', async () => {
    // Before, the template's start answered "no permission to edit", logged as an error the trigger could not mend.
    const { deps, store, jira, deleteRequest, heldOfRequest } = setup(null);
    const choice = { projectId: jira.projectId('MKT'), templateId: 'tpl-1', at: NOW.toISOString() };
    store.data.set(storageKeys.templateChoice(ASSIGNEE), { revision: 1, choices: [choice] });
    await deleteRequest();
    expect(await issueChangedHandler(deps)({ eventType: 'avi:jira:created:issue', issue: ISSUE, atlassianId: ASSIGNEE })).toBeUndefined();
    expect(errors).not.toHaveBeenCalled();
    expect(heldOfRequest()).toEqual([]);
    expect(store.data.get(storageKeys.templateChoice(ASSIGNEE))).toEqual({ revision: 1, choices: [choice] });
  });

  describe('the hourly reminder page', () => {
    /** A request in QA since 4 June, its SLA breached: the page owes its assignee a reminder. */
    const overdue = () => {
      const w = setup();
      w.store.data.set(storageKeys.stageLog(ISSUE.id), [
        {
          at: '2026-06-04T09:00:00.000Z',
          fromStatus: 'Build',
          toStatus: 'QA + Governance',
          fromStage: 'build',
          toStage: 'qa',
          by: ASSIGNEE,
        },
      ]);
      const run = () => runRemindersPage(w.deps(), DEFAULT_CONFIG, startReminders(DEFAULT_CONFIG, NOW));
      return { ...w, run };
    };

    it('posts nothing and reports nothing for a request deleted after its search, and tries no claim again', async () => {
      const { run, deleteBeforeNextCommit, commits, jira, heldOfRequest } = overdue();
      deleteBeforeNextCommit();
      const before = commits.length;
      expect(await run()).toMatchObject({ ok: true, value: { posted: 0, failed: [], unreadableLedgers: [] } });
      // The claim, and the deletion's own commit: the retired ledger is not read and claimed again.
      expect(commits.length - before).toBe(2);
      expect(jira.requests.some((request) => request.method === 'POST' && request.path.includes('/comment'))).toBe(false);
      expect(heldOfRequest()).toEqual([]);
    });

    it('reports no failure for a request Jira deleted between the claim and the comment', async () => {
      // Before, Jira's 404 on the comment was reported as a failure to remind MKT-1.
      const { run, store, deps, deleteInJiraAfterNextCommit } = overdue();
      deleteInJiraAfterNextCommit();
      expect(await run()).toMatchObject({ ok: true, value: { posted: 0, failed: [] } });
      expect(await issueDeletedHandler(deps)({ eventType: 'avi:jira:deleted:issue', issue: ISSUE })).toBeUndefined();
      expect(store.data.has(storageKeys.reminders(ISSUE.id))).toBe(false);
    });
  });

  describe("an admin's reset of an unreadable record", () => {
    it('says that Jira deleted the request when it did so during the reset, and resets nothing', async () => {
      // Before: "the Flight Plan of MKT-1 was saved while you reset it; look at it again before resetting".
      const { store, deps, deleteBeforeNextCommit, heldOfRequest } = setup();
      store.data.set(storageKeys.record(ISSUE.id), { schemaVersion: 2, revision: 5, assets: 'torn' });
      deleteBeforeNextCommit();
      expect(
        await adminHandlers(deps)['record/reset']({
          payload: { issueKey: ISSUE.key },
          context: { accountId: ADMIN, extension: { type: 'jira:adminPage' } },
        }),
      ).toEqual({
        ok: false,
        error: { code: 'RECORD.NO_SUCH_REQUEST', message: 'Jira deleted MKT-1 while you reset its Flight Plan, so nothing was reset' },
      });
      expect(heldOfRequest()).toEqual([]);
    });
  });
});
