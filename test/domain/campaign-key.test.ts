import { describe, expect, it } from 'vitest';
import { campaignKeyProblem, campaignSlug } from '../../src/domain/campaign-key';
import { checkAssetName } from '../../src/domain/naming-check';
import { checkTrackedUrl } from '../../src/domain/utm-check';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import type { FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { applyCommand, type Actor } from '../../src/domain/record-commands';
import { completeRecord, config, NOW, SCORES, ASSIGNEE, REQUESTER, BUILDER, TRIAGE_LEAD } from '../fakes/fixtures';

/** The builder, on a request that entered Launch at `launchEnteredAt` (null: not yet). */
const builder = (launchEnteredAt: string | null): Actor => ({
  accountId: BUILDER,
  now: NOW,
  assigneeId: ASSIGNEE,
  reporterId: REQUESTER,
  formerOwnerIds: [],
  descriptionWriterIds: [],
  description: '',
  scores: SCORES,
  launchEnteredAt,
});

/** The plan command that sets the campaign key and leaves the rest of the tracking as it is. */
const planWithKey = (record: FlightPlanRecord, campaignKey: string, actor: Actor) =>
  applyCommand(record, { type: 'updatePlan', changes: { tracking: { ...record.plan.tracking, campaignKey } } }, actor, config());

describe('the campaign key, checked where it is typed (issue 15)', () => {
  it('suggests the slug people meant', () => {
    expect(campaignSlug('Q1 Webinar')).toBe('q1-webinar');
    expect(campaignSlug('  Spring_Launch — Été 2026! ')).toBe('spring-launch-ete-2026');
    expect(campaignSlug('???')).toBe('');
  });

  it('refuses capitals, spaces and stray hyphens, naming the slug; accepts a slug', () => {
    expect(campaignKeyProblem('q1-webinar')).toBeNull();
    expect(campaignKeyProblem('Q1 Webinar')).toBe(
      'the campaign key "Q1 Webinar" can hold only lowercase letters, digits and single hyphens, as every tracked link\'s utm_campaign and every asset name must carry it: use "q1-webinar"',
    );
    for (const bad of ['q1--webinar', '-q1', 'q1_webinar', '']) expect(campaignKeyProblem(bad)).not.toBeNull();
  });

  it('makes a key with which the naming pattern and the UTM check can both pass', () => {
    const key = campaignSlug('Q1 Webinar');
    expect(checkAssetName(`${key}-email-invite-v1`, key, DEFAULT_CONFIG.naming)).toEqual([]);
    expect(checkTrackedUrl(`https://acme.example/?utm_source=nl&utm_medium=email&utm_campaign=${key}`, key, DEFAULT_CONFIG.utm)).toEqual(
      [],
    );
  });

  it('is refused by the plan command, while a key stored before the check is left alone', () => {
    const actor = { ...builder(null), accountId: ASSIGNEE };
    const record = completeRecord('revenue');
    const refused = planWithKey(record, 'Q1 Webinar', actor);
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'COMMAND.CAMPAIGN_KEY_NOT_A_SLUG',
      message: expect.stringContaining('use "q1-webinar"'),
    });
    const legacy = { ...record, plan: { ...record.plan, tracking: { ...record.plan.tracking, campaignKey: 'Old Key' } } };
    expect(
      applyCommand(
        legacy,
        { type: 'updatePlan', changes: { tracking: legacy.plan.tracking, launchCriteria: 'All links checked' } },
        actor,
        config(),
      ).ok,
    ).toBe(true);
  });

  it("is its owner's or a triage lead's to set, change or clear: another person who may edit the request is refused", () => {
    const record = completeRecord('revenue');
    const keyless = { ...record, plan: { ...record.plan, tracking: { ...record.plan.tracking, campaignKey: undefined } } };
    const { campaignKey: _dropped, ...keylessTracking } = record.plan.tracking;
    const clear = (actor: Actor) => applyCommand(record, { type: 'updatePlan', changes: { tracking: keylessTracking } }, actor, config());
    const refusal = {
      code: 'COMMAND.CAMPAIGN_KEY_NOT_OWNER',
      message:
        "only the request's owner (its assignee) or a triage lead sets, changes or clears its campaign key: the campaign decides whose figures judge this request",
    };
    // The builder may edit the request, yet would move it into, or out of, a campaign whose figures they enter by hand.
    for (const refused of [
      planWithKey(record, 'fall26-019', builder(null)),
      planWithKey(keyless, 'fall26-019', builder(null)),
      clear(builder(null)),
    ])
      expect(!refused.ok && refused.error).toEqual(refusal);
    // The rest of the plan is still the builder's to change.
    expect(applyCommand(record, { type: 'updatePlan', changes: { launchCriteria: 'Links checked' } }, builder(null), config()).ok).toBe(
      true,
    );
    for (const allowed of [ASSIGNEE, TRIAGE_LEAD]) {
      const actor = { ...builder(null), accountId: allowed };
      expect(planWithKey(record, 'fall26-019', actor).ok).toBe(true);
      expect(clear(actor).ok).toBe(true);
    }
    // A request nobody owns: only a triage lead gives it a campaign.
    const unowned = { ...builder(null), assigneeId: null };
    expect(!planWithKey(keyless, 'fall26-019', unowned).ok).toBe(true);
    expect(planWithKey(keyless, 'fall26-019', { ...unowned, accountId: TRIAGE_LEAD }).ok).toBe(true);
  });

  it("cannot change, nor be set, once the request has launched: it would take another campaign's figures as its own", () => {
    const launched = builder('2026-05-01T09:00:00.000Z');
    const record = completeRecord('revenue');
    const repointed = planWithKey(record, 'fall26-019', launched);
    expect(!repointed.ok && repointed.error).toEqual({
      code: 'COMMAND.CAMPAIGN_KEY_LAUNCHED',
      message: `the campaign key cannot change once the request has launched: its links carry utm_campaign=${record.plan.tracking.campaignKey} and its outcome is judged on that campaign's figures`,
    });
    const keyless = { ...record, plan: { ...record.plan, tracking: { ...record.plan.tracking, campaignKey: undefined } } };
    const set = planWithKey(keyless, 'fall26-019', launched);
    expect(!set.ok && set.error.code).toBe('COMMAND.CAMPAIGN_KEY_LAUNCHED');
    // Tracking sent without the key would clear it: refused alike, whoever sends it.
    const { campaignKey: _dropped, ...keylessTracking } = record.plan.tracking;
    const cleared = applyCommand(record, { type: 'updatePlan', changes: { tracking: keylessTracking } }, launched, config());
    expect(!cleared.ok && cleared.error.code).toBe('COMMAND.CAMPAIGN_KEY_LAUNCHED');
    // The same key with white space around it names the same campaign.
    expect(planWithKey(record, ` ${record.plan.tracking.campaignKey!} `, launched).ok).toBe(true);
    // The rest of the plan still changes after launch, the key sent as it is.
    const other = applyCommand(
      record,
      { type: 'updatePlan', changes: { tracking: { ...record.plan.tracking, events: ['demo_booked'] }, launchCriteria: 'Links checked' } },
      launched,
      config(),
    );
    expect(other.ok && other.value.record.plan.tracking).toEqual({ ...record.plan.tracking, events: ['demo_booked'] });
  });
});
