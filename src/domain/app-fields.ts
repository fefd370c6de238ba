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
