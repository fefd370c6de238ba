import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import { daysFromNow, openSection, panelMain } from './issue-panel-page';
import type { SandboxProcess } from './sandbox-server';

/** The README's screenshots are tracked files: a test run rewrites them only when asked to. */
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

/** A date `days` from today, as a date input wants it. */

describe.skipIf(!mustRunBrowserTests)('outcomes in Chromium, on the demo data', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, page } = opened));

  const frame = (module: string): FrameLocator => page.frameLocator(`iframe[data-module="${module}"]`);
  const outcomes = () => frame('outcomes-gadget');

  const openDashboard = async () => {
    await page.goto(`${sandbox.url}/dashboard`);
    await expect.poll(() => outcomes().getByTestId('outcomes-gadget').count(), { timeout: 20_000 }).toBe(1);
  };

  it('shows the Outcomes view: the four indicators and the attainment rate, by tier, the targets missed', async () => {
    await openDashboard();
    for (const tile of [
      'Targets attained',
      'Pipeline influence',
      'Revenue contribution',
      'Cost per lead',
      'Cost per opportunity',
      'Days to target, median',
    ])
      expect(await outcomes().getByRole('group', { name: tile, exact: true }).count(), tile).toBe(1);
    await expect.poll(() => outcomes().getByTestId('missed-targets').getByRole('listitem').count()).toBeGreaterThan(0);
    // One row per tier, under the header row.
    expect(
      await outcomes()
        .getByRole('table')
        .getByRole('row')
        .filter({ has: outcomes().getByRole('cell') })
        .count(),
    ).toBe(3);
    if (UPDATE_SCREENSHOTS)
      await page.locator('[data-gadget="outcomes-gadget"]').screenshot({ path: path.join(SCREENSHOTS, 'outcomes.png') });
  });

  it('takes the calendar quarter as its period from the edit view', async () => {
    await openDashboard();
    const slot = page.locator('[data-gadget="outcomes-gadget"]');
    await slot.getByRole('button', { name: 'Edit' }).click();
    await outcomes().getByLabel('Period').selectOption({ label: 'This quarter so far' });
    // The same periods as Workflow health, by the same rule. Read once selectOption has waited for the edit view:
    // allTextContents does not wait.
    const offered = await outcomes().getByLabel('Period').locator('option').allTextContents();
    expect(offered).toEqual(expect.arrayContaining(['Last 30 days', 'This quarter so far', 'Last quarter']));
    await outcomes().getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(
        () =>
          outcomes()
            .getByText(/launched \d{4} Q[1-4] to date/)
            .count(),
        { timeout: 20_000 },
      )
      .toBe(1);
    // The edit view opens on what was saved.
    await slot.getByRole('button', { name: 'Edit' }).click();
    expect(await outcomes().getByLabel('Period').inputValue()).toBe('quarter');
  });

  it('offers the owner of a missed request to start an iteration, filed through the intake check and related to it', async () => {
    await openDashboard();
    const missed = outcomes().getByTestId('missed-targets').getByRole('link').first();
    const key = await missed.innerText();
    await missed.click();
    await page.waitForURL(new RegExp(`/browse/${key}$`));
    // Act as the request's owner: the user switcher's options are account ids, as the Assignee field's.
    const owner = await page.getByLabel('Assignee', { exact: true }).inputValue();
    await page.getByTestId('user-switcher').selectOption(owner);
    const panel = frame('flight-plan-panel');
    await expect.poll(() => panelMain(panel).count(), { timeout: 20_000 }).toBe(1);
    const section = await openSection(panel, 'Outcome');
    const form = section.getByTestId('start-iteration');
    await form.getByLabel('Launch date of the iteration').fill(daysFromNow(40));
    await form.getByRole('button', { name: 'Start an iteration' }).click();
    await expect
      .poll(() => form.getByRole('status').innerText(), { timeout: 20_000 })
      .toMatch(/^Created [A-Z]+-\d+, linked to this request as related\.$/);
    const created = await form.getByRole('status').getByRole('link').innerText();
    await page.goto(`${sandbox.url}/browse/${created}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 20_000 }).toMatch(/Iteration: /);
  });
});
