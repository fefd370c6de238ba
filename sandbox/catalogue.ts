import { APP_FIELD_NAMES, APP_FIELDS, type AppFieldName } from '../src/domain/app-fields';
import { present } from '../src/domain/present';

/**
 * The fixed part of the sandbox's Jira site: the fields (the app's own among them) and the demo
 * people. Projects, statuses and workflows are data (`jira/site-config.ts`), changed by Set up project.
 */
export const SITE = { baseUrl: 'http://localhost', cloudId: 'sandbox-cloud' } as const;
export const APP_ID = '00000000-0000-4000-8000-000000000000';
export const ENVIRONMENT_ID = 'sandbox';

/** The site's ids for the app's custom fields (Jira assigns them at install). */
export const APP_FIELD_IDS: Readonly<Record<AppFieldName, string>> = {
  impact: 'customfield_10050',
  confidence: 'customfield_10051',
  effort: 'customfield_10052',
  risk: 'customfield_10053',
  triageScore: 'customfield_10054',
  tier: 'customfield_10055',
  successMetric: 'customfield_10056',
};

const APP_FIELD_TYPES: Readonly<Record<AppFieldName, 'number' | 'string'>> = {
  impact: 'number',
  confidence: 'number',
  effort: 'number',
  risk: 'number',
  triageScore: 'number',
  tier: 'string',
  successMetric: 'string',
};

/** The field schema Jira gives a Forge custom field: `custom` names the extension and its module key. */
const appFieldSchema = (name: AppFieldName) => ({
  type: APP_FIELD_TYPES[name],
  custom: `ari:cloud:ecosystem::extension/${APP_ID}/${ENVIRONMENT_ID}/static/${APP_FIELDS[name]}`,
  customId: Number(APP_FIELD_IDS[name].replace('customfield_', '')),
});

export const APP_FIELD_LIST = (Object.keys(APP_FIELD_IDS) as AppFieldName[]).map((name) => ({
  name,
  id: APP_FIELD_IDS[name],
  label: APP_FIELD_NAMES[name],
  schema: appFieldSchema(name),
}));

/** The fields `GET /rest/api/3/field` lists: the system fields the sandbox keeps, then the app's. */
export const FIELDS = [
  { id: 'summary', key: 'summary', name: 'Summary', custom: false, schema: { type: 'string', system: 'summary' } },
  { id: 'description', key: 'description', name: 'Description', custom: false, schema: { type: 'string', system: 'description' } },
  { id: 'status', key: 'status', name: 'Status', custom: false, schema: { type: 'status', system: 'status' } },
  { id: 'assignee', key: 'assignee', name: 'Assignee', custom: false, schema: { type: 'user', system: 'assignee' } },
  { id: 'reporter', key: 'reporter', name: 'Reporter', custom: false, schema: { type: 'user', system: 'reporter' } },
  { id: 'duedate', key: 'duedate', name: 'Due date', custom: false, schema: { type: 'date', system: 'duedate' } },
  { id: 'created', key: 'created', name: 'Created', custom: false, schema: { type: 'datetime', system: 'created' } },
  { id: 'updated', key: 'updated', name: 'Updated', custom: false, schema: { type: 'datetime', system: 'updated' } },
  { id: 'issuetype', key: 'issuetype', name: 'Issue Type', custom: false, schema: { type: 'issuetype', system: 'issuetype' } },
  { id: 'project', key: 'project', name: 'Project', custom: false, schema: { type: 'project', system: 'project' } },
  {
    id: 'issuelinks',
    key: 'issuelinks',
    name: 'Linked Issues',
    custom: false,
    schema: { type: 'array', items: 'issuelinks', system: 'issuelinks' },
  },
  ...APP_FIELD_LIST.map((field) => ({ id: field.id, key: field.id, name: field.label, custom: true, schema: field.schema })),
];

type SandboxRole = 'requester' | 'ops-lead' | 'builder' | 'compliance' | 'admin' | 'executive';

export interface SandboxUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly emailAddress: string;
  readonly role: SandboxRole;
  readonly roleLabel: string;
}

/** Demo people, one per role; the executive may read but not edit, as a viewer-only Jira role would. */
export const USERS: readonly SandboxUser[] = [
  {
    accountId: '5b10a2844c20165700ede21a',
    displayName: 'Riley Requester',
    emailAddress: 'riley@example.com',
    role: 'requester',
    roleLabel: 'Requester',
  },
  {
    accountId: '5b10a2844c20165700ede21b',
    displayName: 'Morgan Ops',
    emailAddress: 'morgan@example.com',
    role: 'ops-lead',
    roleLabel: 'Marketing ops lead',
  },
  {
    accountId: '5b10a2844c20165700ede21c',
    displayName: 'Blake Builder',
    emailAddress: 'blake@example.com',
    role: 'builder',
    roleLabel: 'Builder',
  },
  // Two more builders, so the work spreads over a team as it does on a real site.
  {
    accountId: '5b10a2844c20165700ede220',
    displayName: 'Dana Designer',
    emailAddress: 'dana@example.com',
    role: 'builder',
    roleLabel: 'Designer',
  },
  {
    accountId: '5b10a2844c20165700ede221',
    displayName: 'Sam Writer',
    emailAddress: 'sam@example.com',
    role: 'builder',
    roleLabel: 'Copywriter',
  },
  {
    accountId: '5b10a2844c20165700ede21d',
    displayName: 'Casey Compliance',
    emailAddress: 'casey@example.com',
    role: 'compliance',
    roleLabel: 'Compliance approver',
  },
  {
    accountId: '5b10a2844c20165700ede21e',
    displayName: 'Avery Admin',
    emailAddress: 'avery@example.com',
    role: 'admin',
    roleLabel: 'Jira admin',
  },
  {
    accountId: '5b10a2844c20165700ede21f',
    displayName: 'Emery Executive',
    emailAddress: 'emery@example.com',
    role: 'executive',
    roleLabel: 'Executive (read only)',
  },
];

/** The app's own account: what Jira shows as the author of the app's comments. Nobody acts as it. */
export const APP_ACCOUNT = {
  accountId: '557058:flight-plan-app',
  displayName: 'Flight Plan',
  emailAddress: '',
  role: 'app',
  roleLabel: 'App',
} as const;

export const userByRole = (role: SandboxRole): SandboxUser => present(USERS.find((user) => user.role === role));
/** Everyone in a role, in the order listed: the first is the one `userByRole` names. */
export const usersInRole = (role: SandboxRole): SandboxUser[] => USERS.filter((user) => user.role === role);
export const userById = (accountId: string): SandboxUser | undefined => USERS.find((user) => user.accountId === accountId);
export const DEFAULT_USER = userByRole('admin');

export const canEditIssues = (user: SandboxUser): boolean => user.role !== 'executive';

/** A user as Jira shows it inside fields and changelogs. */
export const userJson = (user: Pick<SandboxUser, 'accountId' | 'displayName' | 'emailAddress'>) => ({
  self: `${SITE.baseUrl}/rest/api/3/user?accountId=${user.accountId}`,
  accountId: user.accountId,
  accountType: user.accountId === APP_ACCOUNT.accountId ? 'app' : 'atlassian',
  displayName: user.displayName,
  emailAddress: user.emailAddress,
  active: true,
  timeZone: 'UTC',
  avatarUrls: {},
});
