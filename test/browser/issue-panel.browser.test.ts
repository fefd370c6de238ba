import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import { keysByStatus, openIssuePanel, overflowAtWidth } from './issue-panel-page';
import type { SandboxProcess } from './sandbox-server';

/** The demo's statuses, one per stage and the two off the track. */
const STATUSES = ['Intake', 'Triage', 'Waiting', 'Planning', 'Build', 'QA + Governance', 'Launch', 'Measure + Improve', 'Done', 'Declined'];

describe.skipIf(!mustRunBrowserTests)('the issue panel in Chromium, at the widths Jira gives it', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, page } = opened));

  it('lays the next gate out one item per line, every item inside a 480 px panel', async () => {
    const panel = await openIssuePanel(page, sandbox.url, 'MKT-1');
    await overflowAtWidth(page, 480);
    const boxes = await panel.locator('.fp-checklist > li').evaluateAll((items) => items.map((item) => item.getBoundingClientRect()).map(({ left, top, right }) => ({ left, top, right })));
    expect(boxes.length).toBeGreaterThanOrEqual(9);
    // Vertical: each item starts where the first does, below the one before it.
    expect(new Set(boxes.map((box) => Math.round(box.left))).size).toBe(1);
    for (const [index, box] of boxes.entries()) if (index > 0) expect(box.top).toBeGreaterThan(boxes[index - 1]!.top);
    expect(Math.max(...boxes.map((box) => box.right))).toBeLessThanOrEqual(480);
  });

  it('scrolls nowhere sideways at 360 and 480 px, at every stage, every section open', async () => {
    const byStatus = await keysByStatus(sandbox.url, STATUSES);
    const keys = ['MKT-1', 'MKT-2', ...[...byStatus.values()].flat()];
    expect(keys.length).toBeGreaterThanOrEqual(STATUSES.length);
    for (const key of keys) {
      await openIssuePanel(page, sandbox.url, key);
      for (const width of [360, 480]) {
        const { scrollWidth, overflowing } = await overflowAtWidth(page, width);
        expect({ key, width, overflowing }).toEqual({ key, width, overflowing: [] });
        expect(scrollWidth).toBeLessThanOrEqual(width);
      }
    }
  });
});
