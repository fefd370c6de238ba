/**
 * The app's custom fields, by manifest module key. Jira gives each a `customfield_NNNNN` id per
 * site; the id is found through the field's schema, whose `custom` ends with `/static/<key>`.
 */
export const APP_FIELDS = {
  impact: 'fp-impact',
  confidence: 'fp-confidence',
  effort: 'fp-effort',
  risk: 'fp-risk',
  triageScore: 'fp-triage-score',
  tier: 'fp-governance-tier',
  successMetric: 'fp-success-metric',
} as const;

export type AppFieldName = keyof typeof APP_FIELDS;

/** The app's fields by name, as `jira:customField` names them in the manifest: what Jira and people call them. */
export const APP_FIELD_NAMES: Readonly<Record<AppFieldName, string>> = {
  impact: 'Impact',
  confidence: 'Confidence',
  effort: 'Effort',
  risk: 'Risk',
  triageScore: 'Triage score',
  tier: 'Governance tier',
  successMetric: 'Success metric',
};

/** One install of the app: the app in one of its environments (development, staging, production). */
export interface AppInstall {
  readonly appId: string;
  readonly environmentId: string;
}

/**
 * The module key of one of this install's extensions (a workflow rule, a custom field type), from
 * its id `ari:cloud:ecosystem::extension/{appId}/{environmentId}/static/{moduleKey}`; null for
 * another app's, and for this app's in another environment: a site can have a development and a
 * production install side by side, and each must use its own validators and fields.
 */
export const ownModuleKey = (extensionAri: string, install: AppInstall): string | null => {
  const match = /^ari:cloud:ecosystem::extension\/([^/]+)\/([^/]+)\/static\/([^/]+)$/.exec(extensionAri);
  return match !== null && match[1] === install.appId && match[2] === install.environmentId ? (match[3] ?? null) : null;
};
