import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Builds the three Custom UI resources and the sandbox's shell with Vite. `npm start` (the server's `--build-changed`)
 * leaves a bundle whose built page is newer than every file it is built from as it is, so a restart with nothing
 * changed builds nothing; `npm run build:ui` (and so `npm test`) builds every one.
 */

const ROOT = path.resolve(__dirname, '..');

/** Each bundle's Vite config and what it is built from: its own folder, the code it imports, the locked packages. */
export const BUNDLES: readonly { readonly config: string; readonly inputs: readonly string[] }[] = [
  ...['issue-panel', 'gadgets', 'admin'].map((app) => ({
    config: `static/${app}/vite.config.mts`,
    inputs: [`static/${app}`, 'static/shared', 'src', 'package-lock.json'],
  })),
  {
    config: 'sandbox/shell/vite.config.mts',
    inputs: ['sandbox/shell', 'sandbox/forge', 'sandbox/catalogue.ts', 'static/shared', 'src', 'package-lock.json'],
  },
];

/** The built page a bundle's config writes. */
const builtPage = (config: string): string => path.join(path.dirname(config), 'dist', 'index.html');

/** The newest modification time under `entry` (a file or a folder), leaving out build output. */
export const newestChange = (entry: string): number => {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry)
    .filter((name) => name !== 'dist' && name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stat.mtimeMs);
};

type Bundle = (typeof BUNDLES)[number];

/**
 * The bundles with no built page, or with an input changed after that page was written. The bundles share most of
 * their inputs (`src`, `static/shared`, the lock file), so each input is walked once for all of them, not once a bundle.
 */
export const staleBundles = (bundles: readonly Bundle[], root = ROOT, newest: (entry: string) => number = newestChange): Bundle[] => {
  const walked = new Map<string, number>();
  const newestOf = (input: string): number => {
    const known = walked.get(input);
    if (known !== undefined) return known;
    const found = newest(path.join(root, input));
    walked.set(input, found);
    return found;
  };
  return bundles.filter((bundle) => {
    const built = statSync(path.join(root, builtPage(bundle.config)), { throwIfNoEntry: false });
    return built === undefined || bundle.inputs.some((input) => newestOf(input) > built.mtimeMs);
  });
};

const VITE = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/** Builds each bundle (only the stale ones with `onlyChanged`); false when a build failed, after saying why on stderr. */
export const buildBundles = (onlyChanged: boolean): boolean =>
  (onlyChanged ? staleBundles(BUNDLES) : BUNDLES).every(
    (bundle) =>
      spawnSync(process.execPath, [VITE, 'build', '--config', bundle.config, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' })
        .status === 0,
  );

if (require.main === module && !buildBundles(process.argv.includes('--changed'))) process.exitCode = 1;
