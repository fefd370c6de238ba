import { describe, expect, it } from 'vitest';
import { panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { gateValidator } from '../../src/handlers/validators/gate-validator';
import { CURRENT_RECORD_VERSION, MAX_PREVIOUS_NAMES, type FlightPlanRecord } from '../../src/domain/flight-plan-record';
import { MAX_VALUE_BYTES, serializedSize, storageKeys } from '../../src/use-cases/ports';
import { ASSIGNEE, completeRecord, NOW, TRIAGE_LEAD } from '../fakes/fixtures';
import { storedRevision, world } from '../fakes/site-deps';

// the record's observations and an asset's earlier names grew with every write until the
// record passed app storage's 240 KiB value limit and every command on the request was refused as too large.

const context = (accountId: string) => ({ accountId, extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } } });

/** MKT-1 at `status`, moved to Launch 100 hours ago by the stage log, so every observation is due. */
const setup = (record: object, status: string) => {
  const w = world(record as FlightPlanRecord, status);
  for (const who of [ASSIGNEE, TRIAGE_LEAD]) {
    w.jira.grant(who, '10001', 'browse');
    w.jira.grant(who, '10001', 'edit');
  }
  w.store.data.set(storageKeys.stageLog('10001'), [
    {
      at: new Date(NOW.getTime() - 100 * 3_600_000).toISOString(),
      fromStatus: 'QA + Governance',
      toStatus: 'Launch',
      fromStage: 'qa',
      toStage: 'launch',
      by: TRIAGE_LEAD,
    },
  ]);
  const stored = () => w.store.data.get(storageKeys.record('10001')) as FlightPlanRecord;
  return { ...w, handlers: panelHandlers(w.deps), stored, recordBytes: () => serializedSize(stored()) };
};

const launched = () => {
  const record = completeRecord('revenue');
  return { ...record, launch: { ...record.launch, observations: [] } };
};

const NOTE = 'y'.repeat(1_990);
const RETRO = {
  slowedDown: 'L'.repeat(600),
  rework: 'The landing page hero copy was rewritten twice after brand review.',
  broke: 'UTM on the second email was missing the campaign parameter.',
  template: 'Use the webinar checklist from the start.',
};

describe('a record that cannot grow until it is frozen', () => {
  it('keeps one observation per checkpoint, the latest, however often the launch watch is written', async () => {
    // The reviewer's reproduction: 117 observations with 2,000-character notes made the record 245,382 bytes, and from
    // then on every command, the retrospective the Measure gate needs among them, was refused as too large.
    const { handlers, store, stored, recordBytes } = setup(launched(), 'Launch');
    let sizeAfterFirst = 0;
    for (let n = 0; n < 200; n++) {
      const answer = await handlers['launch/observe']({
        payload: { expectedRevision: storedRevision(store), checkpoint: '24h', note: `${String(n)} ${NOTE}` },
        context: context(TRIAGE_LEAD),
      });
      expect(answer).toMatchObject({ ok: true });
      if (n === 0) sizeAfterFirst = recordBytes();
    }
    // Only the revision's digits and the note's number differ.
    expect(recordBytes() - sizeAfterFirst).toBeLessThanOrEqual(6);
    expect(stored().launch.observations).toEqual([expect.objectContaining({ checkpoint: '24h', note: `199 ${NOTE}` })]);
    // Every observation stays in the audit trail, the one replaced included.
    expect(store.data.get(storageKeys.auditPage('10001', 2))).toMatchObject({
      entries: [{ action: 'launch.observed', detail: `+24h observation, replacing the one recorded before: 1 ${NOTE}` }],
    });
    const retro = await handlers['retro/answer']({
      payload: { expectedRevision: storedRevision(store), ...RETRO },
      context: context(TRIAGE_LEAD),
    });
    expect(retro).toMatchObject({ ok: true });
  });

  it('keeps an asset’s last few earlier names when it is renamed back and forth', async () => {
    // The reviewer's reproduction: 1,240 renames between two 194-character names ended in a refusal as too large; every
    // rename past the tenth now leaves the record the size it was.
    const { handlers, store, stored, recordBytes } = setup(completeRecord('regulated'), 'Build');
    const names = ['a'.repeat(190) + '-v1', 'b'.repeat(190) + '-v1'];
    let sizeAfterTen = 0;
    for (let n = 0; n < 60; n++) {
      const answer = await handlers['asset/update']({
        payload: { expectedRevision: storedRevision(store), assetId: 'asset-1', name: names[n % 2] },
        context: context(ASSIGNEE),
      });
      expect(answer).toMatchObject({ ok: true });
      if (n === MAX_PREVIOUS_NAMES) sizeAfterTen = recordBytes();
    }
    expect(stored().assets[0]?.previousNames).toEqual(Array.from({ length: MAX_PREVIOUS_NAMES }, (_, i) => names[(i + 1) % 2]));
    expect(recordBytes() - sizeAfterTen).toBeLessThanOrEqual(4);
    // The trail still has the whole history: the first rename is on its page.
    expect(store.data.get(storageKeys.auditPage('10001', 1))).toMatchObject({
      entries: [{ action: 'asset.renamed', detail: `asset "spring26-email-invite-v2" renamed to "${names[0] ?? ''}"` }],
    });
  });

  it('brings a stored record already over the bounds back within them, so the request is no longer frozen', async () => {
    // A version 2 record as the old code left it: 117 observations with 2,000-character notes and an asset renamed
    // 1,000 times, far past the value limit a write may store.
    const record = completeRecord('revenue');
    const observations = Array.from({ length: 117 }, (_, n) => ({
      by: TRIAGE_LEAD,
      at: new Date(NOW.getTime() - (117 - n) * 60_000).toISOString(),
      checkpoint: (['1h', '24h', '72h'] as const)[n % 3],
      note: `${String(n)} ${NOTE}`,
    }));
    const previousNames = Array.from({ length: 1_000 }, (_, n) => `spring26-email-invite-v${String(n % 2)}-${'x'.repeat(150)}`);
    const frozen = {
      ...record,
      schemaVersion: 2,
      assets: [{ ...record.assets[0], previousNames }],
      launch: { ...record.launch, observations },
    };
    expect(serializedSize(frozen)).toBeGreaterThan(MAX_VALUE_BYTES);
    const { handlers, store, stored } = setup(frozen, 'Launch');

    const view = await handlers['record/get']({ payload: {}, context: context(TRIAGE_LEAD) });
    expect(view.ok && view.data.record.launch.observations.map((kept) => kept.note.slice(0, 3))).toEqual(['114', '115', '116']);
    const retro = await handlers['retro/answer']({
      payload: { expectedRevision: storedRevision(store), ...RETRO },
      context: context(TRIAGE_LEAD),
    });
    expect(retro).toMatchObject({ ok: true });
    expect(stored().schemaVersion).toBe(CURRENT_RECORD_VERSION);
    expect(stored().assets[0]?.previousNames).toEqual(previousNames.slice(-MAX_PREVIOUS_NAMES));
    expect(serializedSize(stored())).toBeLessThan(MAX_VALUE_BYTES / 4);
  });

  it('names what grew when a change would take the record past the value limit', async () => {
    const record = completeRecord('regulated');
    const asset = record.assets[0]!;
    const assets = Array.from({ length: 12 }, (_, n) => ({
      ...asset,
      id: `asset-${String(n + 1)}`,
      name: `spring26-email-part${String(n + 1)}-v1`,
      copy: 'c'.repeat(n === 4 ? 20_000 : 19_000),
    }));
    const { handlers, store, stored } = setup({ ...record, assets }, 'Build');
    const answer = await handlers['asset/add']({
      payload: {
        expectedRevision: storedRevision(store),
        type: 'email',
        spec: 'one more',
        name: 'spring26-email-part13-v1',
        copy: 'd'.repeat(20_000),
      },
      context: context(ASSIGNEE),
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'RECORD.TOO_LARGE',
        message: expect.stringMatching(
          /^this change would make the Flight Plan 2\d\d KB, over the 240 KB app storage keeps for it; its largest parts are the asset "spring26-email-part(5|13)-v1" \(20 KB\) and the asset "spring26-email-part(5|13)-v1" \(20 KB\)$/,
        ) as unknown,
      },
    });
    expect(stored().assets).toHaveLength(12);
  });
});

// bounding an asset's earlier names let ten renames clear the build gate's "a version never goes
// back", and the version 3 migration cleared a stored step back the same way.
describe('a step back older than the names an asset keeps', () => {
  const buildTransition = {
    issue: { key: 'MKT-1' },
    configuration: {},
    transition: { from: { id: '10010' }, to: { id: '10011' }, modifiedFields: {} },
  };
  const WENT_BACK = 'went from v3 back to v2: a version never goes back';

  it('still blocks the build gate after ten renames at the lower version', async () => {
    const { handlers, store, deps, stored } = setup(completeRecord('regulated'), 'Build');
    const rename = async (name: string) => {
      const answer = await handlers['asset/update']({
        payload: { expectedRevision: storedRevision(store), assetId: 'asset-1', name },
        context: context(ASSIGNEE),
      });
      expect(answer).toMatchObject({ ok: true });
    };
    await rename('spring26-email-invite-v3');
    await rename('spring26-email-invite-v2');
    expect(await gateValidator('build', deps)(buildTransition)).toMatchObject({ result: false });
    for (let n = 0; n < MAX_PREVIOUS_NAMES; n++) await rename(n % 2 === 0 ? 'spring26-email-webinar-v2' : 'spring26-email-invite-v2');
    expect(stored().assets[0]?.previousNames).not.toContain('spring26-email-invite-v3');
    expect(stored().assets[0]?.stepBack).toEqual({ from: 'spring26-email-invite-v3', to: 'spring26-email-invite-v2' });
    const gate = await gateValidator('build', deps)(buildTransition);
    expect(gate.result).toBe(false);
    expect(gate.errorMessage).toContain(WENT_BACK);
  });

  it('still blocks it on a version 2 record whose step back is older than its last ten names', async () => {
    const record = completeRecord('regulated');
    const previousNames = [
      'spring26-email-invite-v1',
      'spring26-email-invite-v3',
      ...Array.from({ length: MAX_PREVIOUS_NAMES }, (_, n) => (n % 2 === 0 ? 'spring26-email-invite-v2' : 'spring26-email-webinar-v2')),
    ];
    const asset = { ...record.assets[0], name: 'spring26-email-webinar-v2', previousNames };
    const { deps, handlers, store, stored } = setup({ ...record, schemaVersion: 2, assets: [asset] }, 'Build');
    const gate = await gateValidator('build', deps)(buildTransition);
    expect(gate.result).toBe(false);
    expect(gate.errorMessage).toContain(WENT_BACK);
    // Written back as version 3, the step back is kept beside the last ten names.
    const answer = await handlers['asset/update']({
      payload: { expectedRevision: storedRevision(store), assetId: 'asset-1', copy: 'Join us this spring.' },
      context: context(ASSIGNEE),
    });
    expect(answer).toMatchObject({ ok: true });
    expect(stored()).toMatchObject({ schemaVersion: CURRENT_RECORD_VERSION });
    expect(stored().assets[0]?.previousNames).toEqual(previousNames.slice(-MAX_PREVIOUS_NAMES));
    expect(await gateValidator('build', deps)(buildTransition)).toMatchObject({ result: false });
  });
});
