import { describe, expect, it } from 'vitest';
import { entriesAsSeen, mentionsOf } from '../../src/domain/audit-trail';
import type { AuditEntry } from '../../src/domain/flight-plan-record';

const stamp = { by: 'acc-ops', at: '2026-06-01T09:00:00.000Z' };
const added = (key: string, id?: string): AuditEntry => ({
  ...stamp,
  action: 'dependency.added',
  detail: `dependency added: blocked by ${key}`,
  ...(id === undefined ? {} : { mentions: [{ id, key }] }),
});

describe('an audit entry as one reader may read it', () => {
  it('names a request only to a reader who may browse it, and never sends its id', () => {
    const entries = [added('MKT-8', '10008'), added('MKT-9', '10009')];
    const read = entriesAsSeen(entries, [], new Set(['10009']));
    expect(read.map((entry) => entry.detail)).toEqual([
      'dependency added: blocked by a request you cannot see',
      'dependency added: blocked by MKT-9',
    ]);
    expect(JSON.stringify(read)).not.toMatch(/10008|10009|mentions/);
  });

  it('replaces the key as a whole word only', () => {
    const entry: AuditEntry = {
      ...stamp,
      action: 'template.applied',
      detail: 'started from the template "MKT-8 webinar" (from MKT-8): MKT-80 and XMKT-8 are other requests',
      mentions: [{ id: '10008', key: 'MKT-8' }],
    };
    expect(entriesAsSeen([entry], [], new Set())[0]?.detail).toBe(
      'started from the template "a request you cannot see webinar" (from a request you cannot see): MKT-80 and XMKT-8 are other requests',
    );
  });

  it('reads an older dependency entry by the blocker the record lists, and withholds a key it cannot place', () => {
    const older = [added('MKT-8'), added('MKT-9')];
    const listed = [{ id: '10008', key: 'MKT-8' }];
    expect(mentionsOf(older[0] as AuditEntry, listed)).toEqual([{ id: '10008', key: 'MKT-8' }]);
    expect(mentionsOf(older[1] as AuditEntry, listed)).toEqual([{ id: null, key: 'MKT-9' }]);
    expect(entriesAsSeen(older, listed, new Set(['10008', '10009'])).map((entry) => entry.detail)).toEqual([
      'dependency added: blocked by MKT-8',
      'dependency added: blocked by a request you cannot see',
    ]);
  });

  it("withholds the source of a template applied without its source's id, from everyone", () => {
    const entry: AuditEntry = { ...stamp, action: 'template.applied', detail: 'started from the template "Spring" (from MKT-2): 2 assets' };
    expect(mentionsOf(entry, [])).toEqual([{ id: null, key: 'MKT-2' }]);
    expect(entriesAsSeen([entry], [], new Set(['10002']))[0]?.detail).toBe(
      'started from the template "Spring" (from a request you cannot see): 2 assets',
    );
  });

  it('leaves an entry that names no other request as it was written', () => {
    const entry: AuditEntry = { ...stamp, action: 'tier.lowered', detail: 'tier lowered from regulated to standard: MKT-8 said so' };
    expect(mentionsOf(entry, [])).toEqual([]);
    expect(entriesAsSeen([entry], [], new Set())).toEqual([entry]);
  });
});
