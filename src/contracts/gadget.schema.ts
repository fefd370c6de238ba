import { z } from 'zod';
import { TIERS } from '../domain/tiers';

const projectKey = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{0,9}$/, 'a project key is a letter then up to 9 letters, digits or underscores, such as MKT');
const projects = z.array(projectKey).min(1, 'choose at least one project').max(20, 'choose at most 20 projects');

export const PERIOD_DAYS = [7, 14, 30, 90, 180, 365] as const;

/** A "Workflow health" gadget's configuration, as its edit view submits it and Jira stores it: projects, or a JQL query. */
export const healthGadgetConfigSchema = z
  .object({
    projects: z.array(projectKey).max(20, 'choose at most 20 projects').default([]),
    jql: z.string().trim().max(2_000, 'the JQL is over 2,000 characters').optional(),
    tier: z.enum(['all', ...TIERS]).default('all'),
    periodDays: z
      .number()
      .refine(
        (days): days is (typeof PERIOD_DAYS)[number] => (PERIOD_DAYS as readonly number[]).includes(days),
        `the period is one of ${PERIOD_DAYS.join(', ')} days`,
      )
      .default(30),
  })
  .refine((config) => config.projects.length > 0 !== Boolean(config.jql), {
    error: 'choose at least one project, or write a JQL query (not both)',
    path: ['projects'],
  });
export type HealthGadgetConfig = z.infer<typeof healthGadgetConfigSchema>;

/** A "Triage queue" gadget's configuration. */
export const triageGadgetConfigSchema = z.object({ projects });
export type TriageGadgetConfig = z.infer<typeof triageGadgetConfigSchema>;

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
