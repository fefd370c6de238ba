import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx|mts|js)$/.test(name) ? [full] : [];
  });

const code = ['src', 'static', 'sandbox', 'scripts', 'test', 'bench']
  .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
  .map((file) => readFileSync(file, 'utf8'));

/** Whether any source file imports the package (or a subpath of it). */
const imported = (name: string): boolean => {
  const quoted = new RegExp(`(from |import\\(|require\\(|require\\.resolve\\()'${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/[^']*)?'`);
  return code.some((text) => quoted.test(text));
};

describe('package.json', () => {
  // Libraries are imported; tools (TypeScript, Vite, vitest, tsx, type packages) run from the scripts instead.
  it('lists no runtime dependency, Forge package or Atlaskit component that nothing imports', () => {
    const libraries = [
      ...Object.keys(packageJson.dependencies),
      ...Object.keys(packageJson.devDependencies).filter((name) => /^@(forge|atlaskit)\//.test(name)),
    ];
    expect(libraries.filter((name) => !imported(name))).toEqual([]);
  });
});
