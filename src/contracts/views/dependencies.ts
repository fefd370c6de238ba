import { z } from 'zod';

/** One request at the other end of a dependency, as the panel lists it. */
export interface DependencyEntry {
  /** The Jira link's id: what removing the dependency deletes. */
  readonly linkId: string;
  readonly key: string;
  readonly summary: string;
  /** The stage's name, or Jira's status name when it is on no stage. */
  readonly stage: string;
  readonly launched: boolean;
}

/** The panel's Dependencies: what the request is blocked by and what it blocks; whether the viewer may change them. */
export interface DependenciesView {
  /** Those the viewer may browse; the others are only counted in `unseen`. */
  readonly blockedBy: readonly DependencyEntry[];
  readonly blocks: readonly DependencyEntry[];
  /**
   * Blockers linked in the panel whose link was then removed outside it (in Jira's own view or API), which the viewer
   * may browse: the QA gate holds until the owner or a triage lead confirms each removal (`canRemoveUnlaunched`).
   */
  readonly unlinked: readonly { readonly id: string; readonly key: string }[];
  /** Linked requests the viewer may not browse: blockers not launched, requests waiting on this one, and unlinked blockers. */
  readonly unseen: { readonly blockedBy: number; readonly blocks: number; readonly unlinked: number };
  readonly canEdit: boolean;
  /**
   * Whether the viewer may also remove a blocker that has not launched: the request's owner or a triage lead
   * (`isOwnerOrTriageLead`). Any editor removes a launched one.
   */
  readonly canRemoveUnlaunched: boolean;
}

/** A request the picker offers, found by key or summary. */
export interface DependencyCandidate {
  readonly key: string;
  readonly summary: string;
}

/** Jira's issue key form: a project key, a hyphen, a number. */
export const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

export const dependencySearchSchema = z.object({ query: z.string().trim().min(2, 'type at least 2 characters').max(200) });
export const dependencyAddSchema = z.object({
  key: z
    .string()
    .trim()
    .transform((key) => key.toUpperCase())
    .pipe(z.string().regex(ISSUE_KEY, 'a request key looks like MKT-12')),
});
export const dependencyRemoveSchema = z.object({ linkId: z.string().regex(/^\d{1,18}$/, 'not a dependency of this request') });
/**
 * Confirms the removal of a blocker whose link went outside the panel: the blocker's issue id, or none for every such
 * blocker the caller may not browse (counted, never named, so they are confirmed together; a deleted one is among them).
 */
export const dependencyConfirmUnlinkedSchema = z.object({
  issueId: z
    .string()
    .regex(/^\d{1,18}$/, 'not a dependency of this request')
    .optional(),
});
export type DependencyConfirmUnlinkedPayload = z.output<typeof dependencyConfirmUnlinkedSchema>;
export type DependencySearchPayload = z.output<typeof dependencySearchSchema>;
export type DependencyAddPayload = z.output<typeof dependencyAddSchema>;
export type DependencyRemovePayload = z.output<typeof dependencyRemoveSchema>;
