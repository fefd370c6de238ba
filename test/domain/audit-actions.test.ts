import { describe, expect, expectTypeOf, it } from 'vitest';
import { auditPageSchema } from '../../src/contracts/flight-plan-record.schema';
import type { AuditAction, NewAuditEntry } from '../../src/domain/flight-plan-record';
import { applyCommand } from '../../src/domain/record-commands';
import { DOWNGRADE_ACTION, WAIVER_ACTIONS } from '../../src/domain/quarterly-audit';

describe('audit actions', () => {
  it('are one union where they are written: a misspelt code does not compile', () => {
    // `npm run typecheck` fails if the compiler accepts the line below (the directive would then be unused).
    const misspelt = (): NewAuditEntry => ({
      by: 'acc-ops',
      at: '2026-06-01T09:00:00.000Z',
      // @ts-expect-error 'asset.renamd' is no audit action
      action: 'asset.renamd',
      detail: 'asset "invite" renamed',
    });
    expectTypeOf(misspelt).toBeFunction();
    // Every command's change names its action from the union.
    type Applied = Extract<ReturnType<typeof applyCommand>, { ok: true }>;
    expectTypeOf<Applied['value']['entry']['action']>().toExtend<AuditAction>();
    expectTypeOf(DOWNGRADE_ACTION).toExtend<AuditAction>();
  });

  it('still read from storage when a page holds a code another app version wrote', () => {
    const entry = { by: 'acc-ops', at: '2026-06-01T09:00:00.000Z', detail: 'a step this version does not know' };
    const page = auditPageSchema.safeParse({ entries: [{ ...entry, action: 'budget.approved' }] });
    expect(page.success && page.data.entries[0]?.detail).toBe('a step this version does not know');
  });

  it('count as waivers only the two waiver codes', () => {
    expect([...WAIVER_ACTIONS].sort()).toEqual(['launch.observations-waived', 'lexicon.resolved']);
  });
});
