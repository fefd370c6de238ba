import { NO_PEOPLE_HISTORY } from '../../src/domain/issue-facts';
import { describe, expect, it, vi } from 'vitest';
import { adfToText, issueFactsFrom } from '../../src/contracts/jira-issue-facts';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { err, ok } from '../../src/domain/result';
import { evaluateGate } from '../../src/domain/gates/evaluate-gate';
import { emptyRecord } from '../../src/domain/flight-plan-record';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import {
  addDependency,
  confirmUnlinkedBlocker,
  readDependencies,
  removeDependency,
  searchDependencyCandidates,
} from '../../src/use-cases/dependencies';
import { parseStoredRecord } from '../../src/contracts/flight-plan-record.schema';
import { blockerOutcomeOf, tellDependents } from '../../src/use-cases/dependency-notices';
import { SUMMARY_PROPERTY_KEY, type JiraApi } from '../../src/use-cases/jira-port';
import { readPanel } from '../../src/use-cases/panel-view';
import { runCommand } from '../../src/use-cases/panel-commands';
import { readAuditTrail } from '../../src/use-cases/panel-audit-trail';
import type { AuditPage } from '../../src/domain/audit-trail';
import { StorageError, storageKeys } from '../../src/use-cases/ports';
import { LEASE_MS } from '../../src/use-cases/store-lease';
import { issueChangedHandler } from '../../src/handlers/triggers/issue-changed.trigger';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { CURRENT_CONFIG_VERSION } from '../../src/contracts/app-config.schema';
import { parseStageLog } from '../../src/contracts/stage-log.schema';
import type { RestCaller } from '../../sandbox/jira/rest-shapes';
import { userByRole } from '../../sandbox/catalogue';
import { setUpProject } from '../../sandbox/seed';
import { MemoryStore } from '../fakes/memory-store';
import { handlerOf } from '../fakes/resolver-calls';
import { jiraApiOn, REQUIRED_BRIEF, setUpSite, SITE_NOW } from '../sandbox/sandbox-site';

const OPS = userByRole('ops-lead').accountId;
const EXECUTIVE = userByRole('executive').accountId;
const BUILDER = userByRole('builder').accountId;

/** What telling dependents needs, with a notice ledger of its own. */
const freshNotices = (jira: JiraApi) => ({ jira, store: new MemoryStore(), now: SITE_NOW });

/** MKT set up on a sandbox site with four requests; the use cases as the panel runs them, for one person. */
const world = async () => {
  const site = await setUpSite();
  for (const summary of ['Spring webinar', 'Pricing page refresh', 'Partner email', 'Launch video']) {
    await site.call('POST', '/issue', {
      fields: { project: { key: 'MKT' }, issuetype: { name: 'Marketing Request' }, summary, ...REQUIRED_BRIEF },
    });
  }
  const api = (caller: RestCaller) => jiraApiOn(site.jira, caller);
  const store = new MemoryStore();
  const deps = (accountId = OPS) => ({ jira: api({ kind: 'app' }), jiraAsUser: api({ kind: 'user', accountId }), store, now: SITE_NOW });
  const on = (key: string, accountId = OPS) => ({ accountId, issueId: site.jira.find(key)!.id });
  const moveTo = (key: string, statusName: string) => {
    site.jira.find(key)!.statusId = site.store.data.config.statuses.find((status) => status.name === statusName)!.id;
  };
  /** The panel's resolvers as Forge calls them: the payload as the frame sent it, parsed by the contract's schema. */
  const panel = (key: string) => (issueKey: string, payload: unknown) =>
    handlerOf(
      panelHandlers(() => deps()),
      key,
    )({ payload, context: { accountId: OPS, extension: { type: 'jira:issuePanel', issue: { id: on(issueKey).issueId, key: issueKey } } } });
  return { site, deps, on, moveTo, panel, store, appJira: api({ kind: 'app' }) };
};

describe('dependencies on the panel, as Jira issue links', () => {
  it('records "MKT-1 is blocked by MKT-2" as a Blocks link in Jira, shown from both sides', async () => {
    const { site, deps, on, panel } = await world();
    const added = await panel('dependency/add')('MKT-1', { key: 'mkt-2' });
    expect(added).toMatchObject({
      ok: true,
      data: {
        blockedBy: [{ key: 'MKT-2', summary: 'Pricing page refresh', stage: 'Intake', launched: false }],
        blocks: [],
        canEdit: true,
      },
    });
    // Jira holds it: MKT-2 blocks MKT-1.
    expect(site.store.data.issueLinks).toEqual([
      expect.objectContaining({ typeId: '10000', outwardId: site.jira.find('MKT-2')!.id, inwardId: site.jira.find('MKT-1')!.id }),
    ]);
    expect(await readDependencies(deps(), on('MKT-2'))).toMatchObject({ ok: true, value: { blockedBy: [], blocks: [{ key: 'MKT-1' }] } });
  });

  it('refuses a request that does not exist, the request itself, the same one twice, and anyone who may not edit', async () => {
    const { site, deps, on, panel } = await world();
    expect(await addDependency(deps(), on('MKT-1'), { key: 'MKT-99' })).toMatchObject({
      ok: false,
      error: { code: 'DEPENDENCY.NOT_FOUND', message: 'there is no request MKT-99, or you cannot see it' },
    });
    expect(await addDependency(deps(), on('MKT-1'), { key: 'MKT-1' })).toMatchObject({ ok: false, error: { code: 'DEPENDENCY.SELF' } });
    expect(await panel('dependency/add')('MKT-1', { key: 'twelve' })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD.INVALID', message: expect.stringContaining('a request key looks like MKT-12') },
    });
    expect(await addDependency(deps(EXECUTIVE), on('MKT-1', EXECUTIVE), { key: 'MKT-2' })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION.DENIED' },
    });
    await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
    expect(await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' })).toMatchObject({ ok: false, error: { code: 'COMMAND.NO_CHANGE' } });
    expect(site.store.data.issueLinks).toHaveLength(1);
  });

  it('refuses a dependency that would close a loop, however long, and links nothing', async () => {
    const { site, deps, on } = await world();
    // MKT-1 waits on MKT-2, which waits on MKT-3.
    await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
    await addDependency(deps(), on('MKT-2'), { key: 'MKT-3' });
    expect(await addDependency(deps(), on('MKT-3'), { key: 'MKT-1' })).toEqual({
      ok: false,
      error: {
        code: 'DEPENDENCY.CYCLE',
        message: 'MKT-1 already waits on this request (MKT-3 waits on MKT-1 waits on MKT-2 waits on MKT-3), so neither could launch',
      },
    });
    expect(site.store.data.issueLinks).toHaveLength(2);
    // Not a loop: MKT-4 may wait on MKT-1.
    expect((await addDependency(deps(), on('MKT-4'), { key: 'MKT-1' })).ok).toBe(true);
  });

  it('keeps exactly one of two links made the two ways at the same moment, and tells the other person why in plain words', async () => {
    const { site, deps, on } = await world();
    // Each starts before either links: without one add at a time, each check sees no loop and both links are made.
    const [oneWay, otherWay] = await Promise.all([
      addDependency(deps(), on('MKT-1'), { key: 'MKT-2' }),
      addDependency(deps(BUILDER), on('MKT-2', BUILDER), { key: 'MKT-1' }),
    ]);
    const links = site.store.data.issueLinks ?? [];
    expect(links).toHaveLength(1);
    const [kept, refused] = oneWay.ok ? [oneWay, otherWay] : [otherWay, oneWay];
    expect(kept.ok).toBe(true);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'DEPENDENCY.CYCLE', message: expect.stringMatching(/^MKT-\d already waits on this request/) },
    });
    // The link Jira keeps is the one the panel of the person whose add went through shows.
    const keptOn = oneWay.ok ? 'MKT-1' : 'MKT-2';
    expect(await readDependencies(deps(), on(keptOn))).toMatchObject({
      ok: true,
      value: { blockedBy: [{ key: keptOn === 'MKT-1' ? 'MKT-2' : 'MKT-1' }] },
    });
  });

  it('takes over a lease left by a run that crashed once it has expired, and asks a person to try again while it holds', async () => {
    const { site, deps, on, store } = await world();
    // A run that took the lease a moment ago and never gave it back: it holds for longer than a person waits.
    store.data.set(storageKeys.dependencyLinkLease, { expiresAt: SITE_NOW.getTime() + LEASE_MS });
    expect(await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' })).toMatchObject({
      ok: false,
      error: { code: 'DEPENDENCY.BUSY', message: 'someone else is changing dependencies at this moment; try again in a few seconds' },
    });
    expect(site.store.data.issueLinks ?? []).toHaveLength(0);
    // Once its time has passed, linking goes on: a crashed run cannot freeze it.
    const later = { ...deps(), now: new Date(SITE_NOW.getTime() + LEASE_MS) };
    expect((await addDependency(later, on('MKT-1'), { key: 'MKT-2' })).ok).toBe(true);
    expect(site.store.data.issueLinks ?? []).toHaveLength(1);
  }, 30_000);

  it('takes a lease that runs out while the person waits for it', async () => {
    const { site, deps, on, store } = await world();
    // Held for one more moment: the wait outlasts it, so the add goes on instead of asking to try again.
    store.data.set(storageKeys.dependencyLinkLease, { expiresAt: SITE_NOW.getTime() + 1 });
    expect((await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' })).ok).toBe(true);
    expect(site.store.data.issueLinks ?? []).toHaveLength(1);
  });

  it('asks search/jql for the links it just made (search and reconcile), never for more ids than Jira takes', async () => {
    const { site, deps, on } = await world();
    const bodies: unknown[] = [];
    const call = site.jira.handle.bind(site.jira);
    site.jira.handle = (request) => {
      if (request.path.endsWith('/search/jql')) bodies.push(request.body);
      return call(request);
    };
    await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
    expect(bodies[0]).toMatchObject({ jql: 'key in ("MKT-2")', reconcileIssues: [Number(site.jira.find('MKT-2')!.id)] });
    expect(
      await site.call('POST', '/search/jql', {
        jql: 'project = MKT',
        reconcileIssues: Array.from({ length: 51 }, (_, index) => index + 1),
      }),
    ).toMatchObject({ status: 400 });
  });

  it('finds candidates by key or by words of the summary, leaving the request itself out', async () => {
    const { deps, on, panel } = await world();
    const found = async (query: string) => {
      const answer = await searchDependencyCandidates(deps(), on('MKT-1'), { query });
      return answer.ok ? answer.value.map((candidate) => candidate.key) : answer.error.code;
    };
    expect(await found('mkt-3')).toEqual(['MKT-3']);
    expect(await found('pricing')).toEqual(['MKT-2']);
    expect(await found('Spring')).toEqual([]);
    expect(await found('"quoted" (words)')).toEqual([]);
    expect(await panel('dependency/search')('MKT-1', { query: 'x' })).toMatchObject({ ok: false, error: { code: 'PAYLOAD.INVALID' } });
  });

  it("removes only one of this request's own blockers", async () => {
    const { site, deps, on } = await world();
    // Its owner removes it: a blocker not launched is theirs (or a triage lead's) to remove.
    site.jira.find('MKT-1')!.assigneeId = OPS;
    await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
    await addDependency(deps(), on('MKT-3'), { key: 'MKT-4' });
    const [mine, other] = site.store.data.issueLinks!;
    expect(await removeDependency(deps(), on('MKT-1'), { linkId: other!.id })).toMatchObject({
      ok: false,
      error: { code: 'DEPENDENCY.NOT_FOUND' },
    });
    expect(await removeDependency(deps(), on('MKT-1'), { linkId: mine!.id })).toMatchObject({ ok: true, value: { blockedBy: [] } });
    expect(site.store.data.issueLinks).toEqual([other]);
  });

  /** The request's audit trail as stored, oldest first. */
  const trailOf = (store: MemoryStore, issueId: string) =>
    [...store.data]
      .filter(([key]) => key.startsWith(storageKeys.auditPagesOf(issueId)))
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([, page]) => (page as AuditPage).entries)
      .map(({ by, action, detail }) => ({ by, action, detail }));

  it('notes in the audit trail who added and who removed each blocker, and whether it had launched', async () => {
    const { site, on, panel, store } = await world();
    site.jira.find('MKT-1')!.assigneeId = OPS;
    expect(await panel('dependency/add')('MKT-1', { key: 'MKT-2' })).toMatchObject({ ok: true });
    const linkId = site.store.data.issueLinks![0]!.id;
    expect(await panel('dependency/remove')('MKT-1', { linkId })).toMatchObject({ ok: true, data: { blockedBy: [] } });
    expect(trailOf(store, on('MKT-1').issueId)).toEqual([
      { by: OPS, action: 'dependency.added', detail: 'dependency added: blocked by MKT-2' },
      { by: OPS, action: 'dependency.removed', detail: 'dependency removed: no longer blocked by MKT-2, which had not launched' },
    ]);
    // Each note is a panel save: the record's revision, and the JQL summary written after it.
    expect(store.data.get(storageKeys.record(on('MKT-1').issueId))).toMatchObject({ revision: 2 });
    expect(site.jira.find('MKT-1')!.properties[SUMMARY_PROPERTY_KEY]).toMatchObject({ revision: 2 });
  });

  it("leaves a blocker not launched to the request's owner or a triage lead; any editor removes a launched one", async () => {
    const { site, deps, on, moveTo, store } = await world();
    site.jira.find('MKT-1')!.assigneeId = OPS;
    // Any editor adds a blocker: it only holds the request back.
    await addDependency(deps(BUILDER), on('MKT-1', BUILDER), { key: 'MKT-2' });
    const added = await addDependency(deps(BUILDER), on('MKT-1', BUILDER), { key: 'MKT-3' });
    expect(added).toMatchObject({ ok: true, value: { canEdit: true, canRemoveUnlaunched: false } });
    expect(await readDependencies(deps(), on('MKT-1'))).toMatchObject({ ok: true, value: { canRemoveUnlaunched: true } });
    const linkTo = (key: string) => (added.ok ? added.value.blockedBy.find((entry) => entry.key === key)!.linkId : '');
    expect(await removeDependency(deps(BUILDER), on('MKT-1', BUILDER), { linkId: linkTo('MKT-2') })).toEqual({
      ok: false,
      error: {
        code: 'DEPENDENCY.NOT_OWNER',
        message:
          "only this request's owner (its assignee) or a triage lead can remove a request it is blocked by that has not launched yet",
      },
    });
    expect(site.store.data.issueLinks).toHaveLength(2);
    // Launched, MKT-3 holds nothing back: the builder tidies it away, and the trail says so.
    moveTo('MKT-3', 'Launch');
    expect(await removeDependency(deps(BUILDER), on('MKT-1', BUILDER), { linkId: linkTo('MKT-3') })).toMatchObject({ ok: true });
    // A triage lead of the admin's configuration may remove the one not launched.
    store.data.set(storageKeys.config, {
      schemaVersion: CURRENT_CONFIG_VERSION,
      revision: 1,
      config: { ...DEFAULT_CONFIG, roles: { ...DEFAULT_CONFIG.roles, triageLeads: [BUILDER] } },
    });
    expect(await removeDependency(deps(BUILDER), on('MKT-1', BUILDER), { linkId: linkTo('MKT-2') })).toMatchObject({ ok: true });
    expect(site.store.data.issueLinks ?? []).toEqual([]);
    expect(trailOf(store, on('MKT-1').issueId).map((entry) => [entry.by, entry.detail])).toEqual([
      [BUILDER, 'dependency added: blocked by MKT-2'],
      [BUILDER, 'dependency added: blocked by MKT-3'],
      [BUILDER, 'dependency removed: no longer blocked by MKT-3, which had launched'],
      [BUILDER, 'dependency removed: no longer blocked by MKT-2, which had not launched'],
    ]);
  });

  it('notes a removal even when someone saves the Flight Plan at the same moment, and says so plainly when it cannot', async () => {
    const { site, deps, on, store } = await world();
    site.jira.find('MKT-1')!.assigneeId = OPS;
    await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
    await addDependency(deps(), on('MKT-1'), { key: 'MKT-3' });
    const recordKey = storageKeys.record(on('MKT-1').issueId);
    const commit = store.commit.bind(store);
    let raced = false;
    store.commit = async (change) => {
      if (!raced && change.guarded.some((write) => write.key === recordKey)) {
        raced = true;
        // Another person's save lands between the note's read and its write.
        const saved = store.data.get(recordKey) as { revision: number };
        await runCommand(deps(BUILDER), on('MKT-1', BUILDER), {
          command: { type: 'answerCheck', code: 'qa.forms-tested', done: true },
          expectedRevision: saved.revision,
        });
      }
      return commit(change);
    };
    const [first, second] = site.store.data.issueLinks!;
    expect(await removeDependency(deps(), on('MKT-1'), { linkId: first!.id })).toMatchObject({ ok: true });
    expect(trailOf(store, on('MKT-1').issueId).slice(-2)).toEqual([
      expect.objectContaining({ by: BUILDER, action: 'check.answered' }),
      expect.objectContaining({ by: OPS, action: 'dependency.removed' }),
    ]);
    // A record that will not take the note: Jira has removed the link, and the person is told both.
    store.commit = async (change) => (change.guarded.some((write) => write.key === recordKey) ? 'conflict' : commit(change));
    expect(await removeDependency(deps(), on('MKT-1'), { linkId: second!.id })).toEqual({
      ok: false,
      error: {
        code: 'DEPENDENCY.NOT_NOTED',
        message: expect.stringMatching(
          /^the dependency was removed in Jira, but the Flight Plan's audit trail could not note it \(.+\); reload to see the dependencies as they are$/,
        ),
      },
    });
    expect(site.store.data.issueLinks ?? []).toEqual([]);
  });

  it('removes nothing when the Flight Plan it would note the removal in cannot be read', async () => {
    const { site, deps, on, store } = await world();
    site.jira.find('MKT-1')!.assigneeId = OPS;
    await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
    store.data.set(storageKeys.record(on('MKT-1').issueId), { schemaVersion: 3, revision: 'not a number' });
    const [link] = site.store.data.issueLinks!;
    expect(await removeDependency(deps(), on('MKT-1'), { linkId: link!.id })).toMatchObject({
      ok: false,
      error: { code: 'RECORD.CORRUPT' },
    });
    // Jira still has the link: no removal the trail does not show.
    expect(site.store.data.issueLinks).toEqual([link]);
  });

  it('holds the QA gate when a blocker linked in the panel is unlinked in Jira, until the owner or a triage lead confirms it', async () => {
    const { site, deps, on, store, appJira } = await world();
    site.jira.find('MKT-1')!.assigneeId = OPS;
    await addDependency(deps(BUILDER), on('MKT-1', BUILDER), { key: 'MKT-2' });
    const [link] = site.store.data.issueLinks ?? [];
    // The builder may not remove it in the panel (it has not launched), so unlinks it through Jira's own API.
    expect((await site.call('DELETE', `/issueLink/${link!.id}`, undefined, { kind: 'user', accountId: BUILDER })).status).toBe(204);
    const judge = async () => {
      const issue = await appJira.getIssue('MKT-1');
      if (!issue.ok) throw new Error(issue.error.message);
      const record = parseStoredRecord(store.data.get(storageKeys.record(issue.value.id)), issue.value.id);
      if (!record.ok) throw new Error(record.error.message);
      const facts = issueFactsFrom(issue.value, NO_PEOPLE_HISTORY);
      return evaluateGate('qa', record.value, facts, DEFAULT_CONFIG, SITE_NOW).items.find((item) => item.code === 'qa.blockers-launched')
        ?.missing;
    };
    expect(await judge()).toBe(
      "1 request it was made to wait on was unlinked outside Flight Plan: link it again, or this request's owner (its assignee) or a triage lead confirms the removal in the Dependencies section of its Flight Plan panel",
    );
    const blockerId = site.jira.find('MKT-2')!.id;
    expect(await readDependencies(deps(BUILDER), on('MKT-1', BUILDER))).toMatchObject({
      ok: true,
      value: { blockedBy: [], unlinked: [{ id: blockerId, key: 'MKT-2' }], unseen: { unlinked: 0 }, canRemoveUnlaunched: false },
    });
    expect(await confirmUnlinkedBlocker(deps(BUILDER), on('MKT-1', BUILDER), { issueId: blockerId })).toMatchObject({
      ok: false,
      error: { code: 'DEPENDENCY.NOT_OWNER' },
    });
    expect(await judge()).not.toBeNull();
    // The owner lets it go; the gate no longer holds for it, and the trail says who and why.
    expect(await confirmUnlinkedBlocker(deps(), on('MKT-1'), { issueId: blockerId })).toMatchObject({ ok: true, value: { unlinked: [] } });
    expect(await judge()).toBeNull();
    expect(trailOf(store, on('MKT-1').issueId).at(-1)).toEqual({
      by: OPS,
      action: 'dependency.removed',
      detail: 'dependency removed: no longer blocked by MKT-2, whose link was removed outside Flight Plan',
    });
    // Only a blocker whose link went outside the panel is confirmed this way.
    expect(await confirmUnlinkedBlocker(deps(), on('MKT-1'), { issueId: blockerId })).toMatchObject({
      ok: false,
      error: { code: 'DEPENDENCY.NOT_FOUND' },
    });
  });

  it('lets the owner confirm together the unlinked blockers nobody can name: one Jira deleted since', async () => {
    const { site, deps, on, store } = await world();
    site.jira.find('MKT-1')!.assigneeId = OPS;
    await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
    // Jira deletes MKT-2, and its links with it: no one can link it again, nor browse it.
    expect((await site.call('DELETE', '/issue/MKT-2')).status).toBe(204);
    expect(await readDependencies(deps(), on('MKT-1'))).toMatchObject({ ok: true, value: { unlinked: [], unseen: { unlinked: 1 } } });
    expect(await confirmUnlinkedBlocker(deps(BUILDER), on('MKT-1', BUILDER), {})).toMatchObject({
      ok: false,
      error: { code: 'DEPENDENCY.NOT_OWNER' },
    });
    expect(await confirmUnlinkedBlocker(deps(), on('MKT-1'), {})).toMatchObject({ ok: true, value: { unseen: { unlinked: 0 } } });
    const record = parseStoredRecord(store.data.get(storageKeys.record(on('MKT-1').issueId)), on('MKT-1').issueId);
    expect(record.ok && record.value.panelBlockers).toEqual([]);
    expect(await confirmUnlinkedBlocker(deps(), on('MKT-1'), {})).toMatchObject({ ok: false, error: { code: 'DEPENDENCY.NOT_FOUND' } });
  });

  it('holds nothing for a blocker removed in the panel, or linked again after it was unlinked', async () => {
    const { site, deps, on, store, appJira } = await world();
    site.jira.find('MKT-1')!.assigneeId = OPS;
    const added = await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
    const linkId = added.ok ? added.value.blockedBy[0]!.linkId : '';
    await site.call('DELETE', `/issueLink/${linkId}`, undefined, { kind: 'user', accountId: BUILDER });
    // Linked again in the panel: the gate reads it as any blocker, and the owner's removal there clears it for good.
    const again = await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
    expect(again).toMatchObject({ ok: true, value: { unlinked: [] } });
    expect(await removeDependency(deps(), on('MKT-1'), { linkId: again.ok ? again.value.blockedBy[0]!.linkId : '' })).toMatchObject({
      ok: true,
      value: { blockedBy: [], unlinked: [] },
    });
    const issue = await appJira.getIssue('MKT-1');
    const record = parseStoredRecord(store.data.get(storageKeys.record(on('MKT-1').issueId)), on('MKT-1').issueId);
    expect(issue.ok && record.ok && record.value.panelBlockers).toEqual([]);
  });

  it("refuses the Launch transition's gate while the blocker has not launched, reading Jira's issuelinks", async () => {
    const { deps, on, moveTo, appJira } = await world();
    await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
    const judge = async () => {
      const issue = await appJira.getIssue('MKT-1');
      if (!issue.ok) throw new Error(issue.error.message);
      const evaluation = evaluateGate(
        'qa',
        emptyRecord(issue.value.id),
        issueFactsFrom(issue.value, NO_PEOPLE_HISTORY),
        DEFAULT_CONFIG,
        SITE_NOW,
      );
      return evaluation.items.find((item) => item.code === 'qa.blockers-launched');
    };
    expect(await judge()).toMatchObject({ mandatory: true, missing: 'blocked by MKT-2, not launched yet' });
    moveTo('MKT-2', 'Declined');
    expect((await judge())?.missing).toBe('blocked by MKT-2, not launched yet');
    moveTo('MKT-2', 'Launch');
    expect((await judge())?.missing).toBeNull();
  });

  it('tells each dependent once when its blocker launches, naming what still blocks it, and when one is declined', async () => {
    const { site, deps, on, moveTo, appJira } = await world();
    await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
    await addDependency(deps(), on('MKT-1'), { key: 'MKT-3' });
    await addDependency(deps(), on('MKT-4'), { key: 'MKT-2' });
    const factsOf = async (key: string) => {
      const issue = await appJira.getIssue(key);
      if (!issue.ok) throw new Error(issue.error.message);
      return issueFactsFrom(issue.value, NO_PEOPLE_HISTORY);
    };
    const commentsOn = (key: string) => site.jira.find(key)!.comments.map((comment) => adfToText(comment.body).replace(/\s+/g, ' '));
    // The comments name what their assignee may see: on this site, everything.
    site.jira.find('MKT-1')!.assigneeId = BUILDER;
    site.jira.find('MKT-4')!.assigneeId = BUILDER;

    const notices = freshNotices(appJira);
    moveTo('MKT-2', 'Launch');
    expect(blockerOutcomeOf('qa', 'launch')).toBe('launched');
    expect((await tellDependents(notices, await factsOf('MKT-2'), 'launched', DEFAULT_CONFIG, SITE_NOW)).told).toBe(2);
    expect(commentsOn('MKT-1')).toEqual([
      'Flight Plan: Dependency update: MKT-2 (Pricing page refresh) has launched. This request is still blocked by MKT-3.',
    ]);
    expect(commentsOn('MKT-4')).toEqual([
      'Flight Plan: Dependency update: MKT-2 (Pricing page refresh) has launched. Nothing else blocks this request from launching.',
    ]);
    // The event delivered again: nobody is told twice.
    expect((await tellDependents(notices, await factsOf('MKT-2'), 'launched', DEFAULT_CONFIG, SITE_NOW)).told).toBe(0);

    moveTo('MKT-3', 'Declined');
    expect(blockerOutcomeOf('triage', 'declined')).toBe('declined');
    await tellDependents(notices, await factsOf('MKT-3'), 'declined', DEFAULT_CONFIG, SITE_NOW);
    expect(commentsOn('MKT-1')[1]).toBe(
      'Flight Plan: Dependency update: MKT-3 (Partner email) was declined and will not launch: re-plan this request without it, then remove the dependency so it can launch.',
    );
    // No news: a return from Measure to Launch, or a move that is neither.
    expect(blockerOutcomeOf('measure', 'launch')).toBeNull();
    expect(blockerOutcomeOf('build', 'qa')).toBeNull();
  });

  it('tells a dependent once when the event is delivered twice at the same moment, and again after a failed post', async () => {
    const { site, deps, on, moveTo, appJira } = await world();
    await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
    site.jira.find('MKT-1')!.assigneeId = BUILDER;
    moveTo('MKT-2', 'Launch');
    const blocker = await appJira.getIssue('MKT-2');
    if (!blocker.ok) throw new Error(blocker.error.message);
    const facts = issueFactsFrom(blocker.value, NO_PEOPLE_HISTORY);
    const store = new MemoryStore();
    // Both deliveries read before either posts: only the one whose claim commits posts.
    const told = await Promise.all([
      tellDependents({ jira: appJira, store, now: SITE_NOW }, facts, 'launched', DEFAULT_CONFIG, SITE_NOW),
      tellDependents({ jira: appJira, store, now: SITE_NOW }, facts, 'launched', DEFAULT_CONFIG, SITE_NOW),
    ]);
    expect(told.map((outcome) => outcome.told).sort()).toEqual([0, 1]);
    expect(site.jira.find('MKT-1')!.comments).toHaveLength(1);

    // A comment Jira refuses is given back: the next delivery of the same move posts it.
    moveTo('MKT-2', 'Declined');
    const refusing: JiraApi = { ...appJira, addComment: async () => err({ code: 'JIRA.UNAVAILABLE', message: 'Jira is unavailable' }) };
    const movedAt = new Date(SITE_NOW.getTime() + 60_000);
    expect((await tellDependents({ jira: refusing, store, now: SITE_NOW }, facts, 'declined', DEFAULT_CONFIG, movedAt)).told).toBe(0);
    expect((await tellDependents({ jira: appJira, store, now: SITE_NOW }, facts, 'declined', DEFAULT_CONFIG, movedAt)).told).toBe(1);
    expect(site.jira.find('MKT-1')!.comments).toHaveLength(2);
  });

  describe('tells every dependent whatever fails on the way', () => {
    /** MKT-2 blocks MKT-1, MKT-3 and MKT-4, each assigned; MKT-2 has just moved into Launch. */
    const blockerWithThreeDependents = async () => {
      const site = await world();
      for (const dependent of ['MKT-1', 'MKT-3', 'MKT-4']) {
        expect((await addDependency(site.deps(), site.on(dependent), { key: 'MKT-2' })).ok).toBe(true);
        site.site.jira.find(dependent)!.assigneeId = BUILDER;
      }
      site.moveTo('MKT-2', 'Launch');
      const blocker = await site.appJira.getIssue('MKT-2');
      if (!blocker.ok) throw new Error(blocker.error.message);
      const comments = (key: string) => site.site.jira.find(key)!.comments.length;
      return { ...site, facts: issueFactsFrom(blocker.value, NO_PEOPLE_HISTORY), comments };
    };
    /** The status event Jira sends for MKT-2's move into Launch. */
    const launchEvent = (site: Awaited<ReturnType<typeof world>>['site']) => ({
      eventType: 'avi:jira:updated:issue',
      timestamp: SITE_NOW.getTime(),
      atlassianId: OPS,
      issue: { id: site.jira.find('MKT-2')!.id, key: 'MKT-2', fields: { issuetype: { name: 'Marketing Request' } } },
      changelog: { items: [{ field: 'status', fieldId: 'status', fromString: 'QA + Governance', toString: 'Launch' }] },
    });

    it("tells the others when one dependent's notice ledger cannot be written (the store busy), through the trigger", async () => {
      const { site, deps, store, comments } = await blockerWithThreeDependents();
      store.data.set(storageKeys.config, { schemaVersion: CURRENT_CONFIG_VERSION, revision: 1, config: DEFAULT_CONFIG });
      const busyLedger = storageKeys.reminders(site.jira.find('MKT-1')!.id);
      const commit = store.commit.bind(store);
      store.commit = async (change) => {
        if (change.guarded.some((write) => write.key === busyLedger)) throw new StorageError('app storage is busy', false);
        return commit(change);
      };
      // Answered, not thrown: a trigger that throws is not retried, and the stage log is already written.
      await issueChangedHandler(() => deps())(launchEvent(site));
      expect(['MKT-1', 'MKT-3', 'MKT-4'].map(comments)).toEqual([0, 1, 1]);
    });

    it('tells the dependents of a blocker whose own Flight Plan record is corrupt', async () => {
      const { site, deps, store, comments } = await blockerWithThreeDependents();
      store.data.set(storageKeys.config, { schemaVersion: CURRENT_CONFIG_VERSION, revision: 1, config: DEFAULT_CONFIG });
      store.data.set(storageKeys.record(site.jira.find('MKT-2')!.id), { corrupt: true });
      await issueChangedHandler(() => deps())(launchEvent(site));
      expect(['MKT-1', 'MKT-3', 'MKT-4'].map(comments)).toEqual([1, 1, 1]);
    });

    it('posts the notice of a delivery cut off after its claim once the claim has expired, and only once', async () => {
      const { facts, appJira, store, comments } = await blockerWithThreeDependents();
      // The first delivery claims MKT-1's notice, then Jira never answers its read: the run is cut off at its time limit.
      const silent: JiraApi = { ...appJira, getIssue: () => new Promise(() => undefined) };
      void tellDependents({ jira: silent, store, now: SITE_NOW }, facts, 'launched', DEFAULT_CONFIG, SITE_NOW);
      await new Promise((resolve) => setTimeout(resolve, 50));
      // A delivery while that claim may still be a live run's leaves MKT-1 to that run and tells the other two.
      const meanwhile = new Date(SITE_NOW.getTime() + LEASE_MS - 1);
      expect((await tellDependents({ jira: appJira, store, now: meanwhile }, facts, 'launched', DEFAULT_CONFIG, SITE_NOW)).told).toBe(2);
      expect(['MKT-1', 'MKT-3', 'MKT-4'].map(comments)).toEqual([0, 1, 1]);
      // The platform's retry once no run can still hold it: the expired claim is taken over and MKT-1 told.
      const retry = new Date(SITE_NOW.getTime() + LEASE_MS);
      expect((await tellDependents({ jira: appJira, store, now: retry }, facts, 'launched', DEFAULT_CONFIG, SITE_NOW)).told).toBe(1);
      expect(['MKT-1', 'MKT-3', 'MKT-4'].map(comments)).toEqual([1, 1, 1]);
      // Delivered again much later: the app's comment since the move is there, so nobody is told twice.
      const later = new Date(SITE_NOW.getTime() + 10 * LEASE_MS);
      expect((await tellDependents({ jira: appJira, store, now: later }, facts, 'launched', DEFAULT_CONFIG, SITE_NOW)).told).toBe(3);
      expect(['MKT-1', 'MKT-3', 'MKT-4'].map(comments)).toEqual([1, 1, 1]);
    });

    describe("asks the platform to deliver the event again while a dependent is left untold (Forge's retry of product events: https://developer.atlassian.com/platform/forge/events-reference/product_events/)", () => {
      /** The blocker and its three dependents, the configuration stored, and the trigger run at `at` with `jira`. */
      const launched = async () => {
        const world = await blockerWithThreeDependents();
        world.store.data.set(storageKeys.config, { schemaVersion: CURRENT_CONFIG_VERSION, revision: 1, config: DEFAULT_CONFIG });
        const deliver = (at: Date, jira: JiraApi = world.appJira, retryCount?: number) =>
          issueChangedHandler(() => ({ ...world.deps(), jira, now: at }))({
            ...launchEvent(world.site),
            ...(retryCount === undefined ? {} : { retryContext: { retryCount, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: null } }),
          });
        const logged = () =>
          parseStageLog(world.store.data.get(storageKeys.stageLog(world.facts.issueId)))?.log.changes.map((change) => change.toStage);
        const toldOf = () => ['MKT-1', 'MKT-3', 'MKT-4'].map(world.comments);
        return { ...world, deliver, logged, toldOf };
      };
      /** Jira refusing every comment on MKT-1. */
      const refusingOn = (appJira: JiraApi, issueId: string): JiraApi => ({
        ...appJira,
        addComment: async (id, body) =>
          id === issueId ? err({ code: 'JIRA.UNAVAILABLE', message: 'Jira is unavailable' }) : appJira.addComment(id, body),
      });
      const afterLease = (retry: number) => new Date(SITE_NOW.getTime() + retry * 2 * LEASE_MS);

      it('tells a dependent whose post failed on the retry, exactly once, redoing nothing else', async () => {
        const { site, appJira, deliver, logged, toldOf } = await launched();
        const answer = await deliver(SITE_NOW, refusingOn(appJira, site.jira.find('MKT-1')!.id));
        // Asked after the claims of this run have expired, so the retry can tell what each one did.
        expect(answer).toMatchObject({ retryOptions: { retryAfter: (2 * LEASE_MS) / 1000, retryReason: 'FUNCTION_RETRY_REQUEST' } });
        expect(toldOf()).toEqual([0, 1, 1]);
        expect(await deliver(afterLease(1), appJira, 1)).toBeUndefined();
        expect(toldOf()).toEqual([1, 1, 1]);
        expect(logged()).toEqual(['launch']);
        // The event delivered again later still: nobody is told twice, and nothing more is asked.
        expect(await deliver(afterLease(2), appJira, 2)).toBeUndefined();
        expect(toldOf()).toEqual([1, 1, 1]);
        expect(logged()).toEqual(['launch']);
      });

      it('asks no retry of a run that told everyone', async () => {
        const { deliver, toldOf } = await launched();
        expect(await deliver(SITE_NOW)).toBeUndefined();
        expect(toldOf()).toEqual([1, 1, 1]);
      });

      it('retries past the claim of a run that died holding it, and tells that dependent then', async () => {
        const { facts, appJira, store, deliver, toldOf } = await launched();
        // A delivery claims MKT-1's notice, then Jira never answers its read: the run is cut off at its time limit.
        const silent: JiraApi = { ...appJira, getIssue: () => new Promise(() => undefined) };
        void tellDependents({ jira: silent, store, now: SITE_NOW }, facts, 'launched', DEFAULT_CONFIG, SITE_NOW);
        await new Promise((resolve) => setTimeout(resolve, 50));
        // The platform's own retry of that run comes while the claim still holds: MKT-1 is left for a later delivery.
        expect(await deliver(new Date(SITE_NOW.getTime() + 1), appJira, 1)).toMatchObject({
          retryOptions: { retryReason: 'FUNCTION_RETRY_REQUEST' },
        });
        expect(toldOf()).toEqual([0, 1, 1]);
        expect(await deliver(afterLease(1), appJira, 2)).toBeUndefined();
        expect(toldOf()).toEqual([1, 1, 1]);
      });

      it("stops on the platform's last retry, reporting who was left untold", async () => {
        const { site, appJira, deliver, toldOf } = await launched();
        const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        try {
          expect(await deliver(afterLease(4), refusingOn(appJira, site.jira.find('MKT-1')!.id), 4)).toBeUndefined();
          expect(toldOf()).toEqual([0, 1, 1]);
          expect(
            errors.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('MKT-1 not yet told that MKT-2 launched')),
          ).toHaveLength(1);
        } finally {
          errors.mockRestore();
        }
      });
    });

    it('keeps the claim of a post whose answer was lost when the comments cannot be read either, so it is never posted twice', async () => {
      const { facts, appJira, store, comments } = await blockerWithThreeDependents();
      // Jira takes each comment but its answer is lost, and listing the comments fails.
      const lost: JiraApi = {
        ...appJira,
        addComment: async (issueId, body) => {
          await appJira.addComment(issueId, body);
          return err({ code: 'JIRA.UNAVAILABLE', message: 'no answer from Jira', mayHaveApplied: true });
        },
        appCommentTexts: async () => err({ code: 'JIRA.UNAVAILABLE', message: 'Jira is unavailable' }),
      };
      expect((await tellDependents({ jira: lost, store, now: SITE_NOW }, facts, 'launched', DEFAULT_CONFIG, SITE_NOW)).told).toBe(0);
      expect(['MKT-1', 'MKT-3', 'MKT-4'].map(comments)).toEqual([1, 1, 1]);
      // The event delivered again, at once and once any claim has expired: the comments already there are found.
      for (const at of [SITE_NOW.getTime() + 1, SITE_NOW.getTime() + LEASE_MS])
        await tellDependents({ jira: appJira, store, now: new Date(at) }, facts, 'launched', DEFAULT_CONFIG, SITE_NOW);
      expect(['MKT-1', 'MKT-3', 'MKT-4'].map(comments)).toEqual([1, 1, 1]);
    });
  });

  describe('says only what the person may browse', () => {
    /**
     * Everyone may browse everything on the sandbox site, so the permission answer is narrowed here: `hidden` are the
     * requests Jira's permission check (`POST /permissions/check`, asked as the app) says the person cannot browse.
     */
    const narrowed = (jira: JiraApi, hidden: ReadonlySet<string>): JiraApi => ({
      ...jira,
      browsableIssues: async (accountId, issueIds) => {
        const answer = await jira.browsableIssues(accountId, issueIds);
        return answer.ok ? ok(new Set([...answer.value].filter((id) => !hidden.has(id)))) : answer;
      },
    });

    it('reads a loop through requests the caller cannot see without naming them', async () => {
      const { site, deps, on } = await world();
      await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
      await addDependency(deps(), on('MKT-2'), { key: 'MKT-3' });
      const hidden = new Set([site.jira.find('MKT-2')!.id]);
      const asOps = deps();
      const refused = await addDependency({ ...asOps, jira: narrowed(asOps.jira, hidden) }, on('MKT-3'), { key: 'MKT-1' });
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'DEPENDENCY.CYCLE',
          message:
            'MKT-1 already waits on this request (MKT-3 waits on MKT-1 waits on a request you cannot see waits on MKT-3), so neither could launch',
        },
      });
      expect(JSON.stringify(refused)).not.toContain('Pricing page refresh');
    });

    it('lists on the panel only the linked requests the viewer may browse, and counts the others', async () => {
      const { site, deps, on } = await world();
      await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
      await addDependency(deps(), on('MKT-1'), { key: 'MKT-3' });
      await addDependency(deps(), on('MKT-4'), { key: 'MKT-1' });
      const hidden = new Set([site.jira.find('MKT-2')!.id, site.jira.find('MKT-4')!.id]);
      const asOps = deps();
      const narrowedDeps = { ...asOps, jira: narrowed(asOps.jira, hidden) };
      const view = await readDependencies(narrowedDeps, on('MKT-1'));
      expect(view).toMatchObject({ ok: true, value: { blockedBy: [{ key: 'MKT-3' }], blocks: [], unseen: { blockedBy: 1, blocks: 1 } } });
      expect(JSON.stringify(view)).not.toMatch(/MKT-2|MKT-4|Pricing page refresh|Launch video/);
      // The checklist of the panel counts the blocker it cannot name.
      const panel = await readPanel(narrowedDeps, on('MKT-1'));
      if (!panel.ok) throw new Error(panel.error.message);
      expect(panel.value.evaluation.evaluations.qa.items.find((item) => item.code === 'qa.blockers-launched')?.missing).toBe(
        'blocked by MKT-3 and a request you cannot see, not launched yet',
      );
      // Nor does the panel's answer carry them: the browser is sent only the links it may name.
      expect(JSON.stringify(panel)).not.toMatch(/MKT-2|MKT-4|Pricing page refresh|Launch video/);
      expect(panel.value.facts.links.blockers.map((linked) => linked.key)).toEqual(['MKT-3']);
    });

    it("names in the request's audit trail only the blockers the reader may browse", async () => {
      const { site, deps, on } = await world();
      site.jira.find('MKT-1')!.assigneeId = OPS;
      await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
      const both = await addDependency(deps(), on('MKT-1'), { key: 'MKT-3' });
      const linkId = both.ok ? both.value.blockedBy.find((entry) => entry.key === 'MKT-2')!.linkId : '';
      expect((await removeDependency(deps(), on('MKT-1'), { linkId })).ok).toBe(true);
      const hidden = site.jira.find('MKT-2')!.id;
      const asOps = deps();
      const trail = await readAuditTrail({ ...asOps, jira: narrowed(asOps.jira, new Set([hidden])) }, on('MKT-1'), 0);
      if (!trail.ok) throw new Error(trail.error.message);
      expect(trail.value.entries.map((entry) => entry.detail)).toEqual([
        'dependency removed: no longer blocked by a request you cannot see, which had not launched',
        'dependency added: blocked by MKT-3',
        'dependency added: blocked by a request you cannot see',
      ]);
      expect(JSON.stringify(trail)).not.toMatch(new RegExp(`MKT-2|${hidden}`));
      // Someone who may browse both reads both; with no answer from Jira's permission check, nobody is named.
      expect(JSON.stringify(await readAuditTrail(asOps, on('MKT-1'), 0))).toContain('blocked by MKT-2');
      const unchecked = await readAuditTrail(
        {
          ...asOps,
          jira: { ...asOps.jira, browsableIssues: async () => err({ code: 'JIRA.UNAVAILABLE', message: 'Jira is unavailable' }) },
        },
        on('MKT-1'),
        0,
      );
      expect(JSON.stringify(unchecked)).not.toMatch(/MKT-2|MKT-3/);
    });

    it('refuses Launch naming only the blockers the person pressing it may browse, and none when Forge names nobody', async () => {
      const { site, deps, on } = await world();
      await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
      await addDependency(deps(), on('MKT-1'), { key: 'MKT-3' });
      const asOps = deps();
      const validate = gateValidator('qa', () => ({ ...asOps, jira: narrowed(asOps.jira, new Set([site.jira.find('MKT-2')!.id])) }));
      const payload = { issue: { key: 'MKT-1' }, transition: { from: { id: '1' }, to: { id: '2' } } };
      // Jira shows the validator's message to whoever pressed Launch: Forge names them as the invocation's principal.
      const seenByOps = await validate(payload, { principal: { accountId: OPS } });
      expect(seenByOps.result).toBe(false);
      expect(seenByOps.errorMessage).toContain('blocked by MKT-3 and a request you cannot see, not launched yet');
      expect(seenByOps.errorMessage).not.toMatch(/MKT-2|Pricing page refresh/);
      // With no principal (it is optional in Forge's context), nobody is known to be allowed to see any of them.
      const seenByNobody = await validate(payload, { installContext: 'ari:cloud:jira::site/1' });
      expect(seenByNobody.errorMessage).toContain(
        'blocked by 2 requests not launched yet (the Dependencies section of its Flight Plan panel names those you may see)',
      );
      expect(seenByNobody.errorMessage).not.toMatch(/MKT-2|MKT-3/);
      // Attack report 9: with no answer from Jira's permission check, the blockers were all "requests you cannot see",
      // even to someone who may see them; who may see what is unknown, so they are counted as with nobody named.
      const unchecked = gateValidator('qa', () => ({
        ...asOps,
        jira: { ...asOps.jira, browsableIssues: async () => err({ code: 'JIRA.UNAVAILABLE', message: 'Jira is unavailable' }) },
      }));
      const seenUnchecked = await unchecked(payload, { principal: { accountId: OPS } });
      expect(seenUnchecked.result).toBe(false);
      expect(seenUnchecked.errorMessage).toContain(
        'blocked by 2 requests not launched yet (the Dependencies section of its Flight Plan panel names those you may see)',
      );
      expect(seenUnchecked.errorMessage).not.toMatch(/cannot see|MKT-2|MKT-3/);
    });

    it("tells a dependent's assignee of a blocker they cannot see without its key or summary, and counts the others", async () => {
      const { site, deps, on, moveTo, appJira } = await world();
      await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
      await addDependency(deps(), on('MKT-1'), { key: 'MKT-3' });
      await addDependency(deps(), on('MKT-1'), { key: 'MKT-4' });
      site.jira.find('MKT-1')!.assigneeId = BUILDER;
      const jira = narrowed(appJira, new Set([site.jira.find('MKT-2')!.id, site.jira.find('MKT-3')!.id]));
      const issue = await appJira.getIssue('MKT-2');
      if (!issue.ok) throw new Error(issue.error.message);
      moveTo('MKT-2', 'Launch');
      expect(
        (await tellDependents(freshNotices(jira), issueFactsFrom(issue.value, NO_PEOPLE_HISTORY), 'launched', DEFAULT_CONFIG, SITE_NOW))
          .told,
      ).toBe(1);
      expect(site.jira.find('MKT-1')!.comments.map((comment) => adfToText(comment.body).replace(/\s+/g, ' '))).toEqual([
        'Flight Plan: Dependency update: A request this one is blocked by (not named here) has launched. This request is still blocked by MKT-4 and a request not named here.',
      ]);
    });

    it('names nothing to a dependent nobody is assigned to', async () => {
      const { site, deps, on, moveTo, appJira } = await world();
      await addDependency(deps(), on('MKT-1'), { key: 'MKT-2' });
      const issue = await appJira.getIssue('MKT-2');
      if (!issue.ok) throw new Error(issue.error.message);
      moveTo('MKT-2', 'Declined');
      await tellDependents(freshNotices(appJira), issueFactsFrom(issue.value, NO_PEOPLE_HISTORY), 'declined', DEFAULT_CONFIG, SITE_NOW);
      expect(site.jira.find('MKT-1')!.comments.map((comment) => adfToText(comment.body).replace(/\s+/g, ' '))[0]).toContain(
        'A request this one is blocked by (not named here) was declined',
      );
    });

    it('names a blocker from another project to nobody: everyone who browses the dependent reads the comment', async () => {
      const { site, deps, on, moveTo, appJira } = await world();
      // BRD has its own browse permission: the requester who may browse MKT-1 may not browse BRD-1.
      await setUpProject(site.jira, site.store, 'BRD', SITE_NOW);
      await site.call('POST', '/issue', {
        fields: { project: { key: 'BRD' }, issuetype: { name: 'Marketing Request' }, summary: 'Rebrand budget', ...REQUIRED_BRIEF },
      });
      await addDependency(deps(), on('MKT-1'), { key: 'BRD-1' });
      await addDependency(deps(), on('MKT-1'), { key: 'MKT-3' });
      site.jira.find('MKT-1')!.assigneeId = BUILDER;
      const blocker = await appJira.getIssue('BRD-1');
      if (!blocker.ok) throw new Error(blocker.error.message);
      moveTo('BRD-1', 'Launch');
      // The assignee may browse BRD-1 here; the comment's other readers may not, so it is not named to anyone.
      expect(
        (
          await tellDependents(
            freshNotices(appJira),
            issueFactsFrom(blocker.value, NO_PEOPLE_HISTORY),
            'launched',
            DEFAULT_CONFIG,
            SITE_NOW,
          )
        ).told,
      ).toBe(1);
      const [comment] = site.jira.find('MKT-1')!.comments;
      expect(adfToText(comment!.body).replace(/\s+/g, ' ')).toBe(
        'Flight Plan: Dependency update: A request this one is blocked by (not named here) has launched. This request is still blocked by MKT-3.',
      );
      expect(JSON.stringify(comment)).not.toMatch(/BRD-1|Rebrand budget/);
    });
  });
});
