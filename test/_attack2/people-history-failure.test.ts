import { describe, expect, it } from 'vitest';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { triageMoveValidator } from '../../src/handlers/validators/triage-move.validator';
import { issueChangedHandler } from '../../src/handlers/triggers/issue-changed.trigger';
import { storageKeys } from '../../src/use-cases/ports';
import { ASSIGNEE, BUILDER, COMPLIANCE, completeRecord, REQUESTER, TRIAGE_LEAD } from '../fakes/fixtures';
import { storedRevision, world } from '../fakes/site-deps';

/** The people changelog cannot be read (here: more than 20 pages, as a Jira capping bulkfetch's page would give). */
const context = (accountId: string) => ({ accountId, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } });

const setup = () => {
  const w = world(completeRecord('regulated'), 'QA + Governance');
  for (const who of [REQUESTER, ASSIGNEE, BUILDER, COMPLIANCE, TRIAGE_LEAD]) {
    w.jira.grant(who, '10001', 'browse');
    w.jira.grant(who, '10001', 'edit');
  }
  const handlers = panelHandlers(w.deps);
  const call = <Key extends keyof typeof handlers>(key: Key, as: string, payload: Record<string, unknown> = {}) =>
    handlers[key]({ payload: { expectedRevision: storedRevision(w.store), ...payload }, context: context(as) });
  return { ...w, call };
};

const longHistory = (jira: ReturnType<typeof setup>['jira']) => {
  jira.changelogPageCap = 1;
  for (let i = 0; i < 21; i++)
    jira.addHistory('10001', {
      created: `2026-06-0${1 + (i % 8)}T10:${String(i).padStart(2, '0')}:00.000+0000`,
      authorId: ASSIGNEE,
      items: [{ field: 'description', fieldtype: 'jira', fieldId: 'description', from: null, fromString: 'a', to: null, toString: 'b' }],
    });
};

describe('when the people changelog does not read', () => {
  it('every judging path fails closed; what does each say?', async () => {
    const { call, jira, deps } = setup();
    longHistory(jira);
    const panel = await call('record/get', ASSIGNEE);
    console.log('record/get', JSON.stringify(panel));
    expect(panel.ok).toBe(false);
    const gate = await gateValidator('qa', deps)({ issue: { key: 'MKT-1' }, transition: { modifiedFields: {} } });
    console.log('qa gate', JSON.stringify(gate));
    expect(gate.result).toBe(false);
    const wait = await triageMoveValidator('wait', deps)({ issue: { key: 'MKT-1' }, transition: { modifiedFields: {} } } as never);
    console.log('wait', JSON.stringify(wait));
    const changed = await issueChangedHandler(deps)({ eventType: 'avi:jira:updated:issue', issue: { id: '10001', key: 'MKT-1' } });
    console.log('issue-changed', JSON.stringify(changed));
    const outcome = await call('outcome/get', ASSIGNEE);
    console.log('outcome/get ok?', outcome.ok, outcome.ok ? '' : JSON.stringify(outcome.error));
  });

  it('a blocker link is removed in Jira with no audit entry when the note cannot load the panel', async () => {
    const { call, jira, store } = setup();
    jira.addIssue({ id: '10002', key: 'MKT-2', summary: 'Pricing page', status: 'Build', assignee: BUILDER });
    jira.grant(ASSIGNEE, '10002', 'browse');
    const linked = await jira.transport('/rest/api/3/issueLink', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: { name: 'Blocks' }, outwardIssue: { key: 'MKT-2' }, inwardIssue: { key: 'MKT-1' } }),
    });
    expect(linked.status).toBe(201);
    const linkId = jira.store.data.issueLinks![0]!.id;
    longHistory(jira);
    const trailBefore = JSON.stringify([...store.data.entries()].filter(([k]) => k.includes('audit') || k.includes('trail')));
    const removed = await call('dependency/remove', ASSIGNEE, { linkId });
    console.log('dependency/remove', JSON.stringify(removed));
    console.log('links after', JSON.stringify(jira.links));
    const trailAfter = JSON.stringify([...store.data.entries()].filter(([k]) => k.includes('audit') || k.includes('trail')));
    console.log('trail changed?', trailBefore !== trailAfter, 'record revision', storedRevision(store), storageKeys.record('10001'));
    expect(jira.links).toEqual([]);
  });
});
