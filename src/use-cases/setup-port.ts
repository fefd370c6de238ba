import type { AppInstall } from '../domain/app-fields';
import type { SetupSnapshot } from '../domain/project-setup/snapshot';
import type { SetupStep } from '../domain/project-setup/steps';
import type { Result } from '../domain/result';
import type { JiraFailure } from './jira-port';

/** Jira's project configuration as Set up project needs it; `src/adapters/jira-setup-api.ts` implements it. */
export interface SetupApi {
  /** What Jira has now for `projectKey`, everything but the Create rule (the use case adds it); `install`'s own rules and fields only. */
  readSnapshot(projectKey: string, install: AppInstall): Promise<Result<Omit<SetupSnapshot, 'createRule'>, JiraFailure>>;
  /**
   * Sends a step (its validation first): the id Jira gave what it created, when it answers with one;
   * `stillRunning` when Jira took the step as a task that had not finished when setup stopped waiting.
   */
  send(step: SetupStep): Promise<Result<SentStep, JiraFailure>>;
  /**
   * What Jira says of an expression before it is written (`POST /expression/analyse` with
   * `check=type`: syntax, Jira's limits and types), given the types of the context variables it
   * reads beyond Jira's common ones: Jira's errors, empty when Jira would accept it.
   */
  analyseExpression(
    expression: string,
    contextVariables: Readonly<Record<string, string>>,
  ): Promise<Result<readonly string[], JiraFailure>>;
  /** The number of requests sent so far, for the run's report. */
  readonly requests: () => number;
}

interface SentStep {
  readonly createdId: string | null;
  readonly problems: readonly string[];
  readonly stillRunning?: true;
}
