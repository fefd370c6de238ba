import type { FrameLocator, Page } from 'playwright-core';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import type { SandboxProcess } from './sandbox-server';

const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const SCREENSHOTS = path.resolve(__dirname, '../../docs/screenshots');

/**
 * The leadership gadgets as a marketing leader sets them up (issue 15): projects picked from a list,
 * JQL checked by Jira before it is saved, quarters as periods, and a chart's point or bar opening the
 * requests behind it. Each test starts from the demo dashboard's own configuration.
 */
describe.skipIf(!mustRunBrowserTests)('the dashboard gadgets in Chromium', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, page } = opened));

  /** The dashboard with every gadget as the demo configures it (a gadget's saved settings are forgotten). */
  const openDashboard = async () => {
    await page.goto(`${sandbox.url}/dashboard`);
    await page.evaluate('localStorage.clear()');
    await page.reload();
  };
  /** A module's frame, found again on each use: saving an edit view replaces the gadget's frame. */
  const frameOf = (moduleKey: string): FrameLocator => page.frameLocator(`iframe[data-module="${moduleKey}"]`);
  const gadget = (moduleKey: string) => page.locator(`[data-gadget="${moduleKey}"]`);
  const edit = async (moduleKey: string): Promise<FrameLocator> => {
    await gadget(moduleKey).getByRole('button', { name: 'Edit' }).click();
    const form = frameOf(moduleKey);
    await expect.poll(() => form.getByRole('form', { name: 'Gadget settings' }).count(), { timeout: 20_000 }).toBe(1);
    return form;
  };
  const healthText = async () => {
    const health = frameOf('workflow-health-gadget').getByTestId('health-gadget');
    await expect.poll(() => health.count(), { timeout: 20_000 }).toBe(1);
    return health.innerText();
  };

  it('refuses JQL Jira cannot run, in Jira’s words, and saves a query Jira can', async () => {
    await openDashboard();
    const form = await edit('workflow-health-gadget');
    await form.getByLabel('found by JQL').check();
    const query = form.getByLabel(/^JQL/);
    await query.fill('universe = 42');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => form.getByRole('alert').innerText())
      .toBe("Jira cannot run this query: Field 'universe' does not exist or you do not have permission to view it.");
    await query.fill('project = NOPE');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => form.getByRole('alert').innerText())
      .toBe("Jira cannot run this query: The value 'NOPE' does not exist for the field 'project'.");
    // Nothing was saved: the gadget is still being edited.
    expect(await gadget('workflow-health-gadget').getByRole('button', { name: 'Cancel' }).count()).toBe(1);

    await query.fill('project = MKT AND flightPlanTier = revenue');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(healthText, { timeout: 20_000 }).toContain('JQL: project = MKT AND flightPlanTier = revenue');
  });

  it('picks projects from those the viewer may browse, by name, with no key to type', async () => {
    await openDashboard();
    const form = await edit('triage-queue-gadget');
    await expect.poll(() => form.getByTestId('chosen-projects').innerText(), { timeout: 20_000 }).toMatch(/^Chosen: .+ \(MKT\)$/);
    await form.getByLabel('Find a project').fill('brand');
    const brand = form.getByRole('checkbox', { name: 'Brand Studio (BRD)' });
    await expect.poll(() => brand.count(), { timeout: 20_000 }).toBe(1);
    await brand.check();
    await form.getByLabel('Find a project').fill('zzz');
    await expect.poll(() => form.getByText('No project you can browse matches.').count()).toBe(1);
    expect(await form.getByTestId('chosen-projects').innerText()).toMatch(/^Chosen: .+ \(MKT\), Brand Studio \(BRD\)$/);
    await form.getByRole('button', { name: 'Save' }).click();
    const saved = await page.evaluate("JSON.parse(localStorage.getItem('flight-plan-sandbox-gadget:triage-queue-gadget'))");
    expect(saved).toEqual({ projects: ['MKT', 'BRD'] });

    // With none chosen, the view says so in words and saves nothing.
    const again = await edit('triage-queue-gadget');
    await expect.poll(() => again.getByRole('checkbox', { checked: true }).count(), { timeout: 20_000 }).toBe(2);
    const checked = again.getByRole('checkbox', { checked: true });
    while ((await checked.count()) > 0) await checked.first().uncheck();
    await again.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => again.getByRole('alert').innerText()).toBe('choose at least one project');
  });

  it('reports on last quarter against the quarter before, and on this quarter so far', async () => {
    await openDashboard();
    const form = await edit('workflow-health-gadget');
    await form.getByLabel('Period').selectOption({ label: 'Last quarter' });
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(healthText, { timeout: 20_000 }).toMatch(/last quarter \(Q[1-4] \d{4}\)/);
    expect(await healthText()).toContain('vs the quarter before');

    const again = await edit('workflow-health-gadget');
    expect(await again.getByLabel('Period').inputValue()).toBe('last-quarter');
    await again.getByLabel('Period').selectOption({ label: 'This quarter so far' });
    await again.getByRole('button', { name: 'Save' }).click();
    await expect.poll(healthText, { timeout: 20_000 }).toMatch(/this quarter so far \(Q[1-4] \d{4}\)/);
  });

  it('opens the request behind a point of the cycle-time chart, and the launches behind a week’s bar', async () => {
    await openDashboard();
    await healthText();
    const point = frameOf('workflow-health-gadget')
      .getByRole('link', { name: /^Open MKT-\d+$/ })
      .first();
    const key = (await point.getAttribute('aria-label'))!.replace('Open ', '');
    await point.click();
    await expect.poll(() => page.url()).toBe(`${sandbox.url}/browse/${key}`);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 20_000 }).toContain(key);

    await openDashboard();
    await healthText();
    const bars = frameOf('workflow-health-gadget').getByRole('link', { name: /^Open the \d+ launch(es)? of the week of / });
    const bar = bars.first();
    const count = Number(/Open the (\d+)/.exec((await bar.getAttribute('aria-label'))!)![1]);
    await bar.click();
    await expect.poll(() => page.url()).toContain('/issues/?jql=');
    await expect.poll(() => page.getByTestId('search-results').locator(':scope > li').count(), { timeout: 20_000 }).toBe(count);
  });

  it("shows each waiting request's launch date if accepted today against the date asked for, and the team's load", async () => {
    await openDashboard();
    const queue = frameOf('triage-queue-gadget');
    await expect.poll(() => queue.getByTestId('queue-if-accepted').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const day = String.raw`[A-Z][a-z]{2} \d{1,2}(, \d{4})?`;
    const sentence = new RegExp(
      `^If accepted today: launch likely by ${day} \\(85% sure\\); ([<>]?\\d+% chance by ${day}, the date asked for|no launch date was asked for)\\.$`,
    );
    for (const text of await queue.getByTestId('queue-if-accepted').allInnerTexts()) expect(text).toMatch(sentence);
    if (UPDATE_SCREENSHOTS) await gadget('triage-queue-gadget').screenshot({ path: path.join(SCREENSHOTS, 'triage-if-accepted.png') });

    await healthText();
    const team = frameOf('workflow-health-gadget').getByRole('list', { name: 'Load per person' }).getByRole('listitem');
    const loads = (await team.allInnerTexts()).map((text) => {
      const read = /^([A-Z][a-z]+ [A-Z][a-z]+) (\d+(\.\d)?) points \((\d+) requests?\)$/.exec(text);
      expect(read, text).not.toBeNull();
      return Number(read![2]);
    });
    expect(loads.length).toBeGreaterThan(0);
    expect(loads).toEqual([...loads].sort((a, b) => b - a));
    if (UPDATE_SCREENSHOTS) {
      await frameOf('workflow-health-gadget')
        .getByTestId('team-load')
        .screenshot({ path: path.join(SCREENSHOTS, 'team-load.png') });
    }
  });
});
