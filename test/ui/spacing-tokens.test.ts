import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');

/** Every style sheet of the Custom UI: each app's and the shared one. */
const SHEETS = readdirSync(path.join(ROOT, 'static')).flatMap((app) => {
  const folder = app === 'shared' ? 'static/shared' : `static/${app}/src`;
  const full = path.join(ROOT, folder);
  try {
    return readdirSync(full)
      .filter((name) => name.endsWith('.css'))
      .map((name) => `${folder}/${name}`);
  } catch {
    return [];
  }
});

/** A spacing declaration wherever it stands: on its own line, or inside a one-line rule like `a{margin:3px}`. */
const SPACING = /(?:^|[{;\s])((?:row-|column-)?gap|padding(?:-[a-z]+)*|margin(?:-[a-z]+)*)\s*:\s*([^;{}]*[^;{}\s])/g;
/** A design token with its fallback, `var(--ds-space-100, 8px)`: the only place a px length may stand in spacing. */
const TOKEN = /var\(--ds-space-[a-z0-9-]+,\s*-?\d+(?:\.\d+)?px\)/g;

/** Gaps, paddings and margins whose value has a length in px outside a design token's fallback. */
const rawSpacing = (css: string): string[] =>
  [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(SPACING)]
    .filter(([, , value = '']) => /\b\d+(?:\.\d+)?px\b/.test(value.replace(TOKEN, '')))
    .map(([, property, value]) => `${property}: ${value}`);

/**
 * Issues 15 and 16: the Custom UI spaces on Atlassian's design tokens (`--ds-space-050` 4 px … `--ds-space-300` 24 px,
 * the names @atlaskit/tokens defines), so it keeps Jira's rhythm and follows its density; a raw pixel value is allowed
 * only as a token's fallback.
 */
describe('Custom UI spacing on design tokens', () => {
  it('reads every app and the shared sheet', () => {
    expect(SHEETS).toEqual(
      expect.arrayContaining(['static/admin/src/admin.css', 'static/issue-panel/src/styles.css', 'static/shared/base.css']),
    );
  });

  it.each(SHEETS)('%s spaces with design tokens only', (sheet) => {
    expect(rawSpacing(readFileSync(path.join(ROOT, sheet), 'utf8'))).toEqual([]);
  });

  it('finds a raw px spacing on its own line, and lets a token with its fallback pass', () => {
    expect(
      rawSpacing(
        '.a {\n  gap: 8px;\n  padding: var(--ds-space-100, 8px) 0;\n  margin: 0 var(--ds-space-negative-050, -4px);\n  padding-inline-start: 2.5px;\n}',
      ),
    ).toEqual(['gap: 8px', 'padding-inline-start: 2.5px']);
  });

  it('finds a raw px spacing inside a one-line rule, last declaration without its semicolon included', () => {
    expect(
      rawSpacing('a{margin:3px}\n.b { padding: 0; gap: var(--ds-space-050,4px); margin-top: 6px }\n.c{color:red;row-gap:1px;}'),
    ).toEqual(['margin: 3px', 'margin-top: 6px', 'row-gap: 1px']);
  });

  it('leaves other properties and comments alone', () => {
    expect(rawSpacing('/* margin: 4px */\n.a { width: 40px; scroll-margin-top: 8px; border: 1px solid; }\n.d:hover { margin: 0 }')).toEqual(
      [],
    );
  });
});
