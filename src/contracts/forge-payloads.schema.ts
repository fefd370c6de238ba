import { z } from 'zod';

/** What a `jira:workflowValidator` function receives (Forge docs, "Lambda payload"). */
export const validatorPayloadSchema = z.object({
  issue: z.object({ key: z.string().min(1) }).loose(),
  configuration: z.unknown().optional(),
  transition: z
    .object({
      from: z.object({ id: z.string() }).loose().optional(),
      to: z.object({ id: z.string() }).loose().optional(),
      modifiedFields: z.record(z.string(), z.unknown()).nullish(),
    })
    .loose()
    .optional(),
});

/** The part of a resolver's `req.context` the app trusts: the caller and the issue the panel is on. */
export const issueResolverContextSchema = z.object({
  accountId: z.string().min(1),
  extension: z.object({ issue: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).loose() }).loose(),
});

/**
 * The part of a project page's resolver `req.context` the app trusts: the caller and the project the page is on
 * (`jira:projectPage`'s extension context: `project.{id,key,type}`,
 * developer.atlassian.com/platform/forge/manifest-reference/modules/jira-project-page/).
 */
export const projectResolverContextSchema = z.object({
  accountId: z.string().min(1),
  extension: z.object({ project: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).loose() }).loose(),
});

/**
 * What Jira passes a `jira:issueContext` module's `dynamicProperties` function
 * (developer.atlassian.com/platform/forge/manifest-reference/modules/jira-issue-context, "Dynamic properties").
 */
export const issueContextPayloadSchema = z.object({
  extension: z.object({ issue: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).loose() }).loose(),
});

/** The viewer Forge names in a function's invocation context, when it names one. */
export const invocationPrincipalSchema = z.object({ principal: z.object({ accountId: z.string().min(1) }).loose() }).loose();
