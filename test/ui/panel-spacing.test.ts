import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 15: the panel's spacing on Atlassian's design tokens (`--ds-space-050` 4 px … `--ds-space-300` 24 px, the names
 * @atlaskit/tokens defines), so it follows Jira's density; a raw pixel value is allowed only as a token's fallback.
 */
const STYLES = ['static/issue-panel/src/styles.css', 'static/shared/base.css'];

const rawSpacing = (css: string): string[] =>
  css
    .split('\n')
    .filter((line) => /^\s*(gap|row-gap|column-gap|padding|margin)(-[a-z]+)?\s*:/.test(line))
    .filter((line) => /\b\d+(\.\d+)?px\b/.test(line.replace(/var\(--ds-space-\d+,\s*[\d.]+px\)/g, '')))
    .map((line) => line.trim());

describe('panel spacing on design tokens', () => {
  it.each(STYLES)('%s sets no spacing in raw pixels', (file) => {
    expect(rawSpacing(readFileSync(path.resolve(__dirname, '..', '..', file), 'utf8'))).toEqual([]);
  });

  it('catches a raw value, and lets a fallback inside a token pass', () => {
    expect(rawSpacing('.a {\n  padding: 4px 8px;\n  gap: var(--ds-space-100, 8px);\n}')).toEqual(['padding: 4px 8px;']);
  });
});
