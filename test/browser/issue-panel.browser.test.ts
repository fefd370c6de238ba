import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import { gateChecklist, openIssuePanel } from './issue-panel-page';
import { layOutAt } from './layout-checks';
import type { SandboxProcess } from './sandbox-server';

/**
 * Issue 15: "Lay checklists out vertically, like Smart Checklist". Every module's fit at 360 and 480 px, at each
 * stage and in both themes, is layout.browser.test.ts's.
 */
describe.skipIf(!mustRunBrowserTests)('the issue panel in Chromium, at the widths Jira gives it', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, page } = opened));

  it('lays the next gate out one item per line, every item inside a 480 px panel', async () => {
    const panel = await openIssuePanel(page, sandbox.url, 'MKT-1');
    await layOutAt(page, 'flight-plan-panel', 480);
    const boxes = await gateChecklist(panel)
      .getByRole('listitem')
      .evaluateAll((items) => items.map((item) => item.getBoundingClientRect()).map(({ left, top, right }) => ({ left, top, right })));
    expect(boxes.length).toBeGreaterThanOrEqual(9);
    // Vertical: each item starts where the first does, below the one before it.
    expect(new Set(boxes.map((box) => Math.round(box.left))).size).toBe(1);
    for (const [index, box] of boxes.entries()) if (index > 0) expect(box.top).toBeGreaterThan(boxes[index - 1]!.top);
    expect(Math.max(...boxes.map((box) => box.right))).toBeLessThanOrEqual(480);
  });
});
