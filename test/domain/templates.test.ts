import { describe, expect, it } from 'vitest';
import {
  choiceFor,
  choiceStarts,
  DIALOG_LONGEST_HOURS,
  MAX_TEMPLATE_CHOICES,
  MAX_TEMPLATE_NAME,
  suggestedTemplateName,
  templateFrom,
  templateNameKey,
  withChoice,
  newChoice,
  pressed,
  withChoiceUsed,
  withoutCancelled,
  type TemplateChoice,
} from '../../src/domain/templates';
import { completeRecord } from '../fakes/fixtures';

describe('a template from the retrospective', () => {
  it("suggests its name from the answer to 'What should become a template?': the first sentence or line", () => {
    expect(suggestedTemplateName('The EMEA webinar plan. Its nurture emails worked too.')).toBe('The EMEA webinar plan');
    expect(suggestedTemplateName('  Webinar invite flow\nwith the reminder cadence  ')).toBe('Webinar invite flow');
    expect(suggestedTemplateName(undefined)).toBe('');
    expect(suggestedTemplateName('   ')).toBe('');
  });

  it('cuts a long answer at a word, within the longest name a template may have', () => {
    const answer = `${'webinar '.repeat(20)}plan`;
    const name = suggestedTemplateName(answer);
    expect(name.length).toBeLessThanOrEqual(MAX_TEMPLATE_NAME);
    expect(name).toMatch(/^webinar( webinar)*$/);
    expect(suggestedTemplateName('x'.repeat(300))).toHaveLength(MAX_TEMPLATE_NAME);
  });

  it('keeps the whole answer as the reason the template exists, bounded', () => {
    const record = completeRecord();
    const meta = { id: 't1', name: 'Webinar', fromKey: 'MKT-1', by: 'acc', at: '2026-06-10T00:00:00.000Z' };
    expect(templateFrom({ ...record, retrospective: { template: ' The webinar plan. ' } }, meta).why).toBe('The webinar plan.');
    expect(templateFrom({ ...record, retrospective: { template: 'y'.repeat(5_000) } }, meta).why).toHaveLength(1_000);
    expect(templateFrom({ ...record, retrospective: {} }, meta)).not.toHaveProperty('why');
  });
});

describe('template names', () => {
  it('are the same name when a reader cannot tell them apart in the list', () => {
    const same: [string, string][] = [
      ['Caf\u00e9 launch', 'Cafe\u0301 launch'],
      ['Spring\u00a0launch', 'spring launch'],
      ['Spring  launch', 'Spring launch'],
      ['\ufb01nal', 'final'],
      ['\uff33\uff50\uff52\uff49\uff4e\uff47', 'spring'],
    ];
    for (const [one, other] of same) expect(templateNameKey(one)).toBe(templateNameKey(other));
    expect(templateNameKey('Spring launch')).not.toBe(templateNameKey('Spring launches'));
  });
});

describe('choiceStarts', () => {
  const choice = { projectId: '10000', templateId: 'MKT-7-1', at: '2026-06-01T10:00:00.000Z' };
  const createdAt = (instant: string) => ({ projectId: '10000', createdAt: instant });

  it('takes a request of its project created within the hour after the choice, allowing five seconds of clock difference', () => {
    expect(choiceStarts(choice, createdAt('2026-06-01T10:04:00.000Z'))).toBe(true);
    expect(choiceStarts(choice, createdAt('2026-06-01T09:59:55.000Z'))).toBe(true);
    expect(choiceStarts(choice, createdAt('2026-06-01T11:00:00.000Z'))).toBe(true);
  });

  it('leaves a request created before it, over an hour after it, in another project, or once the choice was used', () => {
    // a minute's leeway put a choice made for the next request on one created 30 s before it.
    expect(choiceStarts(choice, createdAt('2026-06-01T09:59:30.000Z'))).toBe(false);
    expect(choiceStarts(choice, createdAt('2026-06-01T09:59:54.999Z'))).toBe(false);
    expect(choiceStarts(choice, createdAt('2026-06-01T11:00:01.000Z'))).toBe(false);
    expect(choiceStarts(choice, { projectId: '10001', createdAt: '2026-06-01T10:04:00.000Z' })).toBe(false);
    expect(choiceStarts({ ...choice, startedIssueId: '10001' }, createdAt('2026-06-01T10:04:00.000Z'))).toBe(false);
    expect(choiceStarts(choice, createdAt(''))).toBe(false);
  });
});

describe("a person's choices of template", () => {
  const choice = (templateId: string, at: string, startedIssueId?: string): TemplateChoice => ({
    projectId: '10000',
    templateId,
    at: `2026-06-01T${at}.000Z`,
    ...(startedIssueId === undefined ? {} : { startedIssueId }),
  });
  const createdAt = (at: string) => ({ projectId: '10000', createdAt: `2026-06-01T${at}.000Z` });
  const webinar = choice('webinar', '08:59:50');
  const spring = choice('spring', '09:00:30');

  it('starts a request from the only choice made before it was created, never from one made after it', () => {
    expect(choiceFor([webinar, spring], createdAt('09:00:00'), null)).toBe(webinar);
    // Unnamed (the created-issue trigger), two choices may both be for it (dialogs open in two tabs), of two templates or
    // of one: which dialog created it is unknown, so neither is taken.
    expect(choiceFor([webinar, spring], createdAt('09:01:00'), null)).toBeNull();
    const springAgain = choice('spring', '09:00:40');
    expect(choiceFor([spring, springAgain], createdAt('09:01:00'), null)).toBeNull();
    // A used choice starts nothing more, and leaves the other the only one.
    expect(choiceFor([webinar, choice('spring', '09:00:30', '10002')], createdAt('09:01:00'), null)).toBe(webinar);
    expect(choiceFor([], createdAt('09:01:00'), null)).toBeNull();
  });

  it(`leaves a request to its page, unnamed, while another choice of its project waits from up to ${DIALOG_LONGEST_HOURS} hours before it`, () => {
    // tab A's dialog open over an hour-long meeting (its choice no longer counts), or tab A's
    // choice never kept but the page opening the dialog all the same (nothing stored for it at all: only the request
    // says so). Tab B's choice was the only one that counted, and the trigger started tab A's request from it.
    const overAMeeting = choice('webinar', '07:55:00');
    const tabB = choice('spring', '08:56:00');
    expect(choiceFor([overAMeeting, tabB], createdAt('09:00:00'), null)).toBeNull();
    expect(choiceFor([tabB, overAMeeting], createdAt('09:00:00'), null)).toBeNull();
    // From the day before, still stored (storage keeps choices a day after the last write): its dialog may still be open.
    expect(choiceFor([choice('webinar', '00:10:00'), tabB], createdAt('09:00:00'), null)).toBeNull();
    // Used, in another project, or made after the request: none of those is another dialog that may have created it.
    expect(choiceFor([choice('webinar', '07:55:00', '10002'), tabB], createdAt('09:00:00'), null)).toBe(tabB);
    expect(choiceFor([{ ...overAMeeting, projectId: '10001' }, tabB], createdAt('09:00:00'), null)).toBe(tabB);
    expect(choiceFor([tabB, choice('webinar', '09:00:30')], createdAt('09:00:00'), null)).toBe(tabB);
    // Alone and over the hour, it is no choice for this request either.
    expect(choiceFor([overAMeeting], createdAt('09:00:00'), null)).toBeNull();
    // a choice whose tab was closed with its dialog open, or whose cancel never arrived,
    // blocked the trigger for as long as it stayed stored. Past the longest a dialog stays open, it is no open dialog.
    const tabClosedYesterday = { ...choice('webinar', '08:00:00'), at: '2026-05-31T08:00:00.000Z' };
    expect(choiceFor([tabClosedYesterday, tabB], createdAt('09:00:00'), null)).toBe(tabB);
    expect(choiceFor([{ ...tabClosedYesterday, at: '2026-05-31T20:59:59.999Z' }, tabB], createdAt('09:00:00'), null)).toBe(tabB);
    expect(choiceFor([{ ...tabClosedYesterday, at: '2026-05-31T21:00:00.000Z' }, tabB], createdAt('09:00:00'), null)).toBeNull();
    // The page names its own, whatever else waits, and by its instant however long its dialog stayed open.
    expect(choiceFor([overAMeeting, tabB], createdAt('09:00:00'), { templateId: 'spring', chosenAt: tabB.at })).toBe(tabB);
    expect(choiceFor([overAMeeting, tabB], createdAt('09:00:00'), { templateId: 'webinar', chosenAt: overAMeeting.at })).toBe(overAMeeting);
  });

  it('starts a request from the choice its page names: by its instant, or the latest of its template from an older page', () => {
    const springAgain = choice('spring', '09:00:40');
    const named = (templateId: string, at: string | null) => ({ templateId, chosenAt: at === null ? null : `2026-06-01T${at}.000Z` });
    expect(choiceFor([spring, springAgain], createdAt('09:01:00'), named('spring', '09:00:30'))).toBe(spring);
    expect(choiceFor([spring, springAgain], createdAt('09:01:00'), named('spring', '09:00:40'))).toBe(springAgain);
    expect(choiceFor([webinar, spring, springAgain], createdAt('09:01:00'), named('spring', null))).toBe(springAgain);
    expect(choiceFor([springAgain, spring], createdAt('09:01:00'), named('spring', null))).toBe(springAgain);
    expect(choiceFor([webinar, spring], createdAt('09:01:00'), named('webinar', null))).toBe(webinar);
    // None: a choice of another template at that instant, one made after the request, one used, or one gone.
    expect(choiceFor([webinar, spring], createdAt('09:01:00'), named('webinar', '09:00:30'))).toBeNull();
    expect(choiceFor([webinar, spring], createdAt('09:00:00'), named('spring', null))).toBeNull();
    expect(choiceFor([choice('spring', '09:00:30', '10002')], createdAt('09:01:00'), named('spring', '09:00:30'))).toBeNull();
    expect(choiceFor([webinar], createdAt('09:01:00'), named('webinar', '08:00:00'))).toBeNull();
  });

  it('keeps the latest few, and marks the used one', () => {
    const many = Array.from({ length: MAX_TEMPLATE_CHOICES + 3 }, (_, n) => choice(`t${n}`, `09:${String(n).padStart(2, '0')}:00`));
    const kept = many.reduce<TemplateChoice[]>((choices, next) => withChoice(choices, next), []);
    expect(kept).toEqual(many.slice(-MAX_TEMPLATE_CHOICES));
    // Past the bound, a choice that already started its request goes before one still waiting for its Create dialog.
    const waiting = choice('waiting', '08:00:00');
    const started = many.slice(0, MAX_TEMPLATE_CHOICES - 1).map((used, n) => ({ ...used, startedIssueId: String(20_000 + n) }));
    const fresh = choice('fresh', '10:00:00');
    expect(withChoice([waiting, ...started], fresh)).toEqual([waiting, ...started.slice(1), fresh]);
    // A choice still waiting for a dialog opened over the longest a dialog stays open goes first, bound or not: its tab was
    // closed. One used keeps saying which request it started.
    const orphan = choice('orphan', '08:00:00');
    const usedLongAgo = choice('used', '07:00:00', '10009');
    const twelveHoursOn = { ...fresh, at: '2026-06-01T20:00:00.000Z' };
    expect(withChoice([orphan, usedLongAgo, webinar], twelveHoursOn)).toEqual([orphan, usedLongAgo, webinar, twelveHoursOn]);
    const past = { ...fresh, at: '2026-06-01T20:00:00.001Z' };
    expect(withChoice([orphan, usedLongAgo, webinar], past)).toEqual([usedLongAgo, webinar, past]);
    expect(withChoiceUsed([webinar, spring], webinar, '10001')).toEqual([{ ...webinar, startedIssueId: '10001' }, spring]);
  });

  it("gives each new choice an instant none of the person's other choices has: its identity", () => {
    const now = new Date('2026-06-01T09:00:30.000Z');
    expect(newChoice([webinar], { projectId: '10000', templateId: 'spring' }, now)).toEqual(spring);
    // Two tabs pressing "Start from …" in the same millisecond: the second is a millisecond later, and a third later again.
    const twin = newChoice([webinar, spring], { projectId: '10000', templateId: 'webinar' }, now);
    expect(twin.at).toBe('2026-06-01T09:00:30.001Z');
    expect(newChoice([spring, twin], { projectId: '10000', templateId: 'x' }, now).at).toBe('2026-06-01T09:00:30.002Z');
  });

  it('keeps one choice per press of "Start from …": a second ask for the press answers the choice the first kept', () => {
    // the first ask was kept but its answer lost, so the page asked again and a second
    // choice was kept for one press; two waiting, the created-issue trigger started neither.
    const now = new Date('2026-06-01T09:00:30.400Z');
    const pick = { projectId: '10000', templateId: 'spring', pressId: 'press-1' };
    const first = { ...spring, pressId: 'press-1' };
    expect(pressed([webinar, first], pick, now)).toEqual({ choice: first, choices: null });
    // Another press, the same press id for another template or project, or an older page's ask without one: a new choice.
    const fresh = { projectId: '10000', templateId: 'spring', at: now.toISOString() };
    expect(pressed([webinar, first], { ...pick, pressId: 'press-2' }, now)).toEqual({
      choice: { ...fresh, pressId: 'press-2' },
      choices: [webinar, first, { ...fresh, pressId: 'press-2' }],
    });
    expect(pressed([first], { ...pick, templateId: 'webinar' }, now).choices).toHaveLength(2);
    expect(pressed([first], { ...pick, projectId: '10001' }, now).choices).toHaveLength(2);
    expect(pressed([first], { projectId: '10000', templateId: 'spring' }, now)).toEqual({ choice: fresh, choices: [first, fresh] });
  });

  describe('when a Create dialog is cancelled', () => {
    const now = new Date('2026-06-01T09:01:00.000Z');
    const cancel = (chosenAt: string | null, projectId = '10000') => ({ projectId, chosenAt });

    it('forgets the choice the dialog names, and no other: a dialog open in another tab keeps its own', () => {
      // Two tabs: the webinar chosen in the first, the spring sale in the second; the first is cancelled.
      expect(withoutCancelled([webinar, spring], cancel(webinar.at), now)).toEqual([spring]);
      expect(withoutCancelled([webinar, spring], cancel(spring.at), now)).toEqual([webinar]);
      // The same instant written another way (no milliseconds) names the same choice.
      const onTheSecond = choice('webinar', '08:59:50');
      expect(withoutCancelled([onTheSecond, spring], cancel('2026-06-01T08:59:50Z'), now)).toEqual([spring]);
    });

    it('forgets nothing when the named choice is used, gone, or of another project', () => {
      const used = choice('spring', '09:00:30', '10002');
      expect(withoutCancelled([webinar, used], cancel(used.at), now)).toBeNull();
      expect(withoutCancelled([webinar], cancel('2026-06-01T08:00:00.000Z'), now)).toBeNull();
      expect(withoutCancelled([webinar, spring], cancel(webinar.at, '10001'), now)).toBeNull();
      expect(withoutCancelled([], cancel(webinar.at), now)).toBeNull();
    });

    it("without a name (a page loaded before choices had one), forgets the project's waiting choice only when it is the only one", () => {
      expect(withoutCancelled([webinar], cancel(null), now)).toEqual([]);
      // Two dialogs waiting: it cannot tell which was cancelled, so it forgets neither.
      expect(withoutCancelled([webinar, spring], cancel(null), now)).toBeNull();
      // A used choice, another project's, or one whose dialog cannot still be open is not waiting for a dialog.
      expect(withoutCancelled([choice('spring', '09:00:30', '10002'), webinar], cancel(null), now)).toEqual([
        choice('spring', '09:00:30', '10002'),
      ]);
      expect(withoutCancelled([{ ...spring, projectId: '10001' }, webinar], cancel(null), now)).toEqual([
        { ...spring, projectId: '10001' },
      ]);
      const lastNight = { ...choice('webinar', '07:59:00'), at: '2026-05-31T20:59:00.000Z' };
      expect(withoutCancelled([lastNight, spring], cancel(null), now)).toEqual([lastNight]);
      expect(withoutCancelled([lastNight], cancel(null), now)).toBeNull();
      // A dialog opened over an hour ago may still be open, as the created-issue trigger takes it: with another waiting,
      // an unnamed cancel cannot tell which it was, and forgets neither.
      const beforeTheMeeting = choice('webinar', '07:55:00');
      expect(withoutCancelled([beforeTheMeeting, spring], cancel(null), now)).toBeNull();
    });
  });
});
