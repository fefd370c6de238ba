import { z } from 'zod';
import { JIRA_ROUTES } from '../contracts/jira-routes';
import { parseStoredConfig, type ConfigErrorCode } from '../contracts/app-config.schema';
import type { AdminCode, SetupCode } from '../contracts/resolvers';
import type { AppConfig } from '../domain/app-config';
import type { AppInstall } from '../domain/app-fields';
import { intakeCreateContextVariables, intakeCreateRule, type IntakeCreateRule } from '../domain/intake-create-expression';
import { nextStep } from '../domain/project-setup/next-step';
import { afterStep, planAll, setupDrift } from '../domain/project-setup/plan';
import type { SetupSnapshot } from '../domain/project-setup/snapshot';
import type { SetupBlock, SetupStep } from '../domain/project-setup/steps';
import { failure, ok, type Failure, type Result } from '../domain/result';
import { namesOf, type AdminDeps } from './admin-config';
import { storageKeys, type AppStore } from './ports';
import type { JiraFailure } from './jira-port';
import type { SetupApi } from './setup-port';
import type { SetupChecksView, StepView, SetupPlanView, SetupRunView, SetUpProjectCheck } from '../contracts/views/admin';

export interface SetupDeps extends AdminDeps {
  /** Jira as the admin who asked (`asUser`): Jira applies their permissions to every change. */
  readonly setup: SetupApi;
  /** The app and environment running, to tell its workflow rules and fields from other apps' and other environments'. */
  readonly install: AppInstall;
}

/** A project set up by the app, for the audit's check of its workflows. */
const setUpEntrySchema = z.object({ projectId: z.string(), at: z.string(), by: z.string() });
type SetUpEntry = z.infer<typeof setUpEntrySchema>;

/**
 * The projects set up, by project key, first set up first: each from its own key, and from the one map earlier versions
 * kept, read entry by entry (a project's own key, written later, wins). An unreadable value or entry is passed over
 * alone, never the rest.
 */
const readSetUpProjects = async (store: AppStore): Promise<[projectKey: string, entry: SetUpEntry][]> => {
  const [own, legacy] = await Promise.all([store.list(storageKeys.setUpProjectsPrefix), store.getMany([storageKeys.legacySetUpProjects])]);
  const legacyMap = legacy.get(storageKeys.legacySetUpProjects);
  const entries = new Map<string, unknown>([
    ...(typeof legacyMap === 'object' && legacyMap !== null && !Array.isArray(legacyMap) ? Object.entries(legacyMap) : []),
    ...[...own].map(([key, value]): [string, unknown] => [key.slice(storageKeys.setUpProjectsPrefix.length), value]),
  ]);
  return [...entries]
    .flatMap(([projectKey, raw]) => {
      const entry = setUpEntrySchema.safeParse(raw);
      return entry.success ? [[projectKey, entry.data] as [string, SetUpEntry]] : [];
    })
    .sort(([keyA, a], [keyB, b]) => a.at.localeCompare(b.at) || keyA.localeCompare(keyB));
};

const viewOf = (step: SetupStep): StepView => {
  const route = JIRA_ROUTES[step.request.route];
  // A dry run's placeholder ids are not path-safe; they are shown as written.
  const path = route.path.replace(/\{(\w+)\}/g, (_, key: string) => step.request.params?.[key] ?? `{${key}}`);
  return { kind: step.kind, summary: step.summary, method: route.method, path, body: step.request.body };
};

/** What Jira has now for a project, with the Create rule the configuration gives today. */
const readSnapshot = async (deps: SetupDeps, projectKey: string, config: AppConfig): Promise<Result<SetupSnapshot, JiraFailure>> => {
  const snapshot = await deps.setup.readSnapshot(projectKey, deps.install);
  if (!snapshot.ok) return snapshot;
  const { successMetric, impact, risk } = snapshot.value.appFieldIds;
  const createRule = successMetric && impact && risk ? intakeCreateRule(config, { successMetric, impact, risk }) : null;
  return ok({ ...snapshot.value, createRule });
};

/**
 * Asks Jira whether it would accept the Create rule's expression, with the `config` variable it
 * will have: Jira's errors, empty when it would accept it. A validator whose expression Jira cannot
 * evaluate refuses every Create, so a rule Jira would reject is never written.
 */
const jiraErrorsOfCreateRule = async (deps: SetupDeps, rule: IntakeCreateRule | null): Promise<Result<readonly string[], JiraFailure>> =>
  rule === null ? ok([]) : deps.setup.analyseExpression(rule.expression, intakeCreateContextVariables(rule));

const REFUSED_HEAD = 'Jira would refuse the intake rule on Create';

type Prepared = {
  readonly snapshot: SetupSnapshot;
  readonly read: () => Promise<Result<SetupSnapshot, Failure<SetupCode>>>;
  readonly refused: Failure<SetupBlock> | null;
};

/** Checks the payload and the configuration, then reads what Jira has now (the admin page checked the caller). */
const prepare = async (deps: SetupDeps, typedKey: string): Promise<Result<Prepared, Failure<SetupCode>>> => {
  const stored = parseStoredConfig((await deps.store.getMany([storageKeys.config])).get(storageKeys.config));
  if (!stored.ok) return stored;
  const projectKey = typedKey.toUpperCase();
  const read = async (): Promise<Result<SetupSnapshot, Failure<SetupCode>>> => {
    const snapshot = await readSnapshot(deps, projectKey, stored.value.config);
    return !snapshot.ok && snapshot.error.code === 'JIRA.NOT_FOUND'
      ? failure('SETUP.PROJECT_NOT_FOUND', `There is no project ${projectKey}, or you cannot administer it.`)
      : snapshot;
  };
  const first = await read();
  if (!first.ok) return first;
  const errors = await jiraErrorsOfCreateRule(deps, first.value.createRule);
  if (!errors.ok) return errors;
  const refused: Failure<SetupBlock> | null =
    errors.value.length === 0
      ? null
      : { code: 'SETUP.EXPRESSION_REFUSED', message: `${REFUSED_HEAD}, so setup does not write it: ${errors.value.join('; ')}.` };
  return ok({ snapshot: first.value, read, refused });
};

const projectOf = (snapshot: SetupSnapshot): SetupPlanView['project'] => ({
  key: snapshot.project.key,
  name: snapshot.project.name,
  companyManaged: snapshot.project.companyManaged,
});

/** The dry run: every change setup would make to the project, and nothing sent but reads. */
export const planProjectSetup = async (deps: SetupDeps, projectKey: string): Promise<Result<SetupPlanView, Failure<SetupCode>>> => {
  const prepared = await prepare(deps, projectKey);
  if (!prepared.ok) return prepared;
  const plan = planAll(prepared.value.snapshot);
  const blocked = prepared.value.refused ?? plan.blocked;
  return ok({ project: projectOf(prepared.value.snapshot), steps: plan.steps.map(viewOf), ...(blocked ? { blocked } : {}) });
};

/**
 * Set-up projects are remembered for the audit, which checks their workflows still carry every gate: one write to the
 * project's own key, nothing read first, so no setup of another project can be lost between a read and this write.
 */
const remember = async (deps: SetupDeps, snapshot: SetupSnapshot, accountId: string): Promise<void> => {
  const entry: SetUpEntry = { projectId: snapshot.project.id, at: deps.now.toISOString(), by: accountId };
  await deps.store.set(storageKeys.setUpProject(snapshot.project.key), entry);
};

/**
 * Steps per invocation. A fresh project needs about 20, each a Jira write of a few hundred
 * milliseconds, and a resolver has 25 s: the page runs setup again until it is done.
 */
export const STEPS_PER_RUN = 12;

const STILL_SWITCHING =
  'Jira is still switching the workflow scheme (it runs as a background task). Run setup again in a minute: it carries on once the switch has finished.';
/** A write that timed out: the next run reads Jira first and finds by name whatever it made. */
const MAY_HAVE_APPLIED =
  'Jira did not answer in time, and may have made this change. Run setup again: it reads what Jira has first, so nothing is made twice.';

/**
 * Applies the plan one step at a time, folding each answer into the snapshot, and stops at the first
 * failure with what was done and what is left. Run again, it reads Jira afresh and goes on from there.
 */
export const applyProjectSetup = async (
  deps: SetupDeps,
  accountId: string,
  projectKey: string,
): Promise<Result<SetupRunView, Failure<SetupCode>>> => {
  const prepared = await prepare(deps, projectKey);
  if (!prepared.ok) return prepared;
  const { read } = prepared.value;
  let snapshot = prepared.value.snapshot;
  const done: StepView[] = [];
  const stop = (extra: Pick<SetupRunView, 'failed' | 'blocked'>): SetupRunView => ({
    project: projectOf(snapshot),
    outcome: 'stopped',
    done,
    ...extra,
    remaining: planAll(snapshot).steps.map(viewOf),
    requests: deps.setup.requests(),
  });

  if (prepared.value.refused !== null) return ok(stop({ blocked: prepared.value.refused }));
  for (;;) {
    const next = nextStep(snapshot);
    if (next.kind === 'blocked') return ok(stop({ blocked: next.failure }));
    if (next.kind === 'done') break;
    if (done.length === STEPS_PER_RUN) {
      return ok({
        project: projectOf(snapshot),
        outcome: 'partial',
        done,
        remaining: planAll(snapshot).steps.map(viewOf),
        requests: deps.setup.requests(),
      });
    }
    const sent = await deps.setup.send(next.step);
    if (!sent.ok || sent.value.problems.length > 0) {
      const message = sent.ok
        ? `Jira refused it: ${sent.value.problems.join('; ')}`
        : sent.error.mayHaveApplied
          ? MAY_HAVE_APPLIED
          : sent.error.message;
      return ok(stop({ failed: { step: viewOf(next.step), message } }));
    }
    if (sent.value.stillRunning) return ok(stop({ failed: { step: viewOf(next.step), message: STILL_SWITCHING } }));
    done.push(viewOf(next.step));
    const assumed = afterStep(snapshot, next.step, sent.value.createdId);
    if (assumed !== null) {
      snapshot = assumed;
    } else {
      const fresh = await read();
      if (!fresh.ok)
        return ok(stop({ failed: { step: viewOf(next.step), message: `done, but reading Jira again failed: ${fresh.error.message}` } }));
      snapshot = fresh.value;
    }
  }

  if (done.length === 0) {
    await remember(deps, snapshot, accountId);
    return ok({ project: projectOf(snapshot), outcome: 'unchanged', done, remaining: [], requests: deps.setup.requests() });
  }
  // Trust Jira, not the folded snapshot: read once more and check nothing is left.
  const verified = await read();
  if (!verified.ok) return verified;
  snapshot = verified.value;
  const left = nextStep(snapshot);
  if (left.kind === 'blocked') return ok(stop({ blocked: left.failure }));
  if (left.kind === 'step') {
    return ok(stop({ failed: { step: viewOf(left.step), message: STILL_SWITCHING } }));
  }
  await remember(deps, snapshot, accountId);
  return ok({ project: projectOf(snapshot), outcome: 'set-up', done, remaining: [], requests: deps.setup.requests() });
};

/**
 * Projects checked per audit: each costs about 15 Jira reads in five rounds. Four are read at a
 * time, so twenty fit in a resolver's 25 s even at a few hundred milliseconds a round.
 */
const MAX_CHECKED_PROJECTS = 20;
const PROJECTS_READ_AT_ONCE = 4;

/**
 * The audit's check of every project setup finished: are the gate validators still on their
 * transitions, and does the project still use the Flight Plan workflow and screens?
 */
export const checkSetUpProjects = async (deps: SetupDeps): Promise<Result<SetupChecksView, Failure<AdminCode | ConfigErrorCode>>> => {
  const stored = parseStoredConfig((await deps.store.getMany([storageKeys.config])).get(storageKeys.config));
  if (!stored.ok) return stored;
  const projects = (await readSetUpProjects(deps.store)).slice(0, MAX_CHECKED_PROJECTS);
  const check = async ([projectKey, entry]: (typeof projects)[number]): Promise<SetUpProjectCheck> => {
    const snapshot = await readSnapshot(deps, projectKey, stored.value.config);
    if (!snapshot.ok) {
      const finding =
        snapshot.error.code === 'JIRA.NOT_FOUND'
          ? `${projectKey} no longer exists, or you cannot administer it`
          : `could not be read: ${snapshot.error.message}`;
      return { projectKey, setUpAt: entry.at, setUpBy: entry.by, findings: [finding] };
    }
    const errors = await jiraErrorsOfCreateRule(deps, snapshot.value.createRule);
    const refused = !errors.ok
      ? [`could not ask Jira about the intake rule on Create: ${errors.error.message}`]
      : errors.value.length > 0
        ? [`${REFUSED_HEAD}: ${errors.value.join('; ')}`]
        : [];
    const findings = [...refused, ...setupDrift(snapshot.value)];
    return { projectKey, setUpAt: entry.at, setUpBy: entry.by, findings };
  };
  const checks: SetUpProjectCheck[] = [];
  for (let start = 0; start < projects.length; start += PROJECTS_READ_AT_ONCE)
    checks.push(...(await Promise.all(projects.slice(start, start + PROJECTS_READ_AT_ONCE).map(check))));
  return ok({
    projects: checks,
    people: await namesOf(
      deps,
      checks.map((check) => check.setUpBy),
    ),
  });
};
