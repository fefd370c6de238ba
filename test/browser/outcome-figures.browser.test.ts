import type { FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import { openSection, panelMain } from './issue-panel-page';
import type { SandboxProcess } from './sandbox-server';

describe.skipIf(!mustRunBrowserTests)('a figure entered by hand, in Chromium, on the demo data', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, page } = opened));

  const frame = (module: string): FrameLocator => page.frameLocator(`iframe[data-module="${module}"]`);

  it('asks before replacing a figure kept for the same day, then names who entered it in the list and the audit trail', async () => {
    // A launched request whose target was missed: its owner (the assignee) enters figures for its campaign.
    await page.goto(`${sandbox.url}/dashboard`);
    const missed = frame('outcomes-gadget').getByTestId('missed-targets').getByRole('link').first();
    await expect.poll(() => missed.count(), { timeout: 20_000 }).toBe(1);
    const key = await missed.innerText();
    await page.goto(`${sandbox.url}/browse/${key}`);
    // The issue view fills the assignee once the issue has loaded: read it then, not before (seen empty under load).
    const assignee = page.getByLabel('Assignee', { exact: true });
    await expect.poll(() => assignee.inputValue(), { timeout: 20_000 }).not.toBe('');
    const owner = await assignee.inputValue();
    await page.getByTestId('user-switcher').selectOption(owner);
    const panel = frame('flight-plan-panel');
    await expect.poll(() => panelMain(panel).count(), { timeout: 20_000 }).toBe(1);
    const outcome = await openSection(panel, 'Outcome');
    const form = outcome.getByRole('group', { name: 'Enter a figure by hand' });
    const enter = async (figure: string) => {
      await form.getByLabel('Indicator').selectOption('leads');
      await form.getByLabel('Figure, cumulative').fill(figure);
      // A day before any of the demo's CRM figures, so the first figure replaces nothing.
      await form.getByLabel('As of').fill('2020-01-06');
      await form.getByLabel('Where it came from').fill('Webinar tool');
      await form.getByRole('button', { name: 'Save figure' }).click();
    };

    await enter('120');
    await expect.poll(() => form.getByRole('status').innerText(), { timeout: 20_000 }).toBe('Saved');
    await enter('135');
    const question = form.getByRole('alert');
    await expect.poll(() => question.innerText(), { timeout: 20_000 }).toContain('The leads figure for 6 January 2020 is already 120 that');
    // Nothing is saved until the owner agrees.
    expect(await outcome.getByRole('listitem').filter({ hasText: '135' }).count()).toBe(0);
    await question.getByRole('button', { name: 'Replace it' }).click();
    await expect.poll(() => form.getByRole('status').innerText(), { timeout: 20_000 }).toBe('Saved');
    // The switcher reads "Blake Builder — builder": the name is before the dash.
    const ownerName = (await page.getByTestId('user-switcher').locator('option:checked').innerText()).split(' — ')[0]?.trim();
    await expect
      .poll(() => outcome.getByRole('listitem').filter({ hasText: 'leads 135' }).innerText(), { timeout: 20_000 })
      .toContain(`(Webinar tool (entered by hand), ${ownerName})`);
    const audit = await openSection(panel, 'Audit trail');
    await expect
      .poll(() => audit.getByRole('listitem').first().innerText(), { timeout: 20_000 })
      .toContain('figure entered by hand: 135 leads as of 6 January 2020 (from "Webinar tool"), replacing 120 that');
  });
});
