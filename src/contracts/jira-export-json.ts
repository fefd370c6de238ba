import type { StatusChange } from '../domain/metrics/issue-metrics';
import type { Failure, Result } from '../domain/result';
import {
  exportTopOf,
  parseMetricsExport,
  readExportParts,
  summaryOf,
  type ExportedIssue,
  type ReadChangelog,
  type ReadChangelogEntry,
  type ReadHistory,
  type ReadIssue,
  type ReadIssueEntry,
  type ValueEntry,
} from './jira-export.schema';
import { isJiraDate, parseJiraInstant } from './jira-time';
import {
  EXPORT_KEYS,
  FALSE,
  isDigit,
  type Latin1Slicing,
  literalEnd,
  NULL,
  numberEnd,
  QUOTE,
  scanned,
  stringEnd,
  textCache,
  textOf,
  TRUE,
} from './json-bytes';

/*
 * The metrics export read straight from its bytes, held whole, for `npm run metrics`: every export the streaming reader
 * (`jira-export-stream.ts`) hands on, as unusual or wrong, and every export with links or summary properties, which the
 * `--forecast` and `--outcomes` runs read. `JSON.parse` builds every value of the file, about a million objects for
 * 74,000 status changes; this reader walks the bytes once, checks the syntax of every value as JSON.parse does, and
 * builds only what the metrics read: each issue's id, key, created, due date, status, links and summary property, and
 * each history's id, created and status items.
 *
 * It answers exactly as `parseMetricsExport(JSON.parse(text))`, errors word for word (a property test holds it to that):
 * - an entry of `issues` or `changelogs` off the common shape (a value of another type, a key written with escapes or
 *   twice) is handed to that path as its JSON value (`JSON.parse` of its bytes), which reads it or names what is wrong;
 * - anything unusual about the top level, and any text that is not JSON, goes to that path whole, so a syntax error is
 *   JSON.parse's own.
 */

const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** The entry (or the top level) is off the common shape: the JSON.parse path reads it. */
class OffShape extends Error {}
/** The bytes are not JSON here: JSON.parse then says why, in its own words. */
class NotJson extends Error {}

/** Past the end a Buffer answers undefined, which is not a space. */
const isSpace = (byte: number | undefined): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** Where a string value lies: its content's bytes, and whether it holds escapes or bytes beyond ASCII. */
interface Span {
  start: number;
  end: number;
  escaped: boolean;
  wide: boolean;
}

const NO_STATUS_CHANGE: readonly StatusChange[] = [];

class ExportBytes {
  private at = 0;
  /** The last string scanned. */
  private readonly span: Span = { start: 0, end: 0, escaped: false, wide: false };
  /** ASCII values read, by a hash of their bytes: one string for each repeated status name or id, not one per use. */
  private readonly cache = textCache();

  constructor(private readonly bytes: Buffer) {}

  // ---- Syntax ----------------------------------------------------------------------------------------------------------

  private space(): number {
    const { bytes } = this;
    let at = this.at;
    while (isSpace(bytes[at])) at++;
    this.at = at;
    return at < bytes.length ? (bytes[at] as number) : -1;
  }

  private expect(byte: number): void {
    if (this.space() !== byte) throw new NotJson();
    this.at++;
  }

  /** Scans the string at the cursor into `span`, checking its escapes and that it holds no raw control character. */
  private string(): void {
    const stop = stringEnd(this.bytes, this.at + 1, this.bytes.length);
    if (stop < 0) throw new NotJson();
    const { span } = this;
    span.start = this.at + 1;
    span.end = stop;
    span.escaped = scanned.escaped;
    span.wide = scanned.wide;
    this.at = stop + 1;
  }

  /** The text of a scanned string, as JSON.parse would give it. */
  private textOf(start: number, end: number, escaped: boolean, wide: boolean): string {
    return textOf(this.bytes, this.cache, start, end, escaped, wide);
  }

  private spanText(): string {
    const { start, end, escaped, wide } = this.span;
    return this.textOf(start, end, escaped, wide);
  }

  /** True when the last string scanned is written exactly as `name` (no escapes). */
  private spanIs(name: string): boolean {
    const { start, end, escaped } = this.span;
    if (escaped || end - start !== name.length) return false;
    const { bytes } = this;
    for (let n = 0; n < name.length; n++) if (bytes[start + n] !== name.charCodeAt(n)) return false;
    return true;
  }

  /** Scans a number as JSON writes one. */
  private number(): void {
    const stop = numberEnd(this.bytes, this.at, this.bytes.length);
    if (stop < 0) throw new NotJson();
    this.at = stop;
  }

  private literal(word: Buffer): void {
    const stop = literalEnd(this.bytes, this.at, this.bytes.length, word);
    if (stop < 0) throw new NotJson();
    this.at = stop;
  }

  /** Scans a value that is not a container. */
  private scalar(byte: number): void {
    if (byte === QUOTE) this.string();
    else if (byte === 0x74) this.literal(TRUE);
    else if (byte === 0x66) this.literal(FALSE);
    else if (byte === 0x6e) this.literal(NULL);
    else this.number();
  }

  /** A member's name and its colon, the name scanned into `span`. */
  private name(): void {
    if (this.space() !== QUOTE) throw new NotJson();
    this.string();
    this.expect(COLON);
  }

  /** A member's name and its colon; its index among `names`, or -1 for a name the reader does not use. */
  private key(names: readonly string[]): number {
    this.name();
    // A key written with escapes might be one of ours: the JSON.parse path reads it.
    if (this.span.escaped) throw new OffShape();
    for (let n = 0; n < names.length; n++) if (this.spanIs(names[n] as string)) return n;
    return -1;
  }

  /** Opens an object (false when it is empty); a value of another type is off the shape. */
  private openObject(): boolean {
    if (this.space() !== OPEN_OBJECT) throw new OffShape();
    this.at++;
    if (this.space() !== CLOSE_OBJECT) return true;
    this.at++;
    return false;
  }

  private openArray(): boolean {
    if (this.space() !== OPEN_ARRAY) throw new OffShape();
    this.at++;
    if (this.space() !== CLOSE_ARRAY) return true;
    this.at++;
    return false;
  }

  /** After a member or element: true at a comma, false at the container's end. */
  private more(close: number): boolean {
    const byte = this.space();
    this.at++;
    if (byte === COMMA) return true;
    if (byte === close) return false;
    throw new NotJson();
  }

  /** Skips one value of any kind and depth, checking its syntax; without recursion, since JSON.parse takes any depth. */
  private skip(): void {
    const open: number[] = [];
    for (;;) {
      let byte = this.space();
      if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        const close = byte === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
        this.at++;
        if (this.space() !== close) {
          open.push(close);
          if (close === CLOSE_OBJECT) this.name();
          continue;
        }
        this.at++;
      } else {
        this.scalar(byte);
      }
      // Close what ends here, until a comma starts the next value.
      for (;;) {
        const close = open.at(-1);
        if (close === undefined) return;
        byte = this.space();
        this.at++;
        if (byte === close) {
          open.pop();
          continue;
        }
        if (byte !== COMMA) throw new NotJson();
        if (close === CLOSE_OBJECT) this.name();
        break;
      }
    }
  }

  /** A string value's text; a value of another type is off the shape. */
  private stringValue(): string {
    if (this.space() !== QUOTE) throw new OffShape();
    this.string();
    return this.spanText();
  }

  /** The bytes of the value at the cursor, skipped, as JSON.parse reads them. */
  private valueHere(): unknown {
    const start = this.at;
    this.skip();
    return JSON.parse(this.bytes.toString('utf8', start, this.at));
  }

  /** Notes `index` as seen; a key met twice (JSON.parse keeps the last) is off the shape. */
  private static once(seen: number, index: number): number {
    const bit = 1 << index;
    if (seen & bit) throw new OffShape();
    return seen | bit;
  }

  // ---- The export's shapes ---------------------------------------------------------------------------------------------

  /** What `plainIssue` reads of an issue, and where its fields lie (for the text of any of them). */
  private issue(): ReadIssueEntry {
    let id: string | undefined;
    let key: string | undefined;
    let fieldsAt = -1;
    let fields: { created: string; dueDate: string | null; status: string; issuelinks: unknown } | undefined;
    let histories: ReadHistory[] | undefined;
    let summary: ReadIssue['summary'];
    let seen = 0;
    if (this.openObject())
      do {
        const index = this.key(EXPORT_KEYS.issue);
        if (index >= 0) seen = ExportBytes.once(seen, index);
        if (index === 0) id = this.stringValue();
        else if (index === 1) key = this.stringValue();
        else if (index === 2) {
          this.space();
          fieldsAt = this.at;
          fields = this.fields();
        } else if (index === 3) histories = this.embeddedHistories();
        else if (index === 4) {
          const read = summaryOf(this.valueHere());
          if (read === null) throw new OffShape();
          summary = read;
        } else this.skip();
      } while (this.more(CLOSE_OBJECT));
    if (id === undefined || key === undefined || fields === undefined) throw new OffShape();
    const createdAt = parseJiraInstant(fields.created);
    if (Number.isNaN(createdAt)) throw new OffShape();
    return {
      read: {
        id,
        key,
        createdAt,
        dueDate: fields.dueDate,
        status: fields.status,
        histories,
        issuelinks: fields.issuelinks,
        summary,
      },
      fieldText: (fieldId) => this.fieldTextAt(fieldsAt, fieldId),
    };
  }

  private fields(): { created: string; dueDate: string | null; status: string; issuelinks: unknown } {
    let created: string | undefined;
    let dueDate: string | null = null;
    let status: string | undefined;
    let issuelinks: unknown;
    let seen = 0;
    if (this.openObject())
      do {
        const index = this.key(EXPORT_KEYS.fields);
        if (index >= 0) seen = ExportBytes.once(seen, index);
        if (index === 0) created = this.stringValue();
        else if (index === 1) {
          if (this.space() === 0x6e) this.literal(NULL);
          else {
            dueDate = this.stringValue();
            if (!isJiraDate(dueDate)) throw new OffShape();
          }
        } else if (index === 2) status = this.statusName();
        else if (index === 3) issuelinks = this.valueHere();
        else this.skip();
      } while (this.more(CLOSE_OBJECT));
    if (created === undefined || status === undefined) throw new OffShape();
    return { created, dueDate, status, issuelinks };
  }

  private statusName(): string {
    return this.onlyKey(EXPORT_KEYS.status, () => this.stringValue());
  }

  /** An issue's `changelog` (search/jql with expand=changelog): its histories. */
  private embeddedHistories(): ReadHistory[] {
    return this.onlyKey(EXPORT_KEYS.changelog, () => this.histories());
  }

  /** An object of which one key, given once, is read and every other skipped; anything else is off the common shape. */
  private onlyKey<T>(keys: readonly string[], read: () => T): T {
    let found: { readonly value: T } | undefined;
    if (this.openObject())
      do {
        if (this.key(keys) === 0) {
          if (found !== undefined) throw new OffShape();
          found = { value: read() };
        } else this.skip();
      } while (this.more(CLOSE_OBJECT));
    if (found === undefined) throw new OffShape();
    return found.value;
  }

  private histories(): ReadHistory[] {
    const histories: ReadHistory[] = [];
    if (this.openArray())
      do histories.push(this.history());
      while (this.more(CLOSE_ARRAY));
    return histories;
  }

  /** A changelog entry of changelog/bulkfetch: its issue's id and histories. */
  private changelog(): ReadChangelog {
    let issueId: string | undefined;
    let histories: ReadHistory[] | undefined;
    let seen = 0;
    if (this.openObject())
      do {
        const index = this.key(EXPORT_KEYS.changelogEntry);
        if (index >= 0) seen = ExportBytes.once(seen, index);
        if (index === 0) issueId = this.stringValue();
        else if (index === 1) histories = this.histories();
        else this.skip();
      } while (this.more(CLOSE_OBJECT));
    if (issueId === undefined || histories === undefined) throw new OffShape();
    return { issueId, histories };
  }

  /** The status items' from and to, by pairs, of the history being read (its instant may come after its items). */
  private readonly statusPairs: string[] = [];

  private history(): ReadHistory {
    let id: string | number | undefined;
    let created: string | undefined;
    let hasItems = false;
    let seen = 0;
    const pairs = this.statusPairs;
    pairs.length = 0;
    if (this.openObject())
      do {
        const index = this.key(EXPORT_KEYS.history);
        if (index >= 0) seen = ExportBytes.once(seen, index);
        if (index === 0) id = this.historyId();
        else if (index === 1) created = this.stringValue();
        else if (index === 2) {
          hasItems = true;
          if (this.openArray())
            do this.item();
            while (this.more(CLOSE_ARRAY));
        } else this.skip();
      } while (this.more(CLOSE_OBJECT));
    if (created === undefined || !hasItems) throw new OffShape();
    const at = parseJiraInstant(created);
    if (Number.isNaN(at)) throw new OffShape();
    let changes = NO_STATUS_CHANGE;
    if (pairs.length > 0) {
      const made: StatusChange[] = [];
      for (let n = 0; n < pairs.length; n += 2) made.push({ at, fromStatus: pairs[n] as string, toStatus: pairs[n + 1] as string });
      changes = made;
    }
    return { id, created, at, changes };
  }

  /** A history's id: text, or a finite number. */
  private historyId(): string | number {
    const byte = this.space();
    if (byte === QUOTE) return this.stringValue();
    if (byte !== 0x2d && !isDigit(byte)) throw new OffShape(); // -
    const start = this.at;
    this.number();
    const id = Number((this.bytes as Latin1Slicing).latin1Slice(start, this.at));
    if (!Number.isFinite(id)) throw new OffShape();
    return id;
  }

  /**
   * A changelog item: `field` and `fieldId` absent or text, `fromString` and `toString` absent, null or text; the two
   * values are read only for a status item. An array reads as an item of no field (`own` finds none of its keys).
   */
  private item(): void {
    const byte = this.space();
    if (byte === OPEN_ARRAY) {
      this.skip();
      return;
    }
    let isStatus = false;
    let from = '';
    let fromStart = -1;
    let fromEnd = 0;
    let fromEscaped = false;
    let fromWide = false;
    let to = '';
    let toStart = -1;
    let toEnd = 0;
    let toEscaped = false;
    let toWide = false;
    let seen = 0;
    if (this.openObject())
      do {
        const index = this.key(EXPORT_KEYS.item);
        if (index >= 0) seen = ExportBytes.once(seen, index);
        if (index === 0 || index === 1) {
          if (this.space() !== QUOTE) throw new OffShape();
          this.string();
          if (this.span.escaped ? this.spanText() === 'status' : this.spanIs('status')) isStatus = true;
        } else if (index === 2 || index === 3) {
          const next = this.space();
          if (next === 0x6e) {
            this.literal(NULL);
            continue;
          }
          if (next !== QUOTE) throw new OffShape();
          this.string();
          const { span } = this;
          if (index === 2) {
            fromStart = span.start;
            fromEnd = span.end;
            fromEscaped = span.escaped;
            fromWide = span.wide;
          } else {
            toStart = span.start;
            toEnd = span.end;
            toEscaped = span.escaped;
            toWide = span.wide;
          }
        } else this.skip();
      } while (this.more(CLOSE_OBJECT));
    if (!isStatus) return;
    if (fromStart >= 0) from = this.textOf(fromStart, fromEnd, fromEscaped, fromWide);
    if (toStart >= 0) to = this.textOf(toStart, toEnd, toEscaped, toWide);
    this.statusPairs.push(from, to);
  }

  /** The text of a field of the issue whose fields begin at `fieldsAt`, as `fieldText` reads it: '' when not text. */
  private fieldTextAt(fieldsAt: number, fieldId: string): string {
    this.at = fieldsAt;
    let text = '';
    if (this.openObject())
      do {
        this.name();
        if (this.spanText() !== fieldId) this.skip();
        else if (this.space() === QUOTE) text = this.stringValue();
        else {
          this.skip();
          text = '';
        }
      } while (this.more(CLOSE_OBJECT));
    return text;
  }

  /** Reads an entry, or, off the shape, hands its JSON value on. */
  private entry<Entry>(read: () => Entry): Entry | ValueEntry {
    this.space();
    const at = this.at;
    try {
      return read();
    } catch (error) {
      if (!(error instanceof OffShape)) throw error;
      this.at = at;
      return { value: this.valueHere() };
    }
  }

  private entries<Entry>(read: () => Entry): (Entry | ValueEntry)[] {
    const entries: (Entry | ValueEntry)[] = [];
    if (this.openArray())
      do entries.push(this.entry(read));
      while (this.more(CLOSE_ARRAY));
    return entries;
  }

  /** The whole export: its entries read, and its `schema` (small) as its JSON value. */
  read(): Result<ExportedIssue[], Failure<'EXPORT.INVALID'>> {
    let issues: (ReadIssueEntry | ValueEntry)[] | undefined;
    let changelogs: (ReadChangelogEntry | ValueEntry)[] | undefined;
    let schema: unknown;
    let seen = 0;
    if (this.openObject())
      do {
        const index = this.key(EXPORT_KEYS.top);
        if (index >= 0) seen = ExportBytes.once(seen, index);
        if (index === 0) issues = this.entries(() => this.issue());
        else if (index === 1) changelogs = this.entries(() => ({ read: this.changelog() }));
        else if (index === 2) schema = this.valueHere();
        else this.skip();
      } while (this.more(CLOSE_OBJECT));
    if (this.space() !== -1) throw new NotJson();
    if (issues === undefined) throw new OffShape();
    // The top level's schema reads `schema` (and says what is wrong with it) as it would in the whole export.
    const top = exportTopOf({ issues: [], changelogs: changelogs && [], schema });
    if (!top.ok) return top;
    const parsed = readExportParts({ issues, changelogs: changelogs ?? [], schema: top.value.schema }, false, true);
    return parsed.ok ? { ok: true, value: parsed.value.issues } : parsed;
  }
}

/**
 * `parseMetricsExport(JSON.parse(bytes as UTF-8))`, read in one pass over the bytes: the same issues, the same failures,
 * and, for bytes that are not JSON, JSON.parse's own SyntaxError.
 */
export const parseMetricsExportJson = (bytes: Buffer): Result<ExportedIssue[], Failure<'EXPORT.INVALID'>> => {
  try {
    return new ExportBytes(bytes).read();
  } catch (error) {
    if (!(error instanceof OffShape || error instanceof NotJson)) throw error;
    return parseMetricsExport(JSON.parse(bytes.toString('utf8')));
  }
};
