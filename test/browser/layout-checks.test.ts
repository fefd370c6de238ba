import { describe, expect, it } from 'vitest';
import { codeLikeText, codeLikeTextAllowing } from './layout-checks';

describe('the scan for code-like text', () => {
  // Each was seen on screen (issue 15).
  it.each([
    'lexicon/resolve: justification: a reason is required',
    'Invalid input: expected int, received number',
    'intake.leadTimeBusinessDays.revenue: must be a whole number',
    'retrospective answered: slowedDown, rework',
    'launch updated: window, monitoringOwnerId, anomalyPlan',
    'POST /rest/api/3/search/jql was refused (400)',
    'due from 2026-11-30T07:00:00.000Z',
    'approved by 5b10a2844c20165700ede21d',
    'by 557058:flight-plan-app',
    'as of 09:57 UTC',
    'Too small: expected number to be >=0',
    'GADGET.NOT_CONFIGURED',
    'explain the triage scores (description, duedate, customfield_10056)',
    'lexicon hit "guaranteed" in asset-1',
  ])('flags "%s"', (text) => {
    expect(codeLikeText(text)).not.toEqual([]);
  });

  it.each([
    'Cycle time, median 26 days',
    'MKT-152 Regulated offer: savings account promo #152',
    'Saved as revision 3.',
    'Data from Jira as of 30 Nov 2026, 04:57',
    'QA + Governance',
    'iPhone launch: e-mail and web',
  ])('passes "%s"', (text) => {
    expect(codeLikeText(text)).toEqual([]);
  });

  it('lets through only the kinds a place allows (an audit CSV its ISO timestamps), and flags the rest there', () => {
    const row = 'waiver,MKT-1,2026-06-10T12:00:00Z,5b10a2844c20165700ede21d';
    expect(codeLikeTextAllowing(row, ['an ISO timestamp', 'an ISO date'])).toEqual([
      'an account id: "5b10a2844c20165700ede21d" in "er,MKT-1,2026-06-10T12:00:00Z,5b10a2844c20165700ede21d"',
    ]);
  });
});
