import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLES, newestChange, staleBundles } from '../../scripts/build-ui';

/** `npm start` builds only the bundles whose sources changed since their last build (issue 15: a faster start). */
describe('which Custom UI bundles npm start rebuilds', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

  const panel = { config: 'static/issue-panel/vite.config.mts', inputs: ['static/issue-panel', 'static/shared', 'src'] };
  const isStale = (bundle: typeof panel, root: string) => staleBundles([bundle], root).length > 0;
  /** A checkout with the panel's sources written at `sourcesAt` and, when `builtAt` is given, its page built then. */
  const checkout = (sourcesAt: number, builtAt?: number) => {
    const root = mkdtempSync(path.join(tmpdir(), 'build-ui-'));
    roots.push(root);
    const write = (file: string, at: number) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), 'x');
      utimesSync(path.join(root, file), at, at);
    };
    for (const file of ['static/issue-panel/src/Panel.tsx', 'static/shared/people.ts', 'src/domain/tiers.ts']) write(file, sourcesAt);
    if (builtAt !== undefined) write('static/issue-panel/dist/index.html', builtAt);
    // Folders too: a file deleted from one changes only the folder's time.
    for (const folder of ['static/issue-panel/src', 'static/issue-panel', 'static/shared', 'src/domain', 'src'])
      utimesSync(path.join(root, folder), sourcesAt, sourcesAt);
    return { root, write };
  };

  it('builds a bundle never built, and leaves one built after its last change', () => {
    expect(isStale(panel, checkout(1_000).root)).toBe(true);
    expect(isStale(panel, checkout(1_000, 2_000).root)).toBe(false);
  });

  it('builds again when its own code, the shared code or the domain it imports changed, but not for its own output', () => {
    for (const file of ['static/issue-panel/src/Panel.tsx', 'static/shared/people.ts', 'src/domain/tiers.ts']) {
      const { root, write } = checkout(1_000, 2_000);
      write(file, 3_000);
      expect(isStale(panel, root), file).toBe(true);
    }
    const { root, write } = checkout(1_000, 2_000);
    write('static/issue-panel/dist/assets/Panel.js', 3_000);
    expect(isStale(panel, root)).toBe(false);
  });

  it('walks each input once for all the bundles that share it, not once a bundle', () => {
    const { root, write } = checkout(1_000, 2_000);
    const gadgets = { config: 'static/gadgets/vite.config.mts', inputs: ['static/shared', 'src', 'static/gadgets'] };
    write('static/gadgets/dist/index.html', 2_000);
    write('static/gadgets/src/HealthGadget.tsx', 3_000);
    const walks: string[] = [];
    const stale = staleBundles([panel, gadgets], root, (entry) => {
      walks.push(path.relative(root, entry));
      return newestChange(entry);
    });
    // The gadgets changed after their last build; the panel did not.
    expect(stale).toEqual([gadgets]);
    expect(walks.sort()).toEqual(['src', 'static/gadgets', 'static/issue-panel', 'static/shared']);
  });

  it('knows each bundle the sandbox serves, each built from the app code it imports', () => {
    expect(BUNDLES.map((bundle) => bundle.config)).toEqual([
      'static/issue-panel/vite.config.mts',
      'static/gadgets/vite.config.mts',
      'static/admin/vite.config.mts',
      'sandbox/shell/vite.config.mts',
    ]);
    for (const bundle of BUNDLES) expect(bundle.inputs).toEqual(expect.arrayContaining(['src', 'static/shared', 'package-lock.json']));
  });
});
