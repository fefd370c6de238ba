import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import { DEFAULT_USER } from '../../sandbox/catalogue';
import { actAs, gateChecklist, gateProgress, openIssuePanel, openSection } from './issue-panel-page';
import type { SandboxProcess } from './sandbox-server';

/** The README's screenshot of the picker, written only when UPDATE_SCREENSHOTS=1. */
const SCREENSHOT = path.resolve(__dirname, '..', '..', 'docs', 'screenshots', 'dependencies.png');

/** Who the sandbox acts as until someone else is picked. */
const ADMIN_NAME = DEFAULT_USER.displayName;

/** Opens the panel's Dependencies section on an issue. */
const dependenciesOf = async (page: Page, baseUrl: string, key: string): Promise<FrameLocator> => {
  const panel = await openIssuePanel(page, baseUrl, key);
  await openSection(panel, 'Dependencies');
  return panel;
};

/** Whether the collapsed badge shows the gate count the open panel shows ("QA 4/11" beside "4/11 done"). */
const badgeMatchesPanel = async (page: Page, panel: FrameLocator): Promise<boolean> => {
  const done = /(\d+\/\d+) done/.exec(await gateProgress(panel))?.[1];
  const badge = await page.getByTestId('context-status-flight-plan-badge').textContent();
  return done !== undefined && badge === `QA ${done}`;
};

describe.skipIf(!mustRunBrowserTests)('dependencies picked on the panel, as Jira issue links', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, page } = opened));

  it('blocks MKT-1 on MKT-2 by key, refuses the Launch until it is removed, and refuses a loop back', async () => {
    let panel = await dependenciesOf(page, sandbox.url, 'MKT-1');
    await panel.getByLabel('Add a request this one is blocked by').fill('mkt-2');
    await panel.getByRole('button', { name: /^MKT-2 / }).click();
    const blockedBy = panel.getByRole('list', { name: 'Requests this one is blocked by' });
    await expect.poll(() => blockedBy.innerText()).toMatch(/^MKT-2 .+\(QA \+ Governance\)/);
    // The gate checklist says it at once, and the Launch transition is refused naming it.
    await expect.poll(() => gateChecklist(panel).innerText()).toMatch(/blocked by MKT-2, not launched yet/i);
    // The collapsed badge counts the new item as the panel does, without a reload (a link changes no record revision).
    await expect.poll(() => badgeMatchesPanel(page, panel)).toBe(true);
    if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.getByRole('button', { name: 'Launch', exact: true }).click();
    await expect.poll(() => page.getByTestId('transition-error').innerText()).toMatch(/blocked by MKT-2, not launched yet/i);

    // From MKT-2's side: it blocks MKT-1, and MKT-2 may not wait on MKT-1 in turn.
    panel = await dependenciesOf(page, sandbox.url, 'MKT-2');
    await expect.poll(() => panel.getByRole('list', { name: 'Requests waiting on this one' }).innerText()).toMatch(/^MKT-1 /);
    await panel.getByLabel('Add a request this one is blocked by').fill('MKT-1');
    await panel.getByRole('button', { name: /^MKT-1 / }).click();
    await expect
      .poll(() => panel.getByRole('alert').innerText())
      .toBe('MKT-1 already waits on this request (MKT-2 waits on MKT-1 waits on MKT-2), so neither could launch.');

    // MKT-2 has not launched: removing it is for MKT-1's owner or a triage lead. The admin, who may edit MKT-1, is told so.
    panel = await dependenciesOf(page, sandbox.url, 'MKT-1');
    await expect
      .poll(() => panel.getByTestId('remove-blocker-rule').innerText())
      .toBe('Only its owner (the assignee) or a triage lead can remove a request it is blocked by that has not launched.');
    expect(await panel.getByRole('button', { name: 'Remove MKT-2' }).count()).toBe(0);
    await actAs(page, 'Blake Builder');
    panel = await dependenciesOf(page, sandbox.url, 'MKT-1');
    await panel.getByRole('button', { name: 'Remove MKT-2' }).click();
    await expect.poll(() => panel.getByTestId('dependencies').innerText()).toContain('Nothing: this request waits on no other request.');
    await expect.poll(() => gateChecklist(panel).innerText()).toMatch(/every request it is blocked by launched\s*, done/i);
    await expect.poll(() => badgeMatchesPanel(page, panel)).toBe(true);
    await actAs(page, ADMIN_NAME);
  });

  it('finds the request to wait on by words of its summary, not only by key', async () => {
    const panel = await dependenciesOf(page, sandbox.url, 'MKT-1');
    await panel.getByLabel('Add a request this one is blocked by').fill('rate promo (regulated)');
    const offered = panel.getByRole('button', { name: /^MKT-2 Savings account rate promo/ });
    await expect.poll(() => offered.count()).toBe(1);
    await offered.click();
    await expect
      .poll(() => panel.getByRole('list', { name: 'Requests this one is blocked by' }).innerText())
      .toMatch(/^MKT-2 Savings account rate promo/);
  });
});
