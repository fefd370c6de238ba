import type { FrameLocator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The issue panel's frame on an issue page of the sandbox. */
export const panelOf = (page: Page): FrameLocator => page.frameLocator('iframe[data-module="flight-plan-panel"]');

/** Opens an issue and waits for its Flight Plan panel. */
export const openIssuePanel = async (page: Page, baseUrl: string, key: string): Promise<FrameLocator> => {
  await page.goto(`${baseUrl}/browse/${key}`);
  await expect.poll(() => panelOf(page).locator('main.fp-panel').count(), { timeout: 20_000 }).toBe(1);
  return panelOf(page);
};

/** Switches the sandbox's "Acting as" to one of the demo people, by name. */
export const actAs = async (page: Page, displayName: string): Promise<void> => {
  const switcher = page.getByTestId('user-switcher');
  const accountId = await switcher.locator('option', { hasText: displayName }).getAttribute('value');
  await switcher.selectOption(accountId);
};

/** Issue keys in each status, by the sandbox's JQL search (first `perStatus` of each). */
export const keysByStatus = async (baseUrl: string, statuses: readonly string[], perStatus = 1): Promise<Map<string, string[]>> => {
  const found = new Map<string, string[]>();
  for (const status of statuses) {
    const answer = await fetch(`${baseUrl}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jql: `status = "${status}" ORDER BY key ASC`, maxResults: perStatus, fields: ['status'] }),
    });
    const { issues } = (await answer.json()) as { issues: { key: string }[] };
    found.set(
      status,
      issues.map((issue) => issue.key),
    );
  }
  return found;
};

/**
 * Gives the panel's frame `width` CSS pixels (as Jira gives an issue panel the width of the issue
 * view's column), opens every section, and answers what overflows the frame: the elements whose
 * right edge passes its width, described by tag and text.
 */
export const overflowAtWidth = async (page: Page, width: number): Promise<{ scrollWidth: number; overflowing: string[] }> => {
  const frameElement = page.locator('iframe[data-module="flight-plan-panel"]');
  await frameElement.evaluate((frame, px) => {
    (frame as unknown as { style: { width: string } }).style.width = `${px}px`;
  }, width);
  const panel = await (await frameElement.elementHandle()).contentFrame();
  if (panel === null) throw new Error('the panel frame has no document');
  // Runs in the frame; a string, as the tests are type-checked without the DOM's types.
  return panel.evaluate<{ scrollWidth: number; overflowing: string[] }>(`(async (px) => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    // Two frames: layout after the width change and the sections opening.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const overflowing = [...document.querySelectorAll('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > px + 1;
      })
      .map((element) => '<' + element.tagName.toLowerCase() + ' class="' + element.className + '"> ' + (element.innerText ?? '').slice(0, 60));
    return { scrollWidth: document.documentElement.scrollWidth, overflowing };
  })(${width})`);
};
