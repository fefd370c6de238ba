import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');

/** The style sheets of the dashboard gadgets and the admin page. */
const SHEETS = ['static/gadgets/src', 'static/admin/src'].flatMap((folder) =>
  readdirSync(path.join(ROOT, folder))
    .filter((name) => name.endsWith('.css'))
    .map((name) => `${folder}/${name}`),
);

/** A gap, padding or margin whose value has a length in px outside a design token's `var(--ds-space-…, <fallback>)`. */
const rawSpacing = (css: string): string[] =>
  [...css.matchAll(/^\s*((?:row-|column-)?gap|padding(?:-[a-z]+)?|margin(?:-[a-z]+)?)\s*:\s*([^;]+);/gm)]
    .filter(([, , value]) => /\d+px/.test(value!.replace(/var\(--ds-space-[a-z0-9-]+,\s*-?\d+px\)/g, '')))
    .map(([declaration]) => declaration.trim());

/**
 * Issue 15: spacing on Atlassian's design tokens (`--ds-space-*`), so the gadgets and the admin page
 * keep Jira's rhythm and follow its density, as the issue panel does.
 */
describe('spacing of the gadgets and the admin page', () => {
  it.each(SHEETS)('%s spaces with design tokens only', (sheet) => {
    expect(rawSpacing(readFileSync(path.join(ROOT, sheet), 'utf8'))).toEqual([]);
  });

  it('finds a raw px spacing, and lets a token with its fallback pass', () => {
    expect(
      rawSpacing('.a {\n  gap: 8px;\n  padding: var(--ds-space-100, 8px) 0;\n  margin: 0 var(--ds-space-negative-050, -4px);\n}'),
    ).toEqual(['gap: 8px;']);
  });
});
