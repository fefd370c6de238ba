import { describe, expect, it } from 'vitest';
import type { RoutingRule } from '../../src/domain/app-config';
import { saveEffects, type SaveContext } from '../../src/domain/save-effects';
import { completeRecord, SCORES } from '../fakes/fixtures';

const EVENTS: RoutingRule = { channel: 'events', assigneeId: 'acc-events' };
const before = { ...completeRecord('revenue'), tier: undefined };
const inTriage: SaveContext = { stage: 'triage', labels: ['Events'], config: { routing: [EVENTS] } };
const kinds = (effects: readonly { kind: string }[]) => effects.map(({ kind }) => kind);

/** Issue 16: the panel's post-save side effects are one pure function of before, after and command. */
describe('what a saved panel command tells Jira', () => {
  it('copies a tier that changed to the Governance tier field, then writes the summary', () => {
    const after = { ...before, tier: 'regulated' as const };
    expect(saveEffects(before, after, { type: 'setTier', tier: 'regulated' }, inTriage)).toEqual([
      { kind: 'copy-tier', tier: 'regulated' },
      { kind: 'write-summary' },
    ]);
  });

  it('copies nothing for a save that leaves the tier as it was, and always writes the summary', () => {
    const tiered = { ...before, tier: 'revenue' as const };
    expect(saveEffects(tiered, tiered, { type: 'setTier', tier: 'revenue' }, inTriage)).toEqual([{ kind: 'write-summary' }]);
    expect(saveEffects(tiered, { ...tiered, tier: undefined }, { type: 'setTier', tier: 'revenue' }, inTriage)).toEqual([
      { kind: 'write-summary' },
    ]);
  });

  it('routes an accept by the first rule that fits, then moves it to Planning, and tells the requester nothing', () => {
    expect(saveEffects(before, before, { type: 'decideTriage', seenScores: SCORES, decision: 'accept' }, inTriage)).toEqual([
      { kind: 'route', rule: EVENTS },
      { kind: 'move', to: { stage: 'planning', status: 'Planning' } },
      { kind: 'write-summary' },
    ]);
  });

  it('routes no accept that no rule fits, and moves none already past triage', () => {
    const noRule = { ...inTriage, labels: [], config: { routing: [] } };
    expect(
      kinds(saveEffects(before, { ...before, assets: [] }, { type: 'decideTriage', seenScores: SCORES, decision: 'accept' }, noRule)),
    ).toEqual(['move', 'write-summary']);
    const inBuild = { ...inTriage, stage: 'build' as const };
    expect(kinds(saveEffects(before, before, { type: 'decideTriage', seenScores: SCORES, decision: 'accept' }, inBuild))).toEqual([
      'route',
      'write-summary',
    ]);
    // Accepted from Waiting, it moves on to Planning.
    expect(
      kinds(
        saveEffects(before, before, { type: 'decideTriage', seenScores: SCORES, decision: 'accept' }, { ...inTriage, stage: 'waiting' }),
      ),
    ).toEqual(['route', 'move', 'write-summary']);
  });

  it('moves a wait or a decline and tells the requester why; no move where it already stands, the requester still told', () => {
    expect(
      saveEffects(before, before, { type: 'decideTriage', seenScores: SCORES, decision: 'wait', reason: 'Budget opens in Q3' }, inTriage),
    ).toEqual([
      { kind: 'move', to: { stage: 'waiting', status: 'Waiting' } },
      { kind: 'tell-requester', decision: 'wait', reason: 'Budget opens in Q3' },
      { kind: 'write-summary' },
    ]);
    expect(
      saveEffects(before, before, { type: 'decideTriage', seenScores: SCORES, decision: 'decline' }, { ...inTriage, stage: 'declined' }),
    ).toEqual([{ kind: 'tell-requester', decision: 'decline', reason: '' }, { kind: 'write-summary' }]);
  });

  it('does nothing but the summary for a command that is not a tier or a triage decision', () => {
    expect(saveEffects(before, before, { type: 'approve', role: 'brand' }, inTriage)).toEqual([{ kind: 'write-summary' }]);
  });
});
