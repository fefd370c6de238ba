import { describe, expect, it } from 'vitest';
import { isRealDate, isRealInstant } from '../../src/contracts/dates';
import { parseConfigInput } from '../../src/contracts/app-config.schema';
import { parseStoredRecord } from '../../src/contracts/flight-plan-record.schema';
import type { CommandKey } from '../../src/contracts/resolver-contract';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { storageKeys } from '../../src/use-cases/ports';
import { ASSIGNEE, completeRecord, config } from '../fakes/fixtures';
import { world } from '../fakes/site-deps';
import { handlerOf } from '../fakes/resolver-calls';

const FAR_FUTURE = '+275760-09-12T23:30:00.000Z';

/** What the panel's resolver answers a record command's payload with, as the person at the issue sends it. */
const sendCommand = (key: CommandKey, payload: Record<string, unknown>) =>
  handlerOf(
    panelHandlers(world().deps),
    key,
  )({
    payload: { ...payload, expectedRevision: 0 },
    context: { accountId: ASSIGNEE, extension: { issue: { id: '10001' } } },
  });

describe('dates people enter', () => {
  it('are real dates and times in a sane range, not whatever Date.parse takes', () => {
    for (const good of ['2026-06-10T09:00:00.000Z', '2026-06-10T09:00Z', '2026-06-10T09:00:00+11:00', '2100-12-31T23:59:59Z'])
      expect(isRealInstant(good)).toBe(true);
    for (const bad of [
      FAR_FUTURE,
      '1',
      '2026-02-31T09:00:00Z',
      '2026-06-10T24:00:00Z',
      '1999-12-31T23:00:00Z',
      '2026-06-10',
      'June 10, 2026',
      '2026-06-10T09:00:00',
    ])
      expect(isRealInstant(bad)).toBe(false);
    expect(isRealDate('2028-02-29')).toBe(true);
    for (const bad of ['2027-02-29', '2026-13-01', '1', '+275760-09-12']) expect(isRealDate(bad)).toBe(false);
  });

  it('refuses a launch window of the far future or "1" with a plain error naming the field', async () => {
    for (const start of [FAR_FUTURE, '1']) {
      const parsed = await sendCommand('launch/update', { window: { start, end: '2026-06-20T09:00:00Z' } });
      expect(parsed).toMatchObject({ ok: false, error: { code: 'PAYLOAD.INVALID' } });
      expect(parsed.ok || parsed.error.message).toContain("the launch window's start must be a real date and time between 2000 and 2100");
    }
  });

  it('refuses a holiday that is not a real date', () => {
    const parsed = parseConfigInput({ ...config(), holidays: ['2026-02-31'] });
    expect(parsed.ok || parsed.error.fields).toEqual({
      'holidays.0': 'A holiday must be a real date between 2000 and 2100, as YYYY-MM-DD',
    });
  });

  it('reads a record already holding an unusable launch window as one with no window, keeping the rest', () => {
    const stored = {
      ...completeRecord('revenue'),
      launch: { ...completeRecord('revenue').launch, window: { start: FAR_FUTURE, end: '+275760-09-13T00:00:00.000Z' } },
    };
    const parsed = parseStoredRecord(stored, stored.issueId);
    expect(parsed.ok && parsed.value.launch.window).toBeUndefined();
    expect(parsed.ok && parsed.value.assets).toEqual(stored.assets);
  });

  it('keeps record/get working on such a record, and the launch gate asking for a window', async () => {
    const { jira, store, deps } = world(null, 'Launch');
    jira.grant(ASSIGNEE, '10001', 'browse');
    const record = completeRecord('regulated');
    store.data.set(storageKeys.record('10001'), {
      ...record,
      launch: { ...record.launch, window: { start: FAR_FUTURE, end: '+275760-09-13T00:00:00.000Z' } },
    });
    const answer = await panelHandlers(deps)['record/get']({
      payload: {},
      context: { accountId: ASSIGNEE, extension: { issue: { id: '10001' } } },
    });
    expect(answer.ok).toBe(true);
    expect(answer.ok && answer.data.record.launch.window).toBeUndefined();
  });
});

describe('free text people type', () => {
  it('is bounded, and the error names the field and its limit in words', async () => {
    const long = 'x'.repeat(2_001);
    const cases: [CommandKey, Record<string, unknown>, string][] = [
      ['triage/set-tier', { tier: 'regulated', reason: long }, 'Reason is at most 2,000 characters'],
      ['checklist/answer', { code: 'qa.forms-tested', done: true, note: long }, 'Note is at most 2,000 characters'],
      ['plan/update', { tracking: { events: ['e'.repeat(201)] } }, 'A tracking event is at most 200 characters'],
      ['retro/answer', { outcome: { result: 'missed', actual: long } }, 'Actual result is at most 2,000 characters'],
      ['asset/add', { type: 'email', spec: 'one', name: 'n', copy: 'c'.repeat(20_001) }, 'Asset copy is at most 20,000 characters'],
    ];
    for (const [key, payload, message] of cases) {
      const parsed = await sendCommand(key, payload);
      expect(parsed).toMatchObject({ ok: false, error: { code: 'PAYLOAD.INVALID' } });
      expect(parsed.ok || parsed.error.message).toContain(message);
    }
  });
});
