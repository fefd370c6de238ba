import type { JiraRequestInit, JiraTransport } from '../../src/adapters/jira-client';
import type { AppFieldName } from '../../src/domain/app-fields';
import { present } from '../../src/domain/present';
import { APP_FIELD_IDS, type SandboxUser } from '../../sandbox/catalogue';
import type { SitePeople } from '../../sandbox/jira/people';
import { JiraSite } from '../../sandbox/jira/rest';
import { statusChange, type ChangeItem, type SiteData, type StoredIssue } from '../../sandbox/jira/site-state';
import { SiteStore } from '../../sandbox/jira/site-state';
import { siteTransport } from '../../sandbox/seed';
import { setUpSite, siteHooks, SITE_NOW } from '../sandbox/sandbox-site';
import { ASSIGNEE, BRAND, BUILDER, COMPLIANCE, REQUESTER, TRIAGE_LEAD } from './fixtures';
import { scratchDir } from './scratch-dir';

/** The site ids of the app's fields: the sandbox's, as Jira assigns them at install. */
export const FIELD_IDS = APP_FIELD_IDS;

interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** MKT set up by the app's own Set up project, once a process; each TestJira starts from a copy. */
let setUp: SiteData | undefined;

/** Sets up the site every TestJira starts from (site-deps does it before each test file's tests). */
export const prepareTestJira = async (): Promise<void> => {
  setUp ??= structuredClone((await setUpSite()).store.data);
};

const setUpData = (): SiteData => structuredClone(present(setUp, 'the set-up site (await prepareTestJira() first)'));

/** A test person: their account id and a display name (by default one that says whose it is). */
const personOf = (accountId: string, displayName = `Name of ${accountId}`): SandboxUser => ({
  accountId,
  displayName,
  emailAddress: `${accountId}@example.com`,
  role: 'requester',
  roleLabel: 'Test person',
});

/**
 * The sandbox's Jira site (every request checked against Atlassian's OpenAPI spec, JQL evaluated, the Flight Plan
 * workflow set up by the app itself) with the people and permissions a test names, and the failures it asks for.
 * Nobody may do anything until the test grants it, as on a site whose permission schemes name nobody.
 */
export class TestJira {
  readonly store: SiteStore;
  readonly site: JiraSite;
  /** Every request the app sent, as sent (the contract test checks them against the spec too). */
  readonly requests: RecordedRequest[] = [];
  /** The site's people, by account id: the fixtures' people; `grant`, `admins` and `addPerson` add to it. */
  private readonly directory = new Map<string, SandboxUser>();
  private readonly issueGrants = { browse: new Map<string, Set<string>>(), edit: new Map<string, Set<string>>() };
  /** accountId → ids of the projects the account may browse. */
  readonly browseProjects = new Map<string, Set<string>>();
  /** Accounts holding the global Administer permission. */
  readonly admins = new Set<string>();
  /** The site's clock: what Jira stamps changes and comments with. */
  now = SITE_NOW;
  /** Set to make every `search/jql` fail with that status. */
  searchStatus = 200;
  /** Set to make every issue property write fail with that status. */
  propertyStatus = 200;
  /** Set to make reading the field list (`GET /field`) fail with that status. */
  fieldListStatus = 200;
  /** Set to make posting a comment fail with that status. */
  commentStatus = 201;
  /** Set to make linking issues fail with that status. */
  linkStatus = 201;
  /** When set, Jira's check on Create (the app's Create rule) refuses every new request with these words. */
  createRefusal: string | null = null;
  /** The page size this Jira allows at most, below what the sandbox allows (real Jira may cap below what is asked). */
  searchPageCap = Number.POSITIVE_INFINITY;
  /** The same for `changelog/bulkfetch`. */
  changelogPageCap = Number.POSITIVE_INFINITY;

  constructor(data: SiteData = setUpData()) {
    for (const accountId of [ASSIGNEE, BRAND, BUILDER, COMPLIANCE, REQUESTER, TRIAGE_LEAD]) this.addPerson(accountId);
    this.store = new SiteStore(scratchDir('test-jira-'), data);
    this.site = new JiraSite(
      this.store,
      siteHooks({ people: this.people(), now: () => this.now, validateCreate: async () => this.createRefusal }),
    );
  }

  private people(): SitePeople {
    const directory = this.directory;
    const holdsOn = (grants: Map<string, Set<string>>, accountId: string, issueId: string | undefined) =>
      issueId !== undefined && (grants.get(accountId)?.has(issueId) ?? false);
    return {
      get all() {
        return [...directory.values()];
      },
      byId: (accountId) =>
        this.directory.get(accountId) ??
        (this.admins.has(accountId) || this.browseProjects.has(accountId) ? personOf(accountId) : undefined),
      holds: (person, permission, target) => {
        if (permission === 'ADMINISTER') return this.admins.has(person.accountId);
        if (permission === 'BROWSE_PROJECTS')
          return target?.id === undefined
            ? (this.browseProjects.get(person.accountId)?.has(target?.projectId ?? '') ?? false)
            : holdsOn(this.issueGrants.browse, person.accountId, target.id);
        return holdsOn(this.issueGrants.edit, person.accountId, target?.id);
      },
    };
  }

  /** A person on the site, with no permission yet. */
  addPerson(accountId: string, displayName?: string): void {
    if (!this.directory.has(accountId)) this.directory.set(accountId, personOf(accountId, displayName));
  }

  /** A person who has left the site: Jira no longer finds their account. */
  removePerson(accountId: string): void {
    this.directory.delete(accountId);
  }

  /** Takes back a permission `grant` gave on an issue. */
  revoke(accountId: string, issueId: string, permission: 'browse' | 'edit'): void {
    this.issueGrants[permission].get(accountId)?.delete(issueId);
  }

  grant(accountId: string, issueId: string, permission: 'browse' | 'edit'): void {
    this.addPerson(accountId);
    const grants = this.issueGrants[permission];
    grants.set(accountId, new Set([...(grants.get(accountId) ?? []), issueId]));
  }

  /** The JQL of every search the app ran. */
  get queries(): string[] {
    return this.requests
      .filter((request) => request.path.startsWith('/rest/api/3/search/jql'))
      .map((request) => (request.body as { jql: string }).jql);
  }

  /** The site's issue links by issue key: `outward` blocks (or relates to) `inward`. */
  get links(): { id: string; type: string; outward: string; inward: string }[] {
    return (this.store.data.issueLinks ?? []).map((link) => ({
      id: link.id,
      type: present(this.site.links.typeOf({ id: link.typeId })).name,
      outward: this.issue(link.outwardId).key,
      inward: this.issue(link.inwardId).key,
    }));
  }

  /** The id Jira gave an issue type. */
  issueTypeId(name: string): string {
    return present(
      this.store.data.config.issueTypes.find((type) => type.name === name),
      `issue type ${name}`,
    ).id;
  }

  /** The id Jira gave a project. */
  projectId(key: string): string {
    return present(this.site.view.project(key), `project ${key}`).id;
  }

  get issues(): readonly StoredIssue[] {
    return this.store.data.issues;
  }

  /** Jira deletes the issue: from then on it answers 404 for it, and no search finds it. */
  deleteIssue(idOrKey: string): void {
    const issues = this.store.data.issues;
    issues.splice(issues.indexOf(this.issue(idOrKey)), 1);
  }

  issue(idOrKey: string): StoredIssue {
    return present(this.site.find(idOrKey));
  }

  statusOf(idOrKey: string): string {
    return present(this.site.view.status(this.issue(idOrKey).statusId)).name;
  }

  setStatus(idOrKey: string, statusName: string): void {
    this.issue(idOrKey).statusId = this.statusId(statusName);
  }

  setIssueType(idOrKey: string, typeName: string): void {
    this.issue(idOrKey).issueTypeId = this.issueTypeId(typeName);
  }

  setAppField(idOrKey: string, name: AppFieldName, value: unknown): void {
    this.issue(idOrKey).custom[FIELD_IDS[name]] = value;
  }

  /** The bodies of the comments on an issue, oldest first. */
  comments(idOrKey: string): unknown[] {
    return this.site.find(idOrKey)?.comments.map((comment) => comment.body) ?? [];
  }

  /** A status change in the issue's history, as Jira records it. */
  addStatusChange(idOrKey: string, created: string, from: string, to: string): void {
    this.addHistory(idOrKey, {
      created,
      items: [statusChange({ id: this.statusId(from), name: from }, { id: this.statusId(to), name: to })],
    });
  }

  /** A change in the issue's history, as Jira records it. */
  addHistory(idOrKey: string, history: { created: string; items: ChangeItem[]; authorId?: string }): void {
    const issue = this.issue(idOrKey);
    issue.histories.push({
      id: String(this.store.data.nextId++),
      authorId: history.authorId ?? null,
      created: history.created,
      items: history.items,
    });
  }

  /**
   * A Marketing Request (in MKT unless `project` names another of the site's projects), stored as Jira keeps it:
   * `status` by name, people by account id, the app's fields by name. Its id and key are the next ones unless given.
   */
  addIssue(issue: {
    project?: string;
    id?: string;
    key?: string;
    summary?: string;
    status?: string;
    created?: string;
    duedate?: string | null;
    assignee?: string | null;
    reporter?: string;
    description?: unknown;
    app?: Partial<Record<AppFieldName, unknown>>;
  }): StoredIssue {
    const data = this.store.data;
    const projectKey = issue.project ?? 'MKT';
    const project = present(this.site.view.project(projectKey), `project ${projectKey}`);
    const id = issue.id ?? String(data.nextId);
    data.nextId = Math.max(data.nextId, Number(id) + 1);
    const stored: StoredIssue = {
      id,
      key: issue.key ?? `${projectKey}-${data.issues.filter((existing) => existing.projectId === project.id).length + 1}`,
      projectId: project.id,
      issueTypeId: this.issueTypeId('Marketing Request'),
      summary: issue.summary ?? `Request ${id}`,
      description: issue.description ?? null,
      statusId: this.statusId(issue.status ?? 'Intake'),
      created: issue.created ?? '2026-06-01T09:00:00.000+0000',
      updated: issue.created ?? '2026-06-01T09:00:00.000+0000',
      duedate: issue.duedate ?? null,
      assigneeId: issue.assignee ?? null,
      reporterId: issue.reporter ?? REQUESTER,
      custom: Object.fromEntries(Object.entries(issue.app ?? {}).map(([name, value]) => [FIELD_IDS[name as AppFieldName], value])),
      properties: {},
      histories: [],
      comments: [],
    };
    for (const accountId of [stored.assigneeId, stored.reporterId]) if (accountId !== null) this.addPerson(accountId);
    data.issues.push(stored);
    return stored;
  }

  private statusId(name: string): string {
    return present(
      this.store.data.config.statuses.find((status) => status.name === name),
      `no status ${name} on the site`,
    ).id;
  }

  /** The next comment is posted, and then its answer is lost, as a timeout loses it. */
  loseNextCommentAnswer(): void {
    this.site.faults.applyThenTimeOut((method, pathname) => method === 'POST' && pathname.endsWith('/comment'));
  }

  /** The app's requests to this site (`asApp`). */
  readonly transport: JiraTransport = (requestPath, init) => this.send(requestPath, init, siteTransport(this.site, { kind: 'app' }));

  /** A person's requests to this site (`asUser`). */
  transportAs(accountId: string): JiraTransport {
    return (requestPath, init) => this.send(requestPath, init, siteTransport(this.site, { kind: 'user', accountId }));
  }

  private async send(requestPath: string, init: JiraRequestInit, onward: JiraTransport) {
    const body = init.body === undefined ? undefined : (JSON.parse(init.body) as unknown);
    this.requests.push({ method: init.method, path: requestPath, body });
    const pathname = requestPath.split('?')[0] ?? '';
    const refuse = (status: number, message: string) => ({
      status,
      headers: { get: () => null },
      text: async () => JSON.stringify({ errorMessages: [message], errors: {} }),
    });
    if (this.searchStatus !== 200 && pathname.endsWith('/search/jql')) return refuse(this.searchStatus, 'The search failed.');
    if (this.fieldListStatus !== 200 && pathname.endsWith('/rest/api/3/field'))
      return refuse(this.fieldListStatus, 'The field list failed.');
    if (this.propertyStatus !== 200 && /\/issue\/[^/]+\/properties\//.test(pathname) && init.method !== 'GET')
      return refuse(this.propertyStatus, 'The property could not be set.');
    if (this.linkStatus !== 201 && init.method === 'POST' && pathname.endsWith('/issueLink'))
      return refuse(this.linkStatus, 'Linking is failing in this test.');
    if (this.commentStatus !== 201 && init.method === 'POST' && pathname.endsWith('/comment'))
      return refuse(this.commentStatus, 'comments are failing in this test');
    const cap = pathname.endsWith('/search/jql')
      ? this.searchPageCap
      : pathname.endsWith('/changelog/bulkfetch')
        ? this.changelogPageCap
        : null;
    if (cap !== null && Number.isFinite(cap)) {
      const asked = body as { maxResults?: number };
      const capped = { ...asked, maxResults: Math.min(asked.maxResults ?? 50, cap) };
      return onward(requestPath, { ...init, body: JSON.stringify(capped) });
    }
    return onward(requestPath, init);
  }
}
