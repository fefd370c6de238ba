import { loadJiraSpec } from '../../scripts/jira-openapi';
import { forgeRulesOf, readManifest } from '../../sandbox/app-host';
import { APP_FIELD_IDS, userByRole } from '../../sandbox/catalogue';
import { bareDemoSite, type DemoOptions } from '../../sandbox/demo-data';
import { JiraSite } from '../../sandbox/jira/rest';
import type { IssueEvent, RestCaller, SiteHooks } from '../../sandbox/jira/rest-shapes';
import type { ConfigWorkflow } from '../../sandbox/jira/site-config';
import { emptySite, SiteStore, type SiteData } from '../../sandbox/jira/site-state';
import { seedDemo, setUpProject, siteTransport } from '../../sandbox/seed';
import { createJiraApi } from '../../src/adapters/jira-api';
import { createJiraClient, SYNC_FUNCTION_POLICY } from '../../src/adapters/jira-client';
import { WORKFLOW } from '../../src/domain/project-setup/blueprint';
import type { JiraApi } from '../../src/use-cases/jira-port';
import { scratchDir } from '../fakes/scratch-dir';

export const ADMIN: RestCaller = { kind: 'user', accountId: userByRole('admin').accountId };
export const SITE_NOW = new Date('2026-06-10T12:00:00.000Z');

/** Atlassian's Jira spec, loaded once. This module imports nothing from vitest: the bench builds its sites with it. */
export const jiraSpec = loadJiraSpec();
const FORGE_RULES = forgeRulesOf(readManifest());

/** The hooks of a test site: the app's rules offered as on an installed site, every request checked against the spec. */
export const siteHooks = (hooks: Partial<SiteHooks> = {}): SiteHooks => ({
  now: () => SITE_NOW,
  validate: async () => ({ result: true }),
  validateCreate: async () => null,
  forgeRules: () => FORGE_RULES,
  deliver: () => undefined,
  requestProblem: jiraSpec.bodyProblem,
  ...hooks,
});

/**
 * A sandbox site in a temporary directory: the app's rules offered as on an installed site,
 * every request checked against Atlassian's spec, and validators answering as
 * the test says.
 */
export const sandboxSite = (hooks: Partial<SiteHooks> = {}, data: SiteData = emptySite()) => {
  const events: IssueEvent[] = [];
  const store = new SiteStore(scratchDir('site-'), data);
  const jira = new JiraSite(store, siteHooks({ deliver: (event) => events.push(event), ...hooks }));
  const call = (method: string, requestPath: string, body?: unknown, caller: RestCaller = ADMIN) =>
    jira.handle({ method, path: `/rest/api/3${requestPath}`, body, caller });
  return { jira, store, events, call };
};

/**
 * The fields the field configuration Set up project gives Marketing Requests marks required: without them the site
 * refuses the create, as Jira does (sandbox/jira/site-config.ts, createFormOf).
 */
export const REQUIRED_BRIEF = {
  description: 'A webinar for mid-market buyers, with a partner, to fill the Q3 pipeline.',
  duedate: '2026-07-31',
  [APP_FIELD_IDS.successMetric]: '120 MQLs within 30 days of launch',
};

/** A site whose MKT project the app's Set up project has set up. */
export const setUpSite = async (hooks: Partial<SiteHooks> = {}) => {
  const site = sandboxSite(hooks);
  await setUpProject(site.jira, site.store, 'MKT', SITE_NOW);
  return site;
};

/** The demo site, as `npm start` seeds it. */
export const demoSiteAt = async (options: DemoOptions): Promise<SiteData> => {
  const { jira, store } = sandboxSite({}, bareDemoSite());
  await seedDemo(jira, store, options);
  return store.data;
};

/** The app's Jira port on a sandbox site, as `caller` (the app, or a user), retrying at once. */
export const jiraApiOn = (jira: JiraSite, caller: RestCaller): JiraApi =>
  createJiraApi(
    createJiraClient({
      transport: siteTransport(jira, caller),
      sleep: async () => undefined,
      now: Date.now,
      random: () => 0,
      policy: SYNC_FUNCTION_POLICY,
    }),
  );

/**
 * Breaks Flight Plan's set-up workflow the way an admin editing it by hand might: the Launch transition loses its gate,
 * and the Create transition's validator gets an old expression ("true"). Setup must put both back. Answers the workflow
 * as it was.
 */
export const stripFlightPlanWorkflow = (data: SiteData): ConfigWorkflow => {
  const workflows = data.config.workflows;
  const before = workflows.find((candidate) => candidate.name === WORKFLOW.name);
  if (before === undefined) throw new Error('the site has no Flight Plan workflow to strip');
  const transitions = before.transitions.map((transition) =>
    transition.name === 'Launch'
      ? { ...transition, validators: [] }
      : transition.type === 'INITIAL'
        ? {
            ...transition,
            validators: transition.validators.map((rule) => ({
              ...rule,
              parameters: { ...rule.parameters, config: '{"expression":"true"}' },
            })),
          }
        : transition,
  );
  workflows.splice(workflows.indexOf(before), 1, { ...before, transitions });
  return before;
};
