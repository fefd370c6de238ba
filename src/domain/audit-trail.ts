import type { AuditEntry, IssueRef } from './flight-plan-record';

/**
 * A request's audit trail lives outside its record, so the record no longer grows with every command: the commit of
 * record revision r also writes the entries that commit added under the key for r. Each such page holds one entry
 * (or, once, the trail an older record carried inside it), so every stored value is bounded and a reader pages back
 * from the record's revision with no query.
 */
export interface AuditPage {
  /** Oldest first, as they were added. */
  readonly entries: readonly AuditEntry[];
}

/** Longest detail an entry keeps: every free-text input is shorter, so this only stops a value growing unbounded. */
const MAX_AUDIT_DETAIL = 2_500;

/** Revisions a panel page of the trail covers. */
export const AUDIT_PAGE_REVISIONS = 20;

/** Largest page the migration of an older record's trail writes (KVS refuses values over 240 KiB). */
const MAX_MOVED_PAGE_BYTES = 60 * 1024;

export const boundedEntry = <Entry extends AuditEntry>(entry: Entry): Entry =>
  entry.detail.length <= MAX_AUDIT_DETAIL ? entry : { ...entry, detail: `${entry.detail.slice(0, MAX_AUDIT_DETAIL - 1)}…` };

/** The revisions whose pages make page `page` (0 = newest) of a trail whose record is at `revision`, newest first. */
export const revisionsOfPage = (revision: number, page: number, size: number = AUDIT_PAGE_REVISIONS): number[] => {
  const newest = revision - page * size;
  const revisions: number[] = [];
  for (let r = newest; r > Math.max(0, newest - size); r--) revisions.push(r);
  return revisions;
};

/** True when older pages exist below page `page`. */
export const hasOlderPages = (revision: number, page: number, size: number = AUDIT_PAGE_REVISIONS): boolean =>
  revision - (page + 1) * size > 0;

const utf8 = new TextEncoder();
const bytesOf = (entry: AuditEntry): number => utf8.encode(JSON.stringify(entry)).byteLength;

/**
 * The trail an older record carried inside it, cut into pages for the revisions below the first write that moves it:
 * the newest part under `revision` (the revision read), older parts under the revisions before it. The record's
 * value was under 240 KiB, so a handful of pages of at most 60 KiB (one entry alone if it is larger) hold it all.
 * Returned newest page first, each with the revision it is stored under; a record at revision r keeps at most r pages.
 */
export const pagesOfMovedTrail = (trail: readonly AuditEntry[], revision: number): { revision: number; page: AuditPage }[] => {
  const chunks: AuditEntry[][] = [];
  let chunk: AuditEntry[] = [];
  let bytes = 0;
  for (let n = trail.length - 1; n >= 0; n--) {
    const entry = trail[n] as AuditEntry;
    const size = bytesOf(entry);
    if (chunk.length > 0 && bytes + size > MAX_MOVED_PAGE_BYTES && chunks.length < revision - 1) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.unshift(entry);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks.map((entries, n) => ({ revision: revision - n, page: { entries } }));
};

/** A request named in an entry, by id where it is known: null for a key in words written before entries kept ids. */
export interface Mention {
  readonly id: string | null;
  readonly key: string;
}

/**
 * Where the words of an entry without `mentions` name another request, by its action, as `record-commands.ts` writes
 * them: a dependency's blocker ("…blocked by MKT-8…") and a template's source ("(from MKT-3)"). Such an entry was
 * written before entries kept them, or applied a template saved before templates kept their source's id.
 */
const KEYS_IN_WORDS: readonly (readonly [action: RegExp, words: RegExp])[] = [
  [/^dependency\./, /blocked by ([A-Z][A-Z0-9_]*-\d+)/],
  [/^template\.applied$/, /\(from ([A-Z][A-Z0-9_]*-\d+)\)/],
];

/**
 * The requests an entry names: those it was written with, or, for an entry without them, the request its words name,
 * by its id where the record lists it among its blockers (a key it cannot place is named to nobody).
 */
export const mentionsOf = (entry: AuditEntry, panelBlockers: readonly IssueRef[]): readonly Mention[] => {
  if (entry.mentions !== undefined) return entry.mentions;
  const words = KEYS_IN_WORDS.find(([action]) => action.test(entry.action))?.[1];
  const key = words?.exec(entry.detail)?.[1];
  if (key === undefined) return [];
  return [{ id: panelBlockers.find((blocker) => blocker.key === key)?.id ?? null, key }];
};

const UNSEEN_REQUEST = 'a request you cannot see';

/**
 * The entries as one reader may read them: a request they may not browse (its id not in `seen`, or not known) is
 * named "a request you cannot see", as the panel's Dependencies and the gate's words name it, so the trail does not
 * tell them a restricted request exists or what it is called. The ids themselves stay on the server.
 */
export const entriesAsSeen = (
  entries: readonly AuditEntry[],
  panelBlockers: readonly IssueRef[],
  seen: ReadonlySet<string>,
): AuditEntry[] =>
  entries.map((entry) => {
    const detail = mentionsOf(entry, panelBlockers)
      .filter((mention) => mention.id === null || !seen.has(mention.id))
      .reduce((words, { key }) => words.replace(keyPattern(key), UNSEEN_REQUEST), entry.detail);
    return { by: entry.by, at: entry.at, action: entry.action, detail };
  });

/** The key as a whole word: MKT-8 but not the MKT-8 in MKT-80 or XMKT-8. */
const keyPattern = (key: string): RegExp => new RegExp(`(?<![A-Za-z0-9_-])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9])`, 'g');
