import { describe, expect, it } from 'vitest';
import {
  choiceFor,
  choiceStarts,
  MAX_TEMPLATE_CHOICES,
  MAX_TEMPLATE_NAME,
  suggestedTemplateName,
  templateFrom,
  withChoice,
  withChoiceUsed,
  withoutLatestUnused,
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

describe('choiceStarts', () => {
  const choice = { projectId: '10000', templateId: 'MKT-7-1', at: '2026-06-01T10:00:00.000Z' };
  const createdAt = (instant: string) => ({ projectId: '10000', createdAt: instant });

  it('takes a request of its project created within the hour after the choice, allowing five seconds of clock difference', () => {
    expect(choiceStarts(choice, createdAt('2026-06-01T10:04:00.000Z'))).toBe(true);
    expect(choiceStarts(choice, createdAt('2026-06-01T09:59:55.000Z'))).toBe(true);
    expect(choiceStarts(choice, createdAt('2026-06-01T11:00:00.000Z'))).toBe(true);
  });

  it('leaves a request created before it, over an hour after it, in another project, or once the choice was used', () => {
    // Attack report 9, finding 3: a minute's leeway put a choice made for the next request on one created 30 s before it.
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

  it('starts a request from the choice made last before it was created, never from one made after it', () => {
    expect(choiceFor([webinar, spring], createdAt('09:00:00'), null)).toBe(webinar);
    expect(choiceFor([webinar, spring], createdAt('09:01:00'), null)).toBe(spring);
    expect(choiceFor([spring, webinar], createdAt('09:01:00'), null)).toBe(spring);
    // The page names its template: the latest choice of it, or none.
    expect(choiceFor([webinar, spring], createdAt('09:01:00'), 'webinar')).toBe(webinar);
    expect(choiceFor([webinar, spring], createdAt('09:00:00'), 'spring')).toBeNull();
    // A used choice starts nothing more.
    expect(choiceFor([webinar, choice('spring', '09:00:30', '10002')], createdAt('09:01:00'), null)).toBe(webinar);
    expect(choiceFor([], createdAt('09:01:00'), null)).toBeNull();
  });

  it('keeps the latest few, marks the used one, and forgets the latest unused one of a project', () => {
    const many = Array.from({ length: MAX_TEMPLATE_CHOICES + 3 }, (_, n) => choice(`t${n}`, `09:${String(n).padStart(2, '0')}:00`));
    const kept = many.reduce<TemplateChoice[]>((choices, next) => withChoice(choices, next), []);
    expect(kept).toEqual(many.slice(-MAX_TEMPLATE_CHOICES));
    // Past the bound, a choice that already started its request goes before one still waiting for its Create dialog.
    const waiting = choice('waiting', '08:00:00');
    const started = many.slice(0, MAX_TEMPLATE_CHOICES - 1).map((used, n) => ({ ...used, startedIssueId: String(20_000 + n) }));
    const fresh = choice('fresh', '10:00:00');
    expect(withChoice([waiting, ...started], fresh)).toEqual([waiting, ...started.slice(1), fresh]);
    expect(withChoiceUsed([webinar, spring], webinar, '10001')).toEqual([{ ...webinar, startedIssueId: '10001' }, spring]);
    expect(withoutLatestUnused([webinar, spring], '10000')).toEqual([webinar]);
    expect(withoutLatestUnused([webinar, choice('spring', '09:00:30', '10002')], '10000')).toEqual([choice('spring', '09:00:30', '10002')]);
    expect(withoutLatestUnused([webinar], '10001')).toBeNull();
  });
});
