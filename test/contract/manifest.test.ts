import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from '@forge/manifest';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as entryPoints from '../../src/index';
import { runForgeLint } from '../../scripts/forge-lint';

const MANIFEST_PATH = path.resolve(__dirname, '../../manifest.yml');
const manifest = parse(readFileSync(MANIFEST_PATH, 'utf8')) as {
  modules: { function: { key: string; handler: string }[] };
  app: { runtime: { name: string } };
};

describe('manifest.yml', () => {
  it('passes the @forge/manifest schema validation', async () => {
    const result = await validate(false, MANIFEST_PATH);
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
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
