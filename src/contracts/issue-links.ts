import { z } from 'zod';
import type { LinkedRequest, RequestLinks } from '../domain/dependencies';

/**
 * A request's dependencies from its `issuelinks` field. Jira names the OTHER issue of each link, under the key
 * that says which of the link type's descriptions reads from this issue's side
 * (https://developer.atlassian.com/cloud/jira/platform/issue-linking-model/; `IssueLink` in the OpenAPI spec: "If
 * presenting this link in a user interface, use the `inward` field of the issue link type to label the link"):
 * under a "Blocks" link, `inwardIssue` is a request this one "is blocked by", `outwardIssue` one it "blocks".
 * Links of other types, and entries that do not read, are left out.
 */

const linkedIssueSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    fields: z
      .object({ summary: z.string().catch(''), status: z.object({ name: z.string() }).loose().optional() })
      .loose()
      .optional(),
  })
  .loose();

const issueLinkSchema = z
  .object({
    id: z.string(),
    type: z.object({ name: z.string().optional(), inward: z.string().optional() }).loose(),
    inwardIssue: linkedIssueSchema.optional(),
    outwardIssue: linkedIssueSchema.optional(),
  })
  .loose();

/** Jira Cloud's default "Blocks" type, by its name or (when an admin renamed it) its inward description. */
const isBlocksLink = (type: { name?: string; inward?: string }): boolean =>
  type.name?.toLowerCase() === 'blocks' || type.inward?.toLowerCase() === 'is blocked by';

const linkedRequest = (linkId: string, issue: z.infer<typeof linkedIssueSchema>): LinkedRequest => ({
  linkId,
  issueId: issue.id,
  key: issue.key,
  summary: issue.fields?.summary ?? '',
  status: issue.fields?.status?.name ?? '',
});

export const requestLinksFrom = (issuelinks: unknown): RequestLinks => {
  const entries = Array.isArray(issuelinks) ? issuelinks : [];
  const blockers: LinkedRequest[] = [];
  const dependents: LinkedRequest[] = [];
  for (const entry of entries) {
    const parsed = issueLinkSchema.safeParse(entry);
    if (!parsed.success || !isBlocksLink(parsed.data.type)) continue;
    const { id, inwardIssue, outwardIssue } = parsed.data;
    if (inwardIssue !== undefined) blockers.push(linkedRequest(id, inwardIssue));
    if (outwardIssue !== undefined) dependents.push(linkedRequest(id, outwardIssue));
  }
  return { blockers, dependents };
};
