import { describe, expect, it } from 'vitest';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { peopleHistoryFrom } from '../../src/contracts/jira-issue-facts';
import { fieldChangelogPageSchema } from '../../src/contracts/jira-schemas';
import type { FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { runRemindersPage, startReminders } from '../../src/use-cases/run-reminders';
import { storageKeys } from '../../src/use-cases/ports';
import { ASSIGNEE, BRAND, BUILDER, COMPLIANCE, completeRecord, config, NOW, REQUESTER, SCORES, TRIAGE_LEAD } from '../fakes/fixtures';
import { storedRevision, world } from '../fakes/site-deps';

/**
 * Separation of duties judged on who owned a request and who wrote its copy over its whole life, by Jira's changelog:
 * anyone who may edit an issue may reassign it, or change its description, for a moment.
 */
const context = (accountId: string) => ({ accountId, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } });

const setup = (record: FlightPlanRecord | null, status: string) => {
  const w = world(record, status);
  for (const who of [REQUESTER, ASSIGNEE, BUILDER, COMPLIANCE, BRAND, TRIAGE_LEAD]) {
    w.jira.grant(who, '10001', 'browse');
    w.jira.grant(who, '10001', 'edit');
  }
  const handlers = panelHandlers(w.deps);
  const call = <Key extends keyof typeof handlers>(key: Key, as: string, payload: Record<string, unknown> = {}) =>
    handlers[key]({ payload: { expectedRevision: storedRevision(w.store), ...payload }, context: context(as) });
  const qaGate = () => gateValidator('qa', w.deps)({ issue: { key: 'MKT-1' }, transition: { modifiedFields: {} } });
  /** Through Jira's own REST API, as anyone who may edit the issue may: Jira records each in the issue's changelog. */
  const jiraAs = (who: string, path: string, body: unknown) =>
    w.jira.transportAs(who)(`/rest/api/3/issue/MKT-1${path}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const assign = async (who: string, to: string) => expect((await jiraAs(who, '/assignee', { accountId: to })).status).toBe(204);
  return { ...w, call, qaGate, jiraAs, assign };
};

const messageOf = (answer: { ok: boolean; error?: { message: string } }) => (answer.ok ? null : answer.error?.message);

/** A description with a claim the compliance lexicon flags ("guarantee*"), in Atlassian Document Format. */
const CLAIM = {
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Guaranteed 50% returns for every finance lead in EMEA.' }] }],
};

/** Casey (compliance) wrote the description: she may neither clear its lexicon hit nor approve the copy. */
const expectCaseyBarredFromTheDescription = async (call: ReturnType<typeof setup>['call']) => {
  const resolve = await call('lexicon/resolve', COMPLIANCE, {
    source: 'description',
    term: 'guarantee*',
    justification: 'Returns are described in the fund prospectus, section 2',
  });
  expect(messageOf(resolve)).toBe('someone who wrote or changed the copy cannot approve it');
  expect(messageOf(await call('approval/compliance', COMPLIANCE))).toBe('someone who wrote or changed the copy cannot approve it');
};

describe('who owned a request before still owns it', () => {
  it('an assignee who hands the request on for a moment cannot approve it, and an approval she gave does not count at the gate', async () => {
    const { call, assign, jira } = setup({ ...completeRecord('regulated'), approvals: [] }, 'QA + Governance');
    jira.issue('10001').assigneeId = COMPLIANCE;
    expect(messageOf(await call('approval/compliance', COMPLIANCE))).toBe('the assignee cannot approve their own request');
    await assign(COMPLIANCE, BUILDER);
    expect(messageOf(await call('approval/compliance', COMPLIANCE))).toBe(
      "someone who was the request's assignee or requester cannot approve it",
    );
  });

  it('an approval already given stops counting at the gate once its approver held the request, even for a moment', async () => {
    const { qaGate, assign } = setup(completeRecord('regulated'), 'QA + Governance');
    expect(await qaGate()).toEqual({ result: true });
    await assign(ASSIGNEE, COMPLIANCE);
    await assign(COMPLIANCE, ASSIGNEE);
    expect((await qaGate()).errorMessage).toContain("someone who was the request's assignee or requester cannot approve it");
  });

  it('a triage lead who owned the request cannot triage it after handing it on', async () => {
    const { triage: _undecided, ...record } = completeRecord('revenue');
    const { call, assign, jira } = setup(record, 'Triage');
    jira.issue('10001').assigneeId = TRIAGE_LEAD;
    await assign(TRIAGE_LEAD, BUILDER);
    const refused = await call('triage/decide', TRIAGE_LEAD, { decision: 'accept', scores: SCORES });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'COMMAND.NOT_A_TRIAGE_LEAD',
      message: "someone who was the request's assignee or requester cannot triage it",
    });
    expect(jira.statusOf('10001')).toBe('Triage');
    // The panel does not offer it either.
    const view = await call('record/get', TRIAGE_LEAD);
    expect(view.ok && view.data.canTriage).toBe(false);
  });

  it('a triage lead who created the request for another person cannot triage it: they filed it', async () => {
    const { triage: _undecided, ...record } = completeRecord('revenue');
    const { call, jira } = setup(record, 'Triage');
    // The lead filed it naming the builder as reporter (Jira's Modify Reporter): Jira's changelog logs no reporter change.
    jira.issue('10001').creatorId = TRIAGE_LEAD;
    const refused = await call('triage/decide', TRIAGE_LEAD, { decision: 'accept', scores: SCORES });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'COMMAND.NOT_A_TRIAGE_LEAD',
      message: 'the requester cannot triage their own request',
    });
    expect(jira.statusOf('10001')).toBe('Triage');
    const view = await call('record/get', TRIAGE_LEAD);
    expect(view.ok && view.data.canTriage).toBe(false);
  });

  it('someone who changed the description cannot clear a lexicon hit in it, nor approve the copy', async () => {
    const { call, qaGate, jiraAs } = setup(completeRecord('regulated'), 'QA + Governance');
    expect(await qaGate()).toEqual({ result: true });
    const put = await jiraAs(COMPLIANCE, '', { fields: { description: CLAIM } });
    expect(put.status).toBe(204);
    expect((await qaGate()).errorMessage).toContain('unresolved lexicon hit');
    await expectCaseyBarredFromTheDescription(call);
    expect((await qaGate()).result).toBe(false);
  });

  it('someone who created the request for another person wrote its description: they cannot clear a hit in it, nor approve', async () => {
    const { call, qaGate, jira } = setup(completeRecord('regulated'), 'QA + Governance');
    // Casey filed it for Riley (Jira's Modify Reporter): the reporter is Riley, the creator Casey; no change is logged.
    jira.issue('10001').creatorId = COMPLIANCE;
    jira.issue('10001').description = CLAIM;
    expect((await qaGate()).errorMessage).toContain('unresolved lexicon hit');
    await expectCaseyBarredFromTheDescription(call);
  });

  it('someone who retired an asset cannot approve what is left', async () => {
    const base = completeRecord('regulated');
    const disclaimer = {
      ...(base.assets[0] as FlightPlanRecord['assets'][number]),
      id: 'asset-2',
      name: 'spring26-landing-terms-v1',
      copy: 'Capital at risk. Rates are variable; see the terms for eligibility.',
      trackedUrls: [],
    };
    const { call } = setup({ ...base, assets: [...base.assets, disclaimer], approvals: [] }, 'QA + Governance');
    expect((await call('asset/retire', COMPLIANCE, { assetId: 'asset-2' })).ok).toBe(true);
    expect(messageOf(await call('approval/compliance', COMPLIANCE))).toBe('someone who wrote or changed the copy cannot approve it');
    // Someone who changed nothing still approves the copy as it is now.
    expect(messageOf(await call('approval/give', BRAND, { role: 'brand' }))).toBeNull();
  });
});

describe('the approval reminders', () => {
  it('count an approval by someone who once held the request as missing, as the gate does: the compliance step is reminded', async () => {
    const { qaGate, assign, store, deps, jira } = setup(completeRecord('regulated'), 'QA + Governance');
    // In QA since 1 June; Compliance approved, then held the request for a moment on 8 June.
    const inQa = { at: '2026-06-01T09:00:00.000Z', fromStatus: 'Build', toStatus: 'QA + Governance', fromStage: 'build', toStage: 'qa' };
    store.data.set(storageKeys.stageLog('10001'), [{ ...inQa, by: ASSIGNEE }]);
    await assign(ASSIGNEE, COMPLIANCE);
    await assign(COMPLIANCE, ASSIGNEE);
    expect((await qaGate()).errorMessage).toContain("someone who was the request's assignee or requester cannot approve it");
    expect(await runRemindersPage(deps(), config(), startReminders(config(), NOW))).toMatchObject({ ok: true });
    expect(JSON.stringify(jira.comments('10001'))).toContain('Compliance approval of this request has waited');
  });
});

describe('peopleHistoryFrom', () => {
  it("reads Jira Cloud's assignee and reporter items (account IDs in from/to and tmp*AccountId) and the description's authors", () => {
    // The item shape Jira Cloud returns for the assignee, as in its changelog responses (tmpToAccountId beside `to`).
    const page = fieldChangelogPageSchema.parse({
      issueChangeLogs: [
        {
          issueId: '10001',
          changeHistories: [
            {
              id: '1',
              author: { accountId: 'acc-a' },
              created: '2026-06-01T10:00:00.000+0000',
              items: [
                {
                  field: 'assignee',
                  fieldtype: 'jira',
                  fieldId: 'assignee',
                  from: null,
                  fromString: null,
                  to: 'acc-first',
                  toString: 'First',
                  tmpFromAccountId: null,
                  tmpToAccountId: 'acc-first',
                },
              ],
            },
            {
              id: '2',
              author: { accountId: 'acc-b' },
              created: '2026-06-02T10:00:00.000+0000',
              items: [
                {
                  field: 'reporter',
                  fieldtype: 'jira',
                  fieldId: 'reporter',
                  from: 'acc-filer',
                  fromString: 'F',
                  to: 'acc-other',
                  toString: 'O',
                },
                {
                  field: 'description',
                  fieldtype: 'jira',
                  fieldId: 'description',
                  from: null,
                  fromString: 'old',
                  to: null,
                  toString: 'new',
                },
              ],
            },
            // A history without an author (an anonymous change) names no writer.
            { id: '3', created: '2026-06-03T10:00:00.000+0000', items: [{ field: 'description', fieldId: 'description' }] },
          ],
        },
      ],
      nextPageToken: null,
    });
    expect(peopleHistoryFrom([page])).toEqual({
      formerOwnerIds: ['acc-first', 'acc-filer', 'acc-other'],
      descriptionWriterIds: ['acc-b'],
      // When it changed hands: a reporter change is no assignee change.
      assigneeChanges: [{ at: Date.parse('2026-06-01T10:00:00.000Z'), fromId: null, toId: 'acc-first' }],
    });
  });
});
