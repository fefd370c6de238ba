import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import { keysByStatus, openIssuePanel, overflowAtWidth, panelOf } from './issue-panel-page';
import type { SandboxProcess } from './sandbox-server';

/** The demo's statuses, one per stage and the two off the track. */
const STATUSES = ['Intake', 'Triage', 'Waiting', 'Planning', 'Build', 'QA + Governance', 'Launch', 'Measure + Improve', 'Done', 'Declined'];

/** What code looks like on a screen: none of it may reach a person. */
const CODE_LIKE: readonly RegExp[] = [
  /\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?/, // ISO dates and timestamps
  /\b[0-9a-f]{24}\b|\b\d{6}:[0-9a-f-]{8,}/, // Atlassian account IDs
  /\/rest\/api\//, // REST paths
  /\b[a-z]+\/[a-z-]+:/, // resolver keys ("lexicon/resolve:")
  /\b[a-z]+[A-Z]\w*(\.\w+|\[\d+\])+/, // field paths ("intake.leadTimeBusinessDays.revenue")
  /\b[a-z]+[A-Z][a-z]+\b/, // field names ("monitoringOwnerId", "slowedDown")
  /\basset-\d+\b/, // asset ids
];

describe.skipIf(!mustRunBrowserTests)('the issue panel in Chromium, at the widths Jira gives it', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, page } = opened));

  it('lays the next gate out one item per line, every item inside a 480 px panel', async () => {
    const panel = await openIssuePanel(page, sandbox.url, 'MKT-1');
    await overflowAtWidth(page, 480);
    const boxes = await panel
      .locator('.fp-checklist > li')
      .evaluateAll((items) => items.map((item) => item.getBoundingClientRect()).map(({ left, top, right }) => ({ left, top, right })));
    expect(boxes.length).toBeGreaterThanOrEqual(9);
    // Vertical: each item starts where the first does, below the one before it.
    expect(new Set(boxes.map((box) => Math.round(box.left))).size).toBe(1);
    for (const [index, box] of boxes.entries()) if (index > 0) expect(box.top).toBeGreaterThan(boxes[index - 1]!.top);
    expect(Math.max(...boxes.map((box) => box.right))).toBeLessThanOrEqual(480);
  });

  it.each(['light', 'dark'] as const)(
    'scrolls nowhere sideways at 360 and 480 px and speaks in words, at every stage, every section open, %s theme',
    async (theme) => {
      const byStatus = await keysByStatus(sandbox.url, STATUSES);
      const keys = ['MKT-1', 'MKT-2', ...[...byStatus.values()].flat()];
      expect(keys.length).toBeGreaterThanOrEqual(STATUSES.length);
      for (const key of keys) {
        await openIssuePanel(page, sandbox.url, key);
        // The shell keeps the theme across pages; each issue's panel follows it.
        const toggle = page.getByRole('button', { name: theme === 'dark' ? 'Dark theme' : 'Light theme' });
        if ((await toggle.count()) > 0) await toggle.click();
        await expect.poll(() => panelOf(page).locator('html').getAttribute('data-color-mode')).toBe(theme);
        for (const width of [360, 480]) {
          const { scrollWidth, overflowing } = await overflowAtWidth(page, width);
          expect({ key, width, overflowing }).toEqual({ key, width, overflowing: [] });
          expect(scrollWidth).toBeLessThanOrEqual(width);
        }
        const lines = (await panelOf(page).locator('main.fp-panel').innerText()).split('\n');
        expect({ key, codeLike: lines.filter((line) => CODE_LIKE.some((pattern) => pattern.test(line))) }).toEqual({ key, codeLike: [] });
      }
    },
  );
});
