import { SITE } from '../catalogue';
import type { ConfigView } from './site-config';
import { statusJson } from './site-config';
import type { SiteData, StoredIssue } from './site-state';
import { present } from '../../src/domain/present';

/**
 * Jira's issue links, in the shapes of Atlassian's Jira Cloud REST v3 (checked against the OpenAPI spec,
 * `LinkIssueRequestJsonBean`, `IssueLink`, `IssueLinkType(s)`) and its linking model
 * (https://developer.atlassian.com/cloud/jira/platform/issue-linking-model/):
 *
 * - A link type has a name and two descriptions: `outward` ("blocks") reads from the link's source, `inward`
 *   ("is blocked by") from its destination.
 * - `POST /issueLink` takes `outwardIssue` as the link's source (the spec calls it the "from (outward) issue": it
 *   gets the optional comment, and the caller needs Link issues on its project) and `inwardIssue` as its destination.
 *   So `{type: Blocks, outwardIssue: MKT-3, inwardIssue: MKT-5}` records "MKT-3 blocks MKT-5".
 * - On each issue, `fields.issuelinks` lists its links, naming the OTHER issue: on MKT-5 the entry has
 *   `inwardIssue: MKT-3` (labelled with `type.inward`: "is blocked by MKT-3"); on MKT-3 it has `outwardIssue: MKT-5`
 *   ("blocks MKT-5").
 * - A link that already exists is not duplicated: Jira answers 201 as if it had created it.
 */

export interface StoredLinkType {
  readonly id: string;
  readonly name: string;
  readonly inward: string;
  readonly outward: string;
}

export interface StoredIssueLink {
  readonly id: string;
  readonly typeId: string;
  /** The link's source: its `outward` description reads from it ("MKT-3 blocks …"). */
  readonly outwardId: string;
  /** The link's destination ("MKT-5 is blocked by …"). */
  readonly inwardId: string;
}

/** The link types a new Jira Cloud site has. */
export const DEFAULT_LINK_TYPES: readonly StoredLinkType[] = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
];

const BASE = `${SITE.baseUrl}/rest/api/3`;

export const linkTypeJson = (type: StoredLinkType) => ({ ...type, self: `${BASE}/issueLinkType/${type.id}` });

/** The other issue of a link, as Jira nests it: key, id and the fields a link shows (summary, status, type). */
const linkedIssueJson = (issue: StoredIssue, view: ConfigView) => ({
  id: issue.id,
  key: issue.key,
  self: `${BASE}/issue/${issue.id}`,
  fields: {
    summary: issue.summary,
    status: statusJson(present(view.status(issue.statusId))),
    issuetype: view.issueTypeJson(present(view.issueType(issue.issueTypeId))),
  },
});

/** The site's issue links: the link types, the links, and what JQL and `fields.issuelinks` see of them. */
export class IssueLinks {
  constructor(
    private readonly data: SiteData,
    private readonly find: (idOrKey: string) => StoredIssue | undefined,
  ) {}

  get types(): readonly StoredLinkType[] {
    return this.data.issueLinkTypes ?? DEFAULT_LINK_TYPES;
  }

  private get links(): StoredIssueLink[] {
    this.data.issueLinks ??= [];
    return this.data.issueLinks;
  }

  /** A link type named by `id` or `name` (as `POST /issueLink` accepts either), case-insensitively by name. */
  typeOf(ref: { readonly id?: unknown; readonly name?: unknown } | undefined): StoredLinkType | undefined {
    if (ref === undefined) return undefined;
    if (typeof ref.id === 'string') return this.types.find((type) => type.id === ref.id);
    const name = typeof ref.name === 'string' ? ref.name.toLowerCase() : null;
    return this.types.find((type) => type.name.toLowerCase() === name);
  }

  byId(id: string): StoredIssueLink | undefined {
    return this.links.find((link) => link.id === id);
  }

  /** Records the link unless the same one exists; the link either way, and whether it is new. */
  add(type: StoredLinkType, outward: StoredIssue, inward: StoredIssue, nextId: () => string): { link: StoredIssueLink; created: boolean } {
    const existing = this.links.find((link) => link.typeId === type.id && link.outwardId === outward.id && link.inwardId === inward.id);
    if (existing !== undefined) return { link: existing, created: false };
    const link: StoredIssueLink = { id: nextId(), typeId: type.id, outwardId: outward.id, inwardId: inward.id };
    this.links.push(link);
    return { link, created: true };
  }

  /** Both issues of a link, each with the other and the words that read from its side ("blocks", "is blocked by"). */
  sidesOf(link: StoredIssueLink): [StoredIssue, StoredIssue, string][] {
    const type = this.typeById(link.typeId);
    const outward = present(this.find(link.outwardId));
    const inward = present(this.find(link.inwardId));
    return [
      [outward, inward, type.outward],
      [inward, outward, type.inward],
    ];
  }

  remove(id: string): void {
    this.data.issueLinks = this.links.filter((link) => link.id !== id);
  }

  /** `GET /issueLink/{id}`: both issues named. */
  linkJson(link: StoredIssueLink, view: ConfigView) {
    return {
      id: link.id,
      self: `${BASE}/issueLink/${link.id}`,
      type: linkTypeJson(this.typeById(link.typeId)),
      inwardIssue: linkedIssueJson(present(this.find(link.inwardId)), view),
      outwardIssue: linkedIssueJson(present(this.find(link.outwardId)), view),
    };
  }

  /** `fields.issuelinks` of one issue: each link naming the other issue, in the order the links were made. */
  fieldOf(issue: StoredIssue, view: ConfigView) {
    return this.links.flatMap((link) => {
      const base = { id: link.id, self: `${BASE}/issueLink/${link.id}`, type: linkTypeJson(this.typeById(link.typeId)) };
      const entries = [];
      // The key says which description labels the entry, from this issue's side: on the destination it is
      // `inwardIssue` naming the source ("is blocked by MKT-3"), on the source `outwardIssue` naming the destination.
      if (link.inwardId === issue.id) entries.push({ ...base, inwardIssue: linkedIssueJson(present(this.find(link.outwardId)), view) });
      if (link.outwardId === issue.id) entries.push({ ...base, outwardIssue: linkedIssueJson(present(this.find(link.inwardId)), view) });
      return entries;
    });
  }

  /**
   * What one issue's links say from its side, for JQL: each `[description, other issue's key]`, the description
   * being the type's `outward` where the issue is the source and `inward` where it is the destination.
   */
  describedFrom(issue: StoredIssue): [string, string][] {
    return this.links.flatMap((link): [string, string][] => {
      const type = this.typeById(link.typeId);
      const described: [string, string][] = [];
      if (link.outwardId === issue.id) described.push([type.outward, present(this.find(link.inwardId)).key]);
      if (link.inwardId === issue.id) described.push([type.inward, present(this.find(link.outwardId)).key]);
      return described;
    });
  }

  private typeById(id: string): StoredLinkType {
    return present(this.types.find((type) => type.id === id));
  }
}
