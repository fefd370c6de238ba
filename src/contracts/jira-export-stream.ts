import type { StatusChange } from '../domain/metrics/issue-metrics';
import type { ExportedIssue } from './jira-export.schema';
import {
  CUT,
  EXPORT_KEYS,
  FALSE,
  literalEnd,
  NOT_JSON,
  NULL,
  QUOTE,
  numberEnd,
  scanned,
  stringEnd,
  textCache,
  textOf,
  TRUE,
} from './json-bytes';
import { isJiraDate, parseJiraInstant } from './jira-time';

/*
 * The metrics export of Jira's usual shape, read as it streams in through a small window (issue 12: the metrics command
 * in under 0.4 s on a 10,000-issue export, 17 MB). On this project's machines every megabyte a process touches for the
 * first time costs about 3 ms, so holding the whole file (17 MB), its parsed values or the heap they need costs more
 * than the reading itself; and zod, which the exact reading needs, takes about 0.1 s to load. This reader needs neither:
 * it walks the bytes once in one loop, checks their syntax as JSON.parse does, and builds each issue's history as the
 * metrics engine takes it, nothing more.
 *
 * It reads only the usual shape: `{"issues": [...], "changelogs": [...]}` of issues as `POST /rest/api/3/search/jql`
 * returns them, with `created`, `duedate` and `status`, their histories embedded (`expand=changelog`) or as the
 * entries of `POST /rest/api/3/changelog/bulkfetch` (one per issue, or one per page of its histories), each history
 * no earlier than the one before it and its id (when it has one) a larger number, as Jira writes them. For anything
 * else (links, summary properties, the fields' `schema`, an issue's histories from both sources, a value of an
 * unexpected type, a key written twice or with escapes, histories out of order, text that is not JSON) it answers
 * `null`, and the caller reads the file with the exact reader (`jira-export-json.ts`), whose answers it gives whenever
 * it answers (a property test holds it to that).
 */

/** Reads up to `length` more bytes into `into` at `at`; 0 at the end of the file. */
export type ReadMore = (into: Buffer, at: number, length: number) => number;

/** `ReadMore` over bytes already read whole (a pipe's, which cannot be read twice). */
export const bytesReader = (bytes: Buffer): ReadMore => {
  let from = 0;
  return (into, at, length) => {
    const count = bytes.copy(into, at, from, from + length);
    from += count;
    return count;
  };
};

const WINDOW_BYTES = 1 << 20;

// What the container being read is. The stack holds one for each open object or array.
const TOP = 0;
const ISSUES = 1;
const ISSUE = 2;
const FIELDS = 3;
const STATUS = 4;
const CHANGELOG = 5;
const HISTORIES = 6;
const HISTORY = 7;
const ITEMS = 8;
const ITEM = 9;
const CHANGELOGS = 10;
const CHANGELOG_ENTRY = 11;
const SKIPPED_OBJECT = 12;
const SKIPPED_ARRAY = 13;
/** Outside every container: the export itself. */
const ROOT = 14;
/** Which kinds are arrays (the others are objects). */
const IS_ARRAY = [ISSUES, HISTORIES, ITEMS, CHANGELOGS, SKIPPED_ARRAY].reduce(
  (kinds, kind) => ((kinds[kind] = 1), kinds),
  new Uint8Array(ROOT + 1),
);

/** The keys read in each kind of object, by their place: a key's place is what `slot` holds while its value is read. */
const KEYS: Record<number, readonly string[]> = {
  [TOP]: EXPORT_KEYS.top,
  [ISSUE]: EXPORT_KEYS.issue,
  [FIELDS]: EXPORT_KEYS.fields,
  [STATUS]: EXPORT_KEYS.status,
  [CHANGELOG]: EXPORT_KEYS.changelog,
  [HISTORY]: EXPORT_KEYS.history,
  [ITEM]: EXPORT_KEYS.item,
  [CHANGELOG_ENTRY]: EXPORT_KEYS.changelogEntry,
};
const KEY_BYTES: readonly (readonly Buffer[])[] = Array.from({ length: SKIPPED_OBJECT }, (_, kind) =>
  (KEYS[kind] ?? []).map((name) => Buffer.from(name, 'latin1')),
);
/**
 * The one key of each kind of object that a key of this length and first byte may be (the keys of one kind differ in
 * one or the other), by kind, length and first byte; -1 for none. Most keys of an export are ruled out in one look.
 */
const KEY_LENGTHS = 32;
const KEY_CANDIDATES = new Int8Array(SKIPPED_OBJECT * KEY_LENGTHS * 128).fill(-1);
KEY_BYTES.forEach((names, kind) =>
  names.forEach((name, slot) => {
    KEY_CANDIDATES[(kind * KEY_LENGTHS + name.length) * 128 + (name[0] as number)] = slot;
  }),
);
const STATUS_BYTES = Buffer.from('status', 'latin1');

// What a value may be, by the container it is in and its key's place: a container of a kind, or one of these.
/** A string the reader reads (or, where the shape allows it, null). */
const TEXT = -1;
/** A value the usual shape does not have there. */
const UNUSUAL = -2;
/** Any value, skipped (its syntax checked). */
const ANY = -3;
const SLOTS = 8;
/** By kind and key place (+1, so that NO_SLOT is 0); an array's elements whatever the place. */
const EXPECTED = new Int8Array((ROOT + 1) * SLOTS).fill(ANY);
const expect = (kind: number, values: readonly number[]): void =>
  values.forEach((value, place) => (EXPECTED[kind * SLOTS + place + 1] = value));
expect(TOP, [ISSUES, CHANGELOGS, UNUSUAL]);
expect(ISSUE, [TEXT, TEXT, FIELDS, CHANGELOG, UNUSUAL]);
expect(FIELDS, [TEXT, TEXT, STATUS, UNUSUAL]);
expect(STATUS, [TEXT]);
expect(CHANGELOG, [HISTORIES]);
expect(HISTORY, [TEXT, TEXT, ITEMS]);
expect(ITEM, [TEXT, TEXT, TEXT, TEXT]);
expect(CHANGELOG_ENTRY, [TEXT, HISTORIES]);
for (const [kind, element] of [
  [ROOT, TOP],
  [ISSUES, ISSUE],
  [HISTORIES, HISTORY],
  [ITEMS, ITEM],
  [CHANGELOGS, CHANGELOG_ENTRY],
] as const)
  EXPECTED.fill(element, kind * SLOTS, (kind + 1) * SLOTS);

/** A value of no key the reader reads: skipped, its syntax checked. */
const NO_SLOT = -1;

// Where the reader is between tokens.
const VALUE = 0;
/** Just inside `[`: a value, or the array's end. */
const FIRST_VALUE = 1;
const AFTER_VALUE = 2;
/** Just inside `{`: a key, or the object's end. */
const FIRST_KEY = 3;
const KEY = 4;
/** The export's value has ended: only white space may follow. */
const DONE = 5;

/**
 * An issue's histories as one source gives them (its `changelog`, or a changelog entry of bulkfetch), already in the
 * order the exact reader puts them (by instant, ties by id): their status changes, and the first and last history.
 */
interface Histories {
  readonly changes: StatusChange[];
  readonly count: number;
  readonly firstAt: number;
  readonly firstId: number;
  readonly lastAt: number;
  readonly lastId: number;
  /** Every history has an id: only then may two entries of one issue be joined (the exact reader merges them by id). */
  readonly allHaveIds: boolean;
}

/** A history of the warm-up export: `items` at one instant, beside an author the reader skips. */
const warmUpHistory = (id: string | null, created: string, items: readonly unknown[]) => ({
  ...(id === null ? {} : { id }),
  created,
  author: { accountId: 'a', active: true, timeZone: null, seen: [1, -2.5e-3] },
  items,
});
const warmUpStatus = (from: string | null, to: string | null) => ({
  field: 'status',
  fieldtype: 'jira',
  fieldId: 'status',
  from: '1',
  fromString: from,
  to: '2',
  toString: to,
});
const WARM_UP_LABELS = { field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: '', to: null, toString: 'x' };
const WARM_UP_CREATED = '2025-01-01T00:00:00.000+0000';

/**
 * A 1.5 KB export of every shape this reader reads (histories embedded and as bulkfetch's entries, one issue's in two
 * pages, a history without an id, an instant in `Z`, null and escaped and non-ASCII names, values of every JSON type
 * skipped), for `warmUpReader`.
 */
const WARM_UP_EXPORT = Buffer.from(
  JSON.stringify(
    {
      issues: [
        {
          expand: 'changelog',
          id: '1',
          key: 'A-1',
          fields: { created: WARM_UP_CREATED, duedate: '2026-02-01', status: { name: 'Build', id: '3' }, summary: 'Caf\u00e9 "x"' },
          changelog: {
            startAt: 0,
            histories: [
              warmUpHistory('10', '2025-03-02T00:00:00.000+0000', [WARM_UP_LABELS, warmUpStatus('Intake', 'Build')]),
              warmUpHistory(null, '2025-06-03T00:00:00.000Z', [warmUpStatus(null, 'Stra\u00dfe')]),
            ],
          },
        },
        { id: '2', key: 'A-2', fields: { created: WARM_UP_CREATED, duedate: null, status: { name: 'Intake' }, flagged: false } },
        { id: '3', key: 'A-3', fields: { created: WARM_UP_CREATED, duedate: null, status: { name: 'Done' } } },
      ],
      changelogs: [
        {
          issueId: '2',
          changeHistories: [warmUpHistory('20', '2025-03-04T00:00:00.000+0000', [warmUpStatus('Intake "x"', 'Build'), WARM_UP_LABELS])],
        },
        { issueId: '3', changeHistories: [warmUpHistory('30', '2025-03-04T00:00:00.000+0000', [warmUpStatus('Intake', 'Launch')])] },
        { issueId: '3', changeHistories: [warmUpHistory('31', '2025-06-05T00:00:00.000+0000', [warmUpStatus('Launch', 'Done')])] },
      ],
    },
    null,
    1,
  ),
);
/** The sizes the warm-up export is fed in, in turn: every kind of token is cut somewhere, as a window's end cuts one. */
const WARM_UP_CHUNKS = [1, 2, 3, 5, 7];

/** An export no longer than the reader's window is read at one go: warming up for it would cost more than it saves. */
export const WARM_UP_WORTH_BYTES = WINDOW_BYTES;

/**
 * Reads the warm-up export and forgets it; true when it was read as usual (a test holds it to that). Why:
 * the reader is one loop, which V8 compiles once it runs hot, for the paths it has taken so far. On a 17 MB export it
 * compiled it seven times (`node --trace-deopt`), each time the file reached a path it had not taken yet (the changelogs
 * after the issues, a token cut at the window's end, the export's end), each compile taking 25–50 ms while the loop ran
 * slowly meanwhile; together they touched some 20 MB of memory the process had not touched before (the reading's page
 * faults, `process.resourceUsage().minorPageFault`, fell from 12,000 to 7,000 with V8's optimising compiler off). Read
 * first, this export takes every path, so V8 compiles the loop once. Worth it only for an export longer than the
 * reader's window (`WARM_UP_WORTH_BYTES`).
 */
export const warmUpReader = (): boolean => {
  let at = 0;
  let turn = 0;
  const read = readUsualExport((bytes, offset, length) => {
    const count = Math.min(length, WARM_UP_CHUNKS[turn++ % WARM_UP_CHUNKS.length] as number, WARM_UP_EXPORT.length - at);
    WARM_UP_EXPORT.copy(bytes, offset, at, at + count);
    at += count;
    return count;
  });
  return read !== null;
};

/** An issue as read, its histories joined to it once the whole export is read (changelogs may come after it). */
interface IssueRead {
  readonly id: string;
  readonly key: string;
  readonly createdAt: number;
  readonly dueDate: string | null;
  readonly currentStatus: string;
  readonly histories: Histories | undefined;
}

/** A history id Jira writes: digits, no leading zero, small enough to be a number exactly. */
const MAX_ID_DIGITS = 15;

/** True when the string between `start` and `stop` is `status`. */
const isStatus = (bytes: Buffer, start: number, stop: number, escaped: boolean): boolean => {
  if (escaped) return JSON.parse(bytes.toString('utf8', start - 1, stop + 1)) === 'status';
  if (stop - start !== STATUS_BYTES.length) return false;
  for (let n = 0; n < STATUS_BYTES.length; n++) if (bytes[start + n] !== STATUS_BYTES[n]) return false;
  return true;
};

/** The issues with their histories, as the exact reader gives them; null where joining them is not plain (see above). */
const joined = (issues: readonly IssueRead[], logs: ReadonlyMap<string, Histories>): ExportedIssue[] | null => {
  const exported: ExportedIssue[] = [];
  for (const issue of issues) {
    const logged = logs.get(issue.id);
    // The exact reader merges histories from both sources by id: one that both give counts once.
    if (logged !== undefined && issue.histories !== undefined && issue.histories.count > 0) return null;
    const { id, key, createdAt, dueDate, currentStatus } = issue;
    exported.push({ id, key, createdAt, dueDate, currentStatus, changes: (logged ?? issue.histories)?.changes ?? [] });
  }
  return exported;
};

/** Two changelog entries of one issue (bulkfetch pages), as one, when the second goes on where the first ended. */
const joinedEntries = (first: Histories, second: Histories): Histories | null => {
  if (second.count === 0) return first;
  if (first.count === 0) return second;
  if (!(first.allHaveIds && second.allHaveIds && first.lastId < second.firstId && first.lastAt <= second.firstAt)) return null;
  return {
    ...first,
    changes: [...first.changes, ...second.changes],
    count: first.count + second.count,
    lastAt: second.lastAt,
    lastId: second.lastId,
  };
};

/**
 * The export read from `readMore`'s bytes, or null when it is not of the usual shape (see above): then the exact reader
 * reads it and says what is wrong, if anything. Whenever it answers, its answer is `parseMetricsExport(JSON.parse(text))`'s.
 */
export const readUsualExport = (readMore: ReadMore): ExportedIssue[] | null => {
  let bytes = Buffer.allocUnsafe(WINDOW_BYTES + 1);
  /** Bytes read into the window. `bytes[end]` is a 0, which no token holds, so every scan stops there by itself. */
  let end = 0;
  let atEndOfFile = false;
  /** The window ends inside a token: read more bytes, then read the token again from its start. */
  let needBytes = true;
  let at = 0;
  let tokenStart = 0;
  /** Where the item being read began, or -1: its from and to are read from the window when it ends. */
  let itemStart = -1;
  let state = VALUE;
  /** The kind of each open container (TOP, ISSUE, …, SKIPPED_ARRAY), and for each, the keys met (a bit each). */
  const contexts: number[] = [];
  const seenKeys: number[] = [];
  let context = ROOT;
  /** The place in its object's KEYS of the key whose value comes next, or NO_SLOT. */
  let slot = NO_SLOT;

  const cache = textCache();

  const issues: IssueRead[] = [];
  /** Changelog entries (bulkfetch) by issue id. */
  const logs = new Map<string, Histories>();
  // The issue being read.
  let issueId = '';
  let issueKey = '';
  let createdAt = Number.NaN;
  let dueDate: string | null = null;
  let currentStatus = '';
  let embedded: Histories | undefined;
  // The changelog entry being read.
  let entryIssueId = '';
  let entryHistories: Histories | undefined;
  // The histories being read (of an issue or an entry).
  let changes: StatusChange[] = [];
  let count = 0;
  let firstAt = 0;
  let firstId = 0;
  let lastAt = 0;
  let lastId = 0;
  let lastGivenId = -1;
  let allHaveIds = true;
  // The history being read; its status items' from and to, by pairs, since its instant may come after its items.
  let historyId = -1;
  let historyAt = Number.NaN;
  // Made with a pair in it, so that V8 sees an array of strings from the start: begun empty, it was an array of small
  // integers until the first status item, and the compiled loop, after it had run for a while, was thrown away on that
  // store in half the runs of issue 12's export (`node --trace-deopt`: "wrong map"), to be compiled again (35 ms).
  const pairs: string[] = ['', ''];
  let pairCount = 0;
  // The item being read: whether it changes the status, and where its from and to lie (-1: absent or null).
  let statusItem = false;
  let fromStart = -1;
  let fromStop = 0;
  let fromEscaped = false;
  let fromWide = false;
  let toStart = -1;
  let toStop = 0;
  let toEscaped = false;
  let toWide = false;

  for (;;) {
    if (needBytes) {
      if (atEndOfFile) return state === DONE && at >= end ? joined(issues, logs) : null;
      // Keep the token being read, and the item being read, at the window's start; a window they fill is doubled.
      const keep = itemStart >= 0 && itemStart < tokenStart ? itemStart : tokenStart;
      const kept = end - keep;
      if (kept * 2 > bytes.length - 1) {
        const larger = Buffer.allocUnsafe((bytes.length - 1) * 2 + 1);
        bytes.copy(larger, 0, keep, end);
        bytes = larger;
      } else if (keep > 0) bytes.copy(bytes, 0, keep, end);
      tokenStart -= keep;
      if (itemStart >= 0) {
        itemStart -= keep;
        if (fromStart >= 0) fromStart -= keep;
        fromStop -= keep;
        if (toStart >= 0) toStart -= keep;
        toStop -= keep;
      }
      end = kept;
      const read = readMore(bytes, end, bytes.length - 1 - end);
      if (read === 0) atEndOfFile = true;
      end += read;
      bytes[end] = 0;
      at = tokenStart;
      needBytes = false;
    }
    let byte = bytes[at] as number;
    while (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) byte = bytes[++at] as number;
    tokenStart = at;
    if (at >= end) {
      needBytes = true;
      continue;
    }

    if (state === KEY || state === FIRST_KEY) {
      if (byte === 0x7d) {
        if (state === KEY) return null;
        // `{}`: an empty object closes below.
      } else {
        if (byte !== QUOTE) return null;
        const stop = stringEnd(bytes, at + 1, end);
        if (stop === NOT_JSON) return null;
        if (stop === CUT) {
          needBytes = true;
          continue;
        }
        let colon = stop + 1;
        while (bytes[colon] === 0x20 || bytes[colon] === 0x0a || bytes[colon] === 0x0d || bytes[colon] === 0x09) colon++;
        if (colon >= end) {
          needBytes = true;
          continue;
        }
        if (bytes[colon] !== 0x3a) return null;
        at = colon + 1;
        slot = NO_SLOT;
        if (context < SKIPPED_OBJECT) {
          // A key written with escapes may be one of these.
          if (scanned.escaped) return null;
          const length = stop - tokenStart - 1;
          const first = bytes[tokenStart + 1] as number;
          const candidate =
            length < KEY_LENGTHS && first < 128 ? (KEY_CANDIDATES[(context * KEY_LENGTHS + length) * 128 + first] as number) : -1;
          if (candidate >= 0) {
            const name = (KEY_BYTES[context] as readonly Buffer[])[candidate] as Buffer;
            let same = true;
            for (let k = 1; k < length && same; k++) same = bytes[tokenStart + 1 + k] === name[k];
            if (same) slot = candidate;
          }
          // A key given twice JSON.parse reads as its last.
          if (slot !== NO_SLOT) {
            const bit = 1 << slot;
            const keys = seenKeys[seenKeys.length - 1] as number;
            if (keys & bit) return null;
            seenKeys[seenKeys.length - 1] = keys | bit;
          }
        }
        state = VALUE;
        continue;
      }
    }

    if (state === AFTER_VALUE) {
      const inArray = IS_ARRAY[context] === 1;
      if (byte === 0x2c) {
        at++;
        state = inArray ? VALUE : KEY;
        continue;
      }
      if (byte !== (inArray ? 0x5d : 0x7d)) return null;
    }

    if (state === DONE) return null;

    if (state === VALUE || (state === FIRST_VALUE && byte !== 0x5d)) {
      const expected = EXPECTED[context * SLOTS + slot + 1] as number;
      if (byte === 0x7b || byte === 0x5b) {
        const isArray = byte === 0x5b;
        let opens: number;
        if (expected === ANY) opens = isArray ? SKIPPED_ARRAY : SKIPPED_OBJECT;
        else if (expected >= 0 && (IS_ARRAY[expected] === 1) === isArray) opens = expected;
        else return null;
        at++;
        contexts.push(opens);
        seenKeys.push(0);
        context = opens;
        if (opens === ISSUE) {
          issueId = '';
          issueKey = '';
          createdAt = Number.NaN;
          dueDate = null;
          currentStatus = '';
          embedded = undefined;
        } else if (opens === CHANGELOG_ENTRY) {
          entryIssueId = '';
          entryHistories = undefined;
        } else if (opens === HISTORIES) {
          changes = [];
          count = 0;
          lastGivenId = -1;
          allHaveIds = true;
        } else if (opens === HISTORY) {
          historyId = -1;
          historyAt = Number.NaN;
          pairCount = 0;
        } else if (opens === ITEM) {
          itemStart = tokenStart;
          statusItem = false;
          fromStart = -1;
          toStart = -1;
        }
        state = isArray ? FIRST_VALUE : FIRST_KEY;
        continue;
      }

      if (byte === QUOTE) {
        const stop = stringEnd(bytes, at + 1, end);
        if (stop === NOT_JSON) return null;
        if (stop === CUT) {
          needBytes = true;
          continue;
        }
        at = stop + 1;
        if (expected === TEXT) {
          const start = tokenStart + 1;
          const { escaped, wide } = scanned;
          if (context === ISSUE) {
            if (slot === 0) issueId = textOf(bytes, cache, start, stop, escaped, wide);
            else issueKey = textOf(bytes, cache, start, stop, escaped, wide);
          } else if (context === FIELDS) {
            const text = textOf(bytes, cache, start, stop, escaped, wide);
            if (slot === 0) {
              createdAt = parseJiraInstant(text);
              if (Number.isNaN(createdAt)) return null;
            } else {
              if (!isJiraDate(text)) return null;
              dueDate = text;
            }
          } else if (context === STATUS) currentStatus = textOf(bytes, cache, start, stop, escaped, wide);
          else if (context === HISTORY) {
            if (slot === 0) {
              // An id of digits as Jira writes them, as a number: told apart, and ordered, by its value.
              const length = stop - start;
              if (escaped || length === 0 || length > MAX_ID_DIGITS || (bytes[start] === 0x30 && length > 1)) return null;
              let id = 0;
              for (let n = start; n < stop; n++) {
                const digit = (bytes[n] as number) - 0x30;
                if (digit < 0 || digit > 9) return null;
                id = id * 10 + digit;
              }
              historyId = id;
            } else {
              historyAt = parseJiraInstant(textOf(bytes, cache, start, stop, escaped, wide));
              if (Number.isNaN(historyAt)) return null;
            }
          } else if (context === ITEM) {
            if (slot <= 1) {
              if (isStatus(bytes, start, stop, escaped)) statusItem = true;
            } else if (slot === 2) {
              fromStart = start;
              fromStop = stop;
              fromEscaped = escaped;
              fromWide = wide;
            } else {
              toStart = start;
              toStop = stop;
              toEscaped = escaped;
              toWide = wide;
            }
          } else entryIssueId = textOf(bytes, cache, start, stop, escaped, wide);
        } else if (expected !== ANY) return null;
        state = AFTER_VALUE;
        continue;
      }

      // true, false, null or a number.
      let stop: number;
      if (byte === 0x74) stop = literalEnd(bytes, at, end, TRUE);
      else if (byte === 0x66) stop = literalEnd(bytes, at, end, FALSE);
      else if (byte === 0x6e) stop = literalEnd(bytes, at, end, NULL);
      else stop = numberEnd(bytes, at, end);
      if (stop === NOT_JSON) return null;
      if (stop === CUT) {
        needBytes = true;
        continue;
      }
      if (expected !== ANY) {
        // Only a due date, and an item's from and to, may be null; no value the reader reads is a number or a boolean.
        if (byte !== 0x6e) return null;
        if (context === FIELDS) {
          if (slot !== 1) return null;
        } else if (context === ITEM) {
          if (slot <= 1) return null;
          if (slot === 2) fromStart = -1;
          else toStart = -1;
        } else return null;
      }
      at = stop;
      state = AFTER_VALUE;
      continue;
    }

    // The container open at the cursor ends here (`}` or `]`).
    at++;
    const closed = context;
    const keys = seenKeys.pop() as number;
    contexts.pop();
    context = contexts.length > 0 ? (contexts[contexts.length - 1] as number) : ROOT;
    state = context === ROOT ? DONE : AFTER_VALUE;
    if (closed === ITEM) {
      itemStart = -1;
      if (statusItem) {
        pairs[pairCount++] = fromStart >= 0 ? textOf(bytes, cache, fromStart, fromStop, fromEscaped, fromWide) : '';
        pairs[pairCount++] = toStart >= 0 ? textOf(bytes, cache, toStart, toStop, toEscaped, toWide) : '';
      }
    } else if (closed === HISTORY) {
      if ((keys & 0b110) !== 0b110) return null;
      // Each history after the one before, as the exact reader orders them (by instant, ties by id, a missing id as 0),
      // and each id given once: then that order is the order read, and nothing is merged away.
      const orderId = historyId >= 0 ? historyId : 0;
      if (count > 0 && !(historyAt > lastAt || (historyAt === lastAt && lastId <= orderId))) return null;
      if (historyId >= 0) {
        if (!(historyId > lastGivenId)) return null;
        lastGivenId = historyId;
      } else allHaveIds = false;
      if (count === 0) {
        firstAt = historyAt;
        firstId = orderId;
      }
      lastAt = historyAt;
      lastId = orderId;
      count++;
      for (let n = 0; n < pairCount; n += 2)
        changes.push({ at: historyAt, fromStatus: pairs[n] as string, toStatus: pairs[n + 1] as string });
    } else if (closed === HISTORIES) {
      const histories: Histories = { changes, count, firstAt, firstId, lastAt, lastId, allHaveIds };
      if (context === CHANGELOG) embedded = histories;
      else entryHistories = histories;
    } else if (closed === CHANGELOG) {
      if (keys !== 0b1) return null;
    } else if (closed === STATUS) {
      if (keys !== 0b1) return null;
    } else if (closed === FIELDS) {
      if ((keys & 0b101) !== 0b101) return null;
    } else if (closed === ISSUE) {
      if ((keys & 0b111) !== 0b111) return null;
      issues.push({ id: issueId, key: issueKey, createdAt, dueDate, currentStatus, histories: embedded });
    } else if (closed === CHANGELOG_ENTRY) {
      if (keys !== 0b11 || entryHistories === undefined) return null;
      const before = logs.get(entryIssueId);
      const histories = before === undefined ? entryHistories : joinedEntries(before, entryHistories);
      if (histories === null) return null;
      logs.set(entryIssueId, histories);
    } else if (closed === TOP) {
      if (!(keys & 0b1)) return null;
    }
  }
};
