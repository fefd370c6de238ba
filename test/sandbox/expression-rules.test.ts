import { describe, expect, it } from 'vitest';
import { passesTriggerFilter, readManifest, runExpressionValidator } from '../../sandbox/app-host';
import { APP_FIELD_IDS, userByRole } from '../../sandbox/catalogue';
import type { SiteHooks } from '../../sandbox/jira/rest-shapes';
import { ISSUE_TYPE } from '../../src/domain/project-setup/blueprint';
import { UNCONFIGURED_CREATE_EXPRESSION } from '../../src/domain/intake-create-expression';
import { REQUIRED_BRIEF, setUpSite, SITE_NOW } from './sandbox-site';

const manifest = readManifest();
const validatorModule = (key: string) => manifest.modules['jira:workflowValidator']!.find((module) => module.key === key)!;
const trigger = manifest.modules['trigger']!.find((module) => module.key === 'issue-changed')!;

/** The site's Create hook as the sandbox server wires it: the app's expression validator, run by the sandbox's Jira. */
const JIRA_RUNS_THE_RULE: Partial<SiteHooks> = {
  validateCreate: async (moduleKey, ruleConfig, issue, accountId) =>
    runExpressionValidator(validatorModule(moduleKey), ruleConfig, issue, accountId, SITE_NOW),
};

const owner = userByRole('builder').accountId;
const BRIEF = {
  project: { key: 'MKT' },
  issuetype: { name: ISSUE_TYPE.name },
  summary: 'Spring webinar',
  description: 'A webinar for mid-market buyers, with a partner, to fill the Q3 pipeline.',
  duedate: '2026-07-31',
  assignee: { accountId: owner },
  [APP_FIELD_IDS.successMetric]: '120 MQLs within 30 days of launch',
};

describe('the sandbox runs the Create rule Set up project wrote, as Jira does', () => {
  it("evaluates the rule's expression with its configuration: a complete brief is created, a thin one refused with the rule's message", async () => {
    const { call } = await setUpSite(JIRA_RUNS_THE_RULE);
    expect((await call('POST', '/issue', { fields: BRIEF })).status).toBe(201);
    // Every field the rule reads is there (the field configuration requires them first), and each is too thin.
    expect(
      await call('POST', '/issue', {
        fields: { ...BRIEF, description: 'Short.', duedate: '2026-06-11', [APP_FIELD_IDS.successMetric]: 'more leads' },
      }),
    ).toEqual({
      status: 400,
      body: {
        errorMessages: [
          expect.stringMatching(/^Intake gate: business context too short \(6 of 40 characters\); .*requested launch date too soon: /),
        ],
        errors: {},
      },
    });
  });

  it("refuses every Create when the rule's expression is over Jira's limits, as a validator that fails to evaluate does", async () => {
    const site = await setUpSite(JIRA_RUNS_THE_RULE);
    const workflow = site.store.data.config.workflows.find((candidate) => candidate.name === 'Flight Plan: Marketing Request')!;
    const create = workflow.transitions.find((transition) => transition.type === 'INITIAL')!;
    const rule = create.validators[0]!;
    const config = JSON.parse(String(rule.parameters['config'])) as { expression: string };
    // The same rule with its expression padded past 1,000 characters: it would pass anything otherwise.
    (rule.parameters as Record<string, unknown>)['config'] = JSON.stringify({ ...config, expression: `true || "${'x'.repeat(1000)}"` });
    expect(await site.call('POST', '/issue', { fields: BRIEF })).toEqual({
      status: 400,
      body: { errorMessages: ['The transition was refused by a validator.'], errors: {} },
    });
  });

  it("runs the manifest's expression while the rule has no configuration: Create is refused with where to set it up", () => {
    const issue = { properties: {} } as never;
    expect(runExpressionValidator(validatorModule('intake-gate-on-create'), null, issue, null, SITE_NOW)).toBe(
      JSON.parse(UNCONFIGURED_CREATE_EXPRESSION),
    );
  });
});

describe("the issue trigger's manifest filter", () => {
  it('is a Jira expression on the issue type, within the event filter limits, with ignoreSelf', () => {
    const filter = trigger['filter'] as { expression: string; ignoreSelf: boolean; onError: string };
    expect(filter.ignoreSelf).toBe(true);
    expect(filter.expression).toContain(`'${ISSUE_TYPE.name}'`);
    expect(filter.expression.length).toBeLessThan(10_000);
    // On a filter error the event still comes, and the handler checks the type itself.
    expect(filter.onError).toBe('RECEIVE_AND_LOG');
  });

  it('lets through the events of Marketing Requests and drops the others, on the events the sandbox sends', async () => {
    const site = await setUpSite();
    await site.call('POST', '/issue', {
      fields: { project: { key: 'MKT' }, issuetype: { name: ISSUE_TYPE.name }, summary: 'Request', ...REQUIRED_BRIEF },
    });
    await site.call('POST', '/issue', { fields: { project: { key: 'MKT' }, issuetype: { name: 'Task' }, summary: 'Chore' } });
    expect(site.events.map((event) => [event.issue.key, passesTriggerFilter(trigger, event, SITE_NOW)])).toEqual([
      ['MKT-1', true],
      ['MKT-2', false],
    ]);
  });

  it("reads the issue type under either spelling Atlassian's docs give (issuetype in payloads, issueType in the type reference)", () => {
    const event = (fields: Record<string, unknown>) => ({ eventType: 'avi:jira:updated:issue', issue: { id: '1', key: 'MKT-1', fields } });
    expect(passesTriggerFilter(trigger, event({ issuetype: { name: ISSUE_TYPE.name } }), SITE_NOW)).toBe(true);
    expect(passesTriggerFilter(trigger, event({ issueType: { name: ISSUE_TYPE.name } }), SITE_NOW)).toBe(true);
    expect(passesTriggerFilter(trigger, event({ issuetype: { name: 'Bug' } }), SITE_NOW)).toBe(false);
    expect(passesTriggerFilter(trigger, event({}), SITE_NOW)).toBe(false);
  });

  it('delivers on a filter error only when onError says to receive', () => {
    const broken = (onError?: string) => ({
      key: 't',
      filter: { expression: 'event.issue.fields.issuetype.name == 1', ...(onError ? { onError } : {}) },
    });
    const event = { issue: { fields: { issuetype: { name: 'Bug' } } } };
    expect(passesTriggerFilter(broken(), event, SITE_NOW)).toBe(false);
    expect(passesTriggerFilter(broken('RECEIVE'), event, SITE_NOW)).toBe(true);
  });
});
