import { describe, expect, it } from 'vitest';
import { choiceStarts, MAX_TEMPLATE_NAME, suggestedTemplateName, templateFrom } from '../../src/domain/templates';
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

  it('takes a request of its project created within the hour after the choice, allowing a minute of clock difference', () => {
    expect(choiceStarts(choice, createdAt('2026-06-01T10:04:00.000Z'))).toBe(true);
    expect(choiceStarts(choice, createdAt('2026-06-01T09:59:30.000Z'))).toBe(true);
    expect(choiceStarts(choice, createdAt('2026-06-01T11:00:00.000Z'))).toBe(true);
  });

  it('leaves a request created before it, over an hour after it, in another project, or once the choice was used', () => {
    expect(choiceStarts(choice, createdAt('2026-06-01T09:58:00.000Z'))).toBe(false);
    expect(choiceStarts(choice, createdAt('2026-06-01T11:00:01.000Z'))).toBe(false);
    expect(choiceStarts(choice, { projectId: '10001', createdAt: '2026-06-01T10:04:00.000Z' })).toBe(false);
    expect(choiceStarts({ ...choice, startedIssueId: '10001' }, createdAt('2026-06-01T10:04:00.000Z'))).toBe(false);
    expect(choiceStarts(choice, createdAt(''))).toBe(false);
  });
});
