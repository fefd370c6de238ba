import { z } from 'zod';
import { TIERS } from '../domain/tiers';
import { PERIOD_CHOICES } from '../domain/metrics/periods';

const projectKey = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{0,9}$/, 'a project key is a letter then up to 9 letters, digits or underscores, such as MKT');
const projects = z.array(projectKey).min(1, 'choose at least one project').max(20, 'choose at most 20 projects');

/** A gadget's JQL: Jira takes far longer queries, but one a person writes in a gadget's edit view stays readable. */
const MAX_JQL_LENGTH = 2_000;
const jqlText = z
  .string({ error: 'the JQL must be text' })
  .trim()
  .max(MAX_JQL_LENGTH, `the JQL is over ${MAX_JQL_LENGTH.toLocaleString('en-US')} characters`);

export const PERIOD_DAYS = [7, 14, 30, 90, 180, 365] as const;

/** What a Workflow health or Outcomes gadget reports on: projects or a JQL query, a tier, a period in days. */
const scopeShape = {
  projects: z.array(projectKey).max(20, 'choose at most 20 projects').default([]),
  jql: jqlText.optional(),
  tier: z.enum(['all', ...TIERS]).default('all'),
  periodDays: z
    .number()
    .refine(
      (days): days is (typeof PERIOD_DAYS)[number] => (PERIOD_DAYS as readonly number[]).includes(days),
      `the period is one of ${PERIOD_DAYS.join(', ')} days`,
    )
    .default(30),
};
const ONE_SCOPE = {
  check: (config: { projects: readonly string[]; jql?: string | undefined }) => config.projects.length > 0 !== Boolean(config.jql),
  params: { error: 'choose at least one project, or write a JQL query (not both)', path: ['projects'] },
};

/**
 * A "Workflow health" gadget's configuration, as its edit view submits it and Jira stores it: projects, or a JQL query;
 * the last `periodDays`, this quarter so far or last quarter.
 */
export const healthGadgetConfigSchema = z
  .object({ ...scopeShape, period: z.enum(PERIOD_CHOICES).default('days') })
  .refine(ONE_SCOPE.check, ONE_SCOPE.params);
export type HealthGadgetConfig = z.infer<typeof healthGadgetConfigSchema>;

/**
 * An "Outcomes" gadget's configuration: the same scope and the same periods as Workflow health (the last N days,
 * this quarter so far, last quarter), as leaders plan by quarter.
 */
export const outcomesGadgetConfigSchema = z
  .object({ ...scopeShape, period: z.enum(PERIOD_CHOICES).default('days') })
  .refine(ONE_SCOPE.check, ONE_SCOPE.params);

/** A "Triage queue" gadget's configuration. */
export const triageGadgetConfigSchema = z.object({ projects });
export type TriageGadgetConfig = z.infer<typeof triageGadgetConfigSchema>;

/** A gadget's edit view searching the projects the viewer may pick, by key or name (empty: every one). */
export const projectQuerySchema = z.object({ query: z.string().trim().max(100, 'the search is at most 100 characters').default('') });

/** A gadget's edit view asking Jira to check a JQL query before it saves it. */
export const jqlCheckSchema = z.object({
  jql: jqlText.min(1, 'write a JQL query'),
});

/** What a gadget resolver trusts from `req.context`: the viewer and the gadget's stored configuration. */
export const gadgetContextSchema = z.object({
  accountId: z.string().min(1),
  extension: z.object({ gadgetConfiguration: z.unknown().optional() }).loose(),
});

/** Cached per viewer: which projects they may browse, so a warm gadget load asks Jira nothing. */
export const gadgetAccessSchema = z.object({
  checkedAt: z.number(),
  projects: z.record(z.string(), z.boolean()),
});
export type GadgetAccess = z.infer<typeof gadgetAccessSchema>;
