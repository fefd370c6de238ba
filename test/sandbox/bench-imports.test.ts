import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/** The test helpers the bench imports (`from '../test/…'` in bench/*.ts). */
const helpersTheBenchImports = (): string[] => {
  const helpers = new Set<string>();
  for (const file of readdirSync(path.join(root, 'bench')).filter((name) => name.endsWith('.ts')))
    for (const [, helper] of readFileSync(path.join(root, 'bench', file), 'utf8').matchAll(/from '\.\.\/(test\/[^']+)'/g))
      helpers.add(`./${helper}.ts`);
  return [...helpers].sort();
};

describe('the bench', () => {
  it('loads the test helpers it uses outside vitest, as `npm run bench` runs them', () => {
    // vitest refuses to load outside its runner: when sandbox-site.ts imported `expect`, `npm run bench` died at start.
    const helpers = helpersTheBenchImports();
    expect(helpers).toContain('./test/sandbox/sandbox-site.ts');
    const script = helpers.map((helper) => `require(${JSON.stringify(helper)});`).join('\n');
    expect(() =>
      execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8', stdio: 'pipe' }),
    ).not.toThrow();
  });
});
