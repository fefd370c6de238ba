import { z } from 'zod';
import { MANUAL_CHECK_CODES } from '../domain/flight-plan-record';
import {
  MAX_PRESS_ID,
  MAX_TEMPLATE_CHOICES,
  MAX_TEMPLATE_METRIC,
  MAX_TEMPLATE_NAME,
  MAX_TEMPLATE_WHY,
  type RequestTemplate,
  type TemplateChoice,
} from '../domain/templates';
import { expectedRevision } from './resolver-contract';

/** A stored template (`template:<id>`, or an entry of the older shared `templates` list). */
export const templateSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  fromKey: z.string(),
  fromIssueId: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  by: z.string(),
  at: z.string(),
  plan: z.object({
    dependencies: z.array(z.string()),
    events: z.array(z.string()),
    launchCriteria: z.string().optional(),
    definitionOfDone: z.string().optional(),
  }),
  assets: z.array(z.object({ type: z.string(), spec: z.string() })),
  qaNotes: z.partialRecord(z.enum(MANUAL_CHECK_CODES), z.string()),
  why: z.string().max(MAX_TEMPLATE_WHY).optional(),
  successMetric: z.string().max(MAX_TEMPLATE_METRIC).optional(),
}) satisfies z.ZodType<RequestTemplate>;

/** The page's id for one press of "Start from …" (`TemplateChoice.pressId`), bounded: it is stored with the choice. */
export const pressIdSchema = z.string().regex(new RegExp(`^[A-Za-z0-9-]{1,${MAX_PRESS_ID}}$`), {
  error: `The press of "Start from …" (pressId) must be at most ${MAX_PRESS_ID} letters, digits or dashes`,
});

/** One stored choice of template (stored alone, as the whole value, before a person's choices were kept as a list). */
export const templateChoiceSchema = z.object({
  projectId: z.string().min(1).max(18),
  templateId: z.string().min(1).max(100),
  at: z.iso.datetime(),
  startedIssueId: z.string().min(1).max(18).optional(),
  pressId: pressIdSchema.optional(),
}) satisfies z.ZodType<TemplateChoice>;

/** A requester's stored choices of template (`templatechoice:<accountId>`), the latest last; one that does not read counts as none. */
export const templateChoicesSchema = z.object({
  revision: z.number().int().min(1),
  choices: z.array(templateChoiceSchema).max(MAX_TEMPLATE_CHOICES),
});

export const saveTemplatePayloadSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'a template needs a name')
    .max(MAX_TEMPLATE_NAME, `Template name is at most ${MAX_TEMPLATE_NAME} characters`)
    // The name is offered as the new request's summary, which Jira keeps to one line; and an invisible name could not
    // be told from another in the list.
    .refine((name) => !/[\p{Cc}\p{Cf}]/u.test(name), 'Template name is one line of visible text: no line breaks or invisible characters')
    .refine((name) => /[\p{L}\p{N}]/u.test(name), 'Template name needs a letter or digit'),
  expectedRevision,
});
export const applyTemplatePayloadSchema = z.object({ templateId: z.string().min(1).max(100), expectedRevision });
export type SaveTemplatePayload = z.output<typeof saveTemplatePayloadSchema>;
export type ApplyTemplatePayload = z.output<typeof applyTemplatePayloadSchema>;
