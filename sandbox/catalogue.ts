import { APP_FIELDS, type AppFieldName } from '../src/domain/app-fields';
import type { Gate } from '../src/domain/gates/gate-items';

/**
 * The fixed part of the sandbox's Jira site: one project, the Marketing Request issue type, its
 * statuses and workflow, the fields (the app's own among them) and the demo people. It is the
 * configuration the admin page's Set up project creates on a real site.
 */
export const SITE = { baseUrl: 'http://localhost', cloudId: 'sandbox-cloud' } as const;
export const APP_ID = '00000000-0000-4000-8000-000000000000';
export const ENVIRONMENT_ID = 'sandbox';

export const PROJECT = { id: '10000', key: 'MKT', name: 'Marketing Requests', projectTypeKey: 'business', simplified: false } as const;
export const ISSUE_TYPE = { id: '10001', name: 'Marketing Request', description: 'A request for marketing work, run through the Flight Plan.', subtask: false, hierarchyLevel: 0 } as const;

type CategoryKey = 'new' | 'indeterminate' | 'done';
const CATEGORIES: Record<CategoryKey, { id: number; key: CategoryKey; name: string; colorName: string }> = {
  new: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
};

export interface SandboxStatus {
  readonly id: string;
  readonly name: string;
  readonly category: CategoryKey;
}

export const STATUSES: readonly SandboxStatus[] = [
  { id: '10100', name: 'Intake', category: 'new' },
  { id: '10101', name: 'Triage', category: 'new' },
  { id: '10102', name: 'Planning', category: 'indeterminate' },
  { id: '10103', name: 'Build', category: 'indeterminate' },
  { id: '10104', name: 'QA + Governance', category: 'indeterminate' },
  { id: '10105', name: 'Launch', category: 'indeterminate' },
  { id: '10106', name: 'Measure + Improve', category: 'indeterminate' },
  { id: '10107', name: 'Done', category: 'done' },
  { id: '10108', name: 'Waiting', category: 'new' },
  { id: '10109', name: 'Declined', category: 'done' },
];

export const statusById = (id: string): SandboxStatus | undefined => STATUSES.find((status) => status.id === id);
export const statusByName = (name: string): SandboxStatus | undefined =>
  STATUSES.find((status) => status.name.toLowerCase() === name.trim().toLowerCase());

/** A status as Jira shows it inside an issue's fields. */
export const statusJson = (status: SandboxStatus) => ({
  self: `${SITE.baseUrl}/rest/api/3/status/${status.id}`,
  id: status.id,
  name: status.name,
  description: '',
  statusCategory: { self: `${SITE.baseUrl}/rest/api/3/statuscategory/${CATEGORIES[status.category].id}`, ...CATEGORIES[status.category] },
});

export interface SandboxTransition {
  readonly id: string;
  readonly name: string;
  /** Status ids the transition leaves from; empty means "from any status" (a global transition). */
  readonly from: readonly string[];
  readonly to: string;
  /** The gate validator Set up project attaches (`jira:workflowValidator` key `<gate>-gate`). */
  readonly gate?: Gate;
}

const id = (name: string): string => statusByName(name)!.id;

/** The seven-stage workflow with its rework loops, as Set up project builds it. */
export const TRANSITIONS: readonly SandboxTransition[] = [
  { id: '11', name: 'Send to triage', from: [id('Intake')], to: id('Triage'), gate: 'intake' },
  { id: '21', name: 'Accept', from: [id('Triage')], to: id('Planning'), gate: 'triage' },
  { id: '22', name: 'Park', from: [id('Triage')], to: id('Waiting') },
  { id: '23', name: 'Resume triage', from: [id('Waiting')], to: id('Triage') },
  { id: '24', name: 'Decline', from: [id('Triage'), id('Waiting')], to: id('Declined') },
  { id: '31', name: 'Start build', from: [id('Planning')], to: id('Build'), gate: 'planning' },
  { id: '41', name: 'Submit for QA', from: [id('Build')], to: id('QA + Governance'), gate: 'build' },
  { id: '42', name: 'Back to planning', from: [id('Build'), id('QA + Governance')], to: id('Planning') },
  { id: '51', name: 'Launch', from: [id('QA + Governance')], to: id('Launch'), gate: 'qa' },
  { id: '52', name: 'Return to build', from: [id('QA + Governance'), id('Launch')], to: id('Build') },
  { id: '61', name: 'Start measuring', from: [id('Launch')], to: id('Measure + Improve'), gate: 'launch' },
  { id: '71', name: 'Close', from: [id('Measure + Improve')], to: id('Done'), gate: 'measure' },
];

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

/** The app's fields by name, as `jira:customField` names them in the manifest. */
export const APP_FIELD_NAMES: Readonly<Record<AppFieldName, string>> = {
  impact: 'Impact',
  confidence: 'Confidence',
  effort: 'Effort',
  risk: 'Risk',
  triageScore: 'Triage score',
  tier: 'Governance tier',
  successMetric: 'Success metric',
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
export const appFieldSchema = (name: AppFieldName) => ({
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
  ...APP_FIELD_LIST.map((field) => ({ id: field.id, key: field.id, name: field.label, custom: true, schema: field.schema })),
];

export type SandboxRole = 'requester' | 'ops-lead' | 'builder' | 'compliance' | 'admin' | 'executive';

export interface SandboxUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly emailAddress: string;
  readonly role: SandboxRole;
  readonly roleLabel: string;
}

/** Demo people, one per role; the executive may read but not edit, as a viewer-only Jira role would. */
export const USERS: readonly SandboxUser[] = [
  { accountId: '5b10a2844c20165700ede21a', displayName: 'Riley Requester', emailAddress: 'riley@example.com', role: 'requester', roleLabel: 'Requester' },
  { accountId: '5b10a2844c20165700ede21b', displayName: 'Morgan Ops', emailAddress: 'morgan@example.com', role: 'ops-lead', roleLabel: 'Marketing ops lead' },
  { accountId: '5b10a2844c20165700ede21c', displayName: 'Blake Builder', emailAddress: 'blake@example.com', role: 'builder', roleLabel: 'Builder' },
  { accountId: '5b10a2844c20165700ede21d', displayName: 'Casey Compliance', emailAddress: 'casey@example.com', role: 'compliance', roleLabel: 'Compliance approver' },
  { accountId: '5b10a2844c20165700ede21e', displayName: 'Avery Admin', emailAddress: 'avery@example.com', role: 'admin', roleLabel: 'Jira admin' },
  { accountId: '5b10a2844c20165700ede21f', displayName: 'Emery Executive', emailAddress: 'emery@example.com', role: 'executive', roleLabel: 'Executive (read only)' },
];

/** The app's own account: what Jira shows as the author of the app's comments. Nobody acts as it. */
export const APP_ACCOUNT = { accountId: '557058:flight-plan-app', displayName: 'Flight Plan', emailAddress: '', role: 'app', roleLabel: 'App' } as const;

export const userByRole = (role: SandboxRole): SandboxUser => USERS.find((user) => user.role === role)!;
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
