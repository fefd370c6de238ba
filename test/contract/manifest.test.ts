import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from '@forge/manifest';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as entryPoints from '../../src/index';
import { runForgeLint } from '../../scripts/forge-lint';
import { ISSUE_TYPE } from '../../src/domain/project-setup/blueprint';

const MANIFEST_PATH = path.resolve(__dirname, '../../manifest.yml');
const manifest = parse(readFileSync(MANIFEST_PATH, 'utf8')) as {
  modules: { function: { key: string; handler: string }[] };
  app: { runtime: { name: string } };
  permissions: { scopes: Record<string, { allowImpersonation?: boolean }> };
};

describe('manifest.yml', () => {
  it('passes the @forge/manifest schema validation', async () => {
    const result = await validate(false, MANIFEST_PATH);
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('allows offline user impersonation on read:jira-work alone: the refresh searches a JQL gadget as its viewer', () => {
    const impersonating = Object.entries(manifest.permissions.scopes).filter(([, options]) => options.allowImpersonation === true);
    expect(impersonating.map(([scope]) => scope)).toEqual(['read:jira-work']);
  });

  it('runs on nodejs24.x', () => {
    expect(manifest.app.runtime.name).toBe('nodejs24.x');
  });

  it('points every function at an export of src/index.ts, and index.ts exports nothing else', () => {
    const handlers = manifest.modules.function.map((fn) => fn.handler);
    for (const handler of handlers) expect(handler).toMatch(/^index\.\w+$/);
    expect(handlers.map((h) => h.replace('index.', '')).sort()).toEqual(Object.keys(entryPoints).sort());
  });

  it('passes the Forge linter, run offline, with zero errors and zero warnings', async () => {
    const report = await runForgeLint();
    expect(report.lines.join('\n')).toContain('No issues found');
    expect({ errors: report.errors, warnings: report.warnings }).toEqual({ errors: 0, warnings: 0 });
  });
});

describe('manifest.yml: the modules as Jira shows them', () => {
  const modules = manifest.modules as unknown as Record<string, Record<string, unknown>[]>;
  const moduleOf = (type: string, key: string): Record<string, unknown> => {
    const found = modules[type]?.find((candidate) => candidate['key'] === key);
    if (found === undefined) throw new Error(`manifest.yml has no ${type} ${key}`);
    return found;
  };

  // Display conditions: developer.atlassian.com/platform/forge/manifest-reference/display-conditions/jira ("issueType" matches the type's name).
  it('shows the panel and the badge on Marketing Requests only', () => {
    expect(moduleOf('jira:issuePanel', 'flight-plan-panel')['displayConditions']).toEqual({ issueType: ISSUE_TYPE.name });
    expect(moduleOf('jira:issueContext', 'flight-plan-badge')['displayConditions']).toEqual({ issueType: ISSUE_TYPE.name });
  });

  // jira:issueContext: without `status` nothing shows collapsed; `dynamicProperties: { function }` returns it.
  it('gives the collapsed badge a status from a dynamicProperties function that src/index.ts exports', () => {
    const { function: functionKey } = moduleOf('jira:issueContext', 'flight-plan-badge')['dynamicProperties'] as { function: string };
    const declared = manifest.modules.function.find((fn) => fn.key === functionKey);
    expect(declared?.handler).toBe('index.gateBadgeStatus');
    expect(typeof entryPoints.gateBadgeStatus).toBe('function');
  });

  // jira:dashboardGadget: JIRA_DASHBOARD_GADGET_REFRESH reaches a gadget only with `refreshable: false`.
  it("lets every gadget handle Jira's refresh event", () => {
    for (const gadget of modules['jira:dashboardGadget'] ?? []) expect(gadget['refreshable'], String(gadget['key'])).toBe(false);
  });

  // jira:customField: the validation expression and message sit under `edit.validation`.
  it("puts the custom fields' validation under edit", () => {
    const fields = modules['jira:customField'] ?? [];
    for (const field of fields) expect(field, String(field['key'])).not.toHaveProperty('validation');
    const validated = fields
      .filter((field) => (field['edit'] as { validation?: unknown } | undefined)?.validation !== undefined)
      .map((field) => field['key']);
    expect(validated).toEqual(['fp-impact', 'fp-confidence', 'fp-effort', 'fp-risk']);
  });
});
