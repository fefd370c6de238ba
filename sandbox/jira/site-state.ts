import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { StoredIssueLink, StoredLinkType } from './issue-links';
import { newSiteConfig, type SiteConfig } from './site-config';

/** One changelog entry, in the shape `changelog/bulkfetch` and `expand=changelog` return. */
export interface ChangeItem {
  readonly field: string;
  readonly fieldtype: 'jira' | 'custom';
  readonly fieldId: string;
  readonly from: string | null;
  readonly fromString: string | null;
  readonly to: string | null;
  readonly toString: string | null;
}

/** The changelog item Jira records when an issue moves from one status to another. */
export const statusChange = (
  from: { readonly id: string; readonly name: string },
  to: { readonly id: string; readonly name: string },
): ChangeItem => ({
  field: 'status',
  fieldtype: 'jira',
  fieldId: 'status',
  from: from.id,
  fromString: from.name,
  to: to.id,
  toString: to.name,
});

interface ChangeHistory {
  readonly id: string;
  readonly authorId: string | null;
  readonly created: string;
  readonly items: readonly ChangeItem[];
}

interface StoredComment {
  readonly id: string;
  readonly authorId: string;
  readonly body: unknown;
  readonly created: string;
}

/** An issue as the sandbox keeps it; the REST layer renders Jira's JSON from it. */
export interface StoredIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  /** Atlassian Document Format, or null. */
  description: unknown;
  statusId: string;
  created: string;
  updated: string;
  duedate: string | null;
  assigneeId: string | null;
  reporterId: string;
  /** Who created it, when not its reporter: Jira lets whoever may modify the reporter file a request for someone else. */
  creatorId?: string;
  /** Custom field values by `customfield_NNNNN` id. */
  custom: Record<string, unknown>;
  properties: Record<string, unknown>;
  histories: ChangeHistory[];
  comments: StoredComment[];
}

export interface SiteData {
  schemaVersion: 2;
  nextId: number;
  issues: StoredIssue[];
  /** Projects, statuses, workflows and schemes. */
  config: SiteConfig;
  /** Links between issues (`POST /issueLink`); absent in a site file from before links. */
  issueLinks?: StoredIssueLink[];
  /** The site's issue link types; absent: Jira Cloud's defaults (`DEFAULT_LINK_TYPES`). */
  issueLinkTypes?: StoredLinkType[];
  /** The app's storage (`@forge/kvs`), key → JSON value. */
  appStorage: Record<string, unknown>;
  /** The app's custom entities (`kvs.entity`, transactions' conditions), entity name → key → attributes. */
  appEntities?: Record<string, Record<string, unknown>>;
  /** The app's secrets (`kvs.setSecret`), kept apart from `appStorage` as Forge keeps them out of queries. */
  appSecrets?: Record<string, unknown>;
  /** When values written with a TTL expire (epoch ms), by key. */
  appExpiry?: Record<string, number>;
  /** How far the shell's "+1 day" has moved the sandbox's clock: the data of the later days stays, so the day must too. */
  clockOffsetMs?: number;
}

export const emptySite = (): SiteData => ({ schemaVersion: 2, nextId: 10_001, issues: [], config: newSiteConfig(), appStorage: {} });

// Only the envelope is checked on load: the data inside was written by this program.
const siteFileSchema = z.object({
  schemaVersion: z.literal(2),
  nextId: z.number().int().positive(),
  issues: z.array(z.looseObject({ id: z.string(), key: z.string() })),
  config: z.looseObject({ projects: z.array(z.unknown()), workflows: z.array(z.unknown()) }),
  appStorage: z.record(z.string(), z.unknown()),
  issueLinks: z.array(z.object({ id: z.string(), typeId: z.string(), outwardId: z.string(), inwardId: z.string() })).optional(),
  issueLinkTypes: z.array(z.object({ id: z.string(), name: z.string(), inward: z.string(), outward: z.string() })).optional(),
  appEntities: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  appSecrets: z.record(z.string(), z.unknown()).optional(),
  appExpiry: z.record(z.string(), z.number()).optional(),
  clockOffsetMs: z.number().min(0).optional(),
});

/**
 * The sandbox's embedded store: the whole site in one JSON file, rewritten atomically (write a
 * temporary file, then rename) shortly after each change, so a crash never leaves half a file.
 */
export class SiteStore {
  private pending: NodeJS.Timeout | null = null;
  readonly file: string;

  constructor(
    readonly directory: string,
    readonly data: SiteData,
  ) {
    this.file = path.join(directory, 'site.json');
  }

  /** Opens the store in `directory`; with `reset`, or when nothing is stored, starts from `seed()`. */
  static open(directory: string, options: { reset: boolean; seed: () => SiteData }): { store: SiteStore; seeded: boolean } {
    const file = path.join(directory, 'site.json');
    if (options.reset) rmSync(file, { force: true });
    if (existsSync(file)) {
      const parsed = siteFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) {
        throw new Error(`${file} is not a sandbox site file (${parsed.error.issues[0]?.message}); start with --reset to recreate it`);
      }
      return { store: new SiteStore(directory, parsed.data as unknown as SiteData), seeded: false };
    }
    const store = new SiteStore(directory, options.seed());
    store.flush();
    return { store, seeded: true };
  }

  /**
   * Puts the whole site back to `snapshot` (JSON of a `SiteData`), as one step. The site's configuration object
   * is refilled in place: the REST routes and their lookups hold that object, not `data`.
   */
  restore(snapshot: string): void {
    const restored = JSON.parse(snapshot) as SiteData;
    const config = this.data.config as unknown as Record<string, unknown>;
    for (const key of Object.keys(config)) delete config[key];
    Object.assign(config, restored.config);
    const data = this.data as unknown as Record<string, unknown>;
    for (const key of Object.keys(data)) if (key !== 'config') delete data[key];
    for (const [key, value] of Object.entries(restored)) if (key !== 'config') data[key] = value;
    this.changed();
  }

  /** Schedules a write; many changes in one tick become one write. */
  changed(): void {
    if (this.pending !== null) return;
    this.pending = setTimeout(() => this.flush(), 50);
  }

  flush(): void {
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
    mkdirSync(this.directory, { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.data));
    renameSync(temporary, this.file);
  }
}
