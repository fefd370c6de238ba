import { z } from 'zod';
import type { AtRiskCandidate } from '../domain/forecast/at-risk';
import { STAGES } from '../domain/stages';
import { TIERS } from '../domain/tiers';
import { MAX_LOAD_FACTOR } from '../domain/forecast/builder-load';

/** People a team load keeps, heaviest first: a marketing team's builders, with room. */
export const MAX_TEAM_LOAD_SHOWN = 30;
/**
 * Person-and-project loads a summary keeps, so it stays a bounded value: all of them when they fit; past it, whole
 * people, each project's heaviest first, in rounds (see `keptLoads`), so a small project's people are not cut for a big
 * project's lighter ones.
 */
export const MAX_TEAM_LOAD_STORED = 300;
/** Most projects a forecast summary names, and most characters their keys take there (a KVS value holds 240 KiB). */
export const MAX_SUMMARY_PROJECTS = 2_000;
export const MAX_SUMMARY_PROJECT_CHARS = 32_000;
/**
 * Groups of left-out people a summary keeps, and projects a group names: a person's projects are a handful, so a few
 * kilobytes name them; people beyond are counted without their projects.
 */
export const MAX_LEFT_OUT_GROUPS = 100;
export const MAX_LEFT_OUT_PROJECTS = 20;

/** Failed property deletes a group keeps for the next refresh: with its `computedAt`, well inside the group's reserve. */
export const UNMIRRORED_PER_GROUP = 50;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const probability = z.number().min(0).max(1);

/**
 * One group of stored forecasts, by issue id: `[launchP50, launchP85, onTimeProbability, basis,
 * the due date the probability was computed against, the forecast property last mirrored to Jira
 * (its stamp; null before the first), and, only when its assignee's load stretched it, that load factor]`,
 * compact so that a group holds thousands of requests under the storage value limit.
 */
export const forecastGroupSchema = z.object({
  computedAt: z.string(),
  forecasts: z.record(
    z.string(),
    z.tuple(
      [date, date, probability.nullable(), z.number().int().min(0), date.nullable(), z.string().max(40).nullable()],
      // The load factor it allowed for, when its assignee's load stretched it (entries stored before it have none).
      z.number().min(1).max(MAX_LOAD_FACTOR),
    ),
  ),
  /** Requests no longer forecast whose forecast property Jira did not delete: the next refresh deletes it again. */
  unmirrored: z.array(z.string().max(40)).max(UNMIRRORED_PER_GROUP).optional(),
});
export type ForecastGroup = z.infer<typeof forecastGroupSchema>;

const atRiskCandidateSchema = z.object({
  id: z.string(),
  key: z.string(),
  tier: z.enum(TIERS).nullable(),
  stage: z.enum(STAGES),
  dueDate: date,
  launchP85: date,
  onTimeProbability: probability,
  owner: z.string().nullable(),
}) satisfies z.ZodType<AtRiskCandidate>;

const coverageLine = z.object({
  weeksAgo: z.number().int().min(1),
  /** Forecasts made then whose outcome is known now. */
  scored: z.number().int().min(0),
  p50Share: probability.nullable(),
  p85Share: probability.nullable(),
});
export type BacktestLine = z.infer<typeof coverageLine>;

/** What the refresh stores beside the forecasts: the team's figures and the at-risk candidates. */
export const forecastSummarySchema = z.object({
  version: z.literal(1),
  computedAt: z.string(),
  /** Launched requests the forecasts rest on. */
  basis: z.number().int().min(0),
  /**
   * The projects of the requests the team's figures (`basis`, `throughputNext4Weeks`, `backtest`) are computed over,
   * so that a view over fewer shows none of them; null when there are more than `MAX_SUMMARY_PROJECTS`. Absent in
   * summaries stored before it, which no scoped view can tell apart either.
   */
  projects: z.array(z.string().max(255)).max(MAX_SUMMARY_PROJECTS).nullable().optional(),
  throughputNext4Weeks: z.object({ p50: z.number().int().min(0), p85: z.number().int().min(0) }).nullable(),
  backtest: coverageLine.nullable(),
  atRisk: z.array(atRiskCandidateSchema),
  /**
   * For requests waiting for a triage decision, by issue id: `[launchP85 if accepted at the refresh, its chance of
   * launching by the date asked for (null without one)]`. Absent in summaries stored before it.
   */
  ifAccepted: z.record(z.string(), z.tuple([date, probability.nullable()])).optional(),
  /**
   * Each person's load at the refresh, per project, heaviest first within a project: `[project key, account id,
   * display name, Effort points still ahead, accepted requests]`. Per project, because a view may show only the
   * projects its viewer may browse. Absent in summaries stored before it (the earlier site-wide `teamLoad` is ignored).
   */
  teamLoadByProject: z
    .array(z.tuple([z.string().max(255), z.string().max(128), z.string().max(200), z.number().min(0), z.number().int().min(0)]))
    .max(MAX_TEAM_LOAD_STORED)
    .optional(),
  /**
   * People with a load whom `teamLoadByProject` does not keep (only when more loads were measured than it holds), by the
   * projects they hold a load in: `[project keys, people]`, so a view over several projects counts each person once.
   * The largest groups first, at most `MAX_LEFT_OUT_GROUPS`. Absent in summaries stored before it (an earlier
   * per-project count, `teamLoadLeftOut`, counted a person once per project and is ignored).
   */
  teamLoadPeopleLeftOut: z
    .array(z.tuple([z.array(z.string().max(255)).min(1).max(MAX_LEFT_OUT_PROJECTS), z.number().int().min(1)]))
    .max(MAX_LEFT_OUT_GROUPS)
    .optional(),
  /** People left out who are in no group of `teamLoadPeopleLeftOut` (past its groups, or in too many projects). */
  teamLoadLeftOutUncounted: z.number().int().min(0).optional(),
});
export type ForecastSummary = z.infer<typeof forecastSummarySchema>;
