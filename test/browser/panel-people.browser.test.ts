import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import { actAs, gateChecklist, gateProgress, keysByStatus, openIssuePanel, openSection, panelMain, panelOf } from './issue-panel-page';
import type { SandboxProcess } from './sandbox-server';

/**
 * Issue 15, "show each person their part": the panel leads with what is the viewer's to do, shows the rest as
 * waiting on someone named, keeps red for what blocks the viewer; and triage is one flow between the issue's
 * buttons and the panel. Each test starts from a Triage request of the demo data nobody else here touches.
 */
describe.skipIf(!mustRunBrowserTests)('the panel shows each person their part, in Chromium', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, page } = opened));

  const checklist = () => panelOf(page).getByLabel('Triage gate checklist');
  /** The checklist's items in a state, by the words that end each for a screen reader (", yours to do"). */
  const itemsThat = (state: string) =>
    checklist()
      .getByRole('listitem')
      .filter({ hasText: new RegExp(`, ${state}$`) });

  it("shows a requester the triage lead's items as waiting on Morgan, none red, and the lead the same items as hers", async () => {
    const [key] = (await keysByStatus(sandbox.url, ['Triage'], 2)).get('Triage') ?? [];
    await page.goto(sandbox.url);
    await actAs(page, 'Riley Requester');
    await openIssuePanel(page, sandbox.url, key!);
    await expect.poll(() => panelOf(page).getByTestId('gate-yours').innerText()).toMatch(/^Nothing here is yours to do; \d wait/);
    expect(await itemsThat('yours to do').count()).toBe(0);
    const waiting = await itemsThat('waiting on someone else').allInnerTexts();
    expect(waiting.length).toBeGreaterThan(0);
    for (const line of waiting) expect(line).toContain('waiting on Morgan Ops');

    await actAs(page, 'Morgan Ops');
    await openIssuePanel(page, sandbox.url, key!);
    await expect.poll(() => panelOf(page).getByTestId('gate-yours').innerText()).toMatch(/^\d items? (is|are) yours to do\.$/);
    expect(await itemsThat('waiting on someone else').count()).toBe(0);
    expect(await itemsThat('yours to do').count()).toBe(waiting.length);
  });

  it("lets a triage lead who pressed the issue's Accept first finish in the panel: it says where, and the panel's Accept moves the request", async () => {
    const [, key] = (await keysByStatus(sandbox.url, ['Triage'], 2)).get('Triage') ?? [];
    await page.goto(sandbox.url);
    await actAs(page, 'Morgan Ops');
    const panel = await openIssuePanel(page, sandbox.url, key!);
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('transition-error').innerText())
      .toContain("A triage lead accepts in this request's Flight Plan panel (Triage, Accept)");
    // The Triage section is open for the lead on a request in Triage, with the score on its scale.
    const triage = panel.locator('details', { has: panel.getByRole('heading', { name: 'Triage', exact: true, level: 3 }) });
    expect(await triage.getAttribute('open')).not.toBeNull();
    expect(await triage.locator('summary').innerText()).toMatch(/score [\d.]+ of 125/);
    await triage.getByRole('button', { name: 'Set tier' }).click();
    await expect.poll(() => triage.getByText('Saved').count()).toBeGreaterThan(0);
    await triage.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect.poll(() => page.getByTestId('issue-status').innerText(), { timeout: 20_000 }).toBe('PLANNING');
    await expect.poll(() => panel.locator('[aria-current="step"]').innerText()).toBe('Planning');
  });
});

describe.skipIf(!mustRunBrowserTests)('the panel after a save, in Chromium', () => {
  let sandbox: SandboxProcess;
  let browser: Browser;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, browser, page } = opened));

  /** What has keyboard focus in the panel's frame, by its label or its text. */
  const focused = async (): Promise<string> => {
    const frame = await page.locator('iframe[data-module="flight-plan-panel"]').elementHandle();
    const panel = await frame.contentFrame();
    if (!panel) throw new Error('the panel frame has no document');
    // Runs in the frame; a string, as the tests are type-checked without the DOM's types.
    return panel.evaluate<string>(`(() => {
      const active = document.activeElement;
      if (active === null || active === document.body) return 'the page';
      const labelled = active.id === '' ? null : document.querySelector('label[for="' + CSS.escape(active.id) + '"]');
      return (labelled ?? active.closest('label') ?? active).textContent.trim();
    })()`);
  };

  it('keeps the section open, says it saved, and leaves keyboard focus on the checkbox just ticked', async () => {
    const panel = await openIssuePanel(page, sandbox.url, 'MKT-1');
    const qa = await openSection(panel, 'QA + Governance');
    // A UTM problem names the link it is on: which asset, which of its links, where it goes.
    expect(await qa.getByRole('list', { name: 'UTM problems' }).innerText()).toMatch(
      /^Link 1 of spring26-launch-email-invite-v2 \(acme\.example\/[\w/-]*\): utm_campaign is missing$/,
    );
    for (const label of ['Links functional', 'Forms tested']) {
      await qa.getByLabel(label).focus();
      await page.keyboard.press('Space');
      await expect.poll(() => qa.getByLabel(label).isChecked()).toBe(true);
      await expect.poll(focused).toBe(label);
      // The collapsed badge says what the panel says, without a reload.
      const done = /(\d+\/\d+) done/.exec(await gateProgress(panel))?.[1];
      await expect.poll(() => page.getByTestId('context-status-flight-plan-badge').textContent()).toBe(`QA ${done ?? '?'}`);
      expect(await qa.getAttribute('open')).not.toBeNull();
      expect(await qa.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1);
    }
  });

  it('keeps the Plan section open and focus on its save button after a save that re-renders the form', async () => {
    // The campaign key is its owner's to change: Blake, MKT-1's assignee.
    await page.goto(sandbox.url);
    await actAs(page, 'Blake Builder');
    const panel = await openIssuePanel(page, sandbox.url, 'MKT-1');
    const plan = await openSection(panel, 'Plan');
    // The campaign key is checked as it is typed, and the slug offered.
    const key = plan.getByLabel('UTM campaign key');
    const original = await key.inputValue();
    await key.fill('Q1 Webinar');
    await expect.poll(() => plan.getByRole('alert').innerText()).toContain('use "q1-webinar"');
    await plan.getByRole('button', { name: 'Use q1-webinar' }).click();
    expect(await key.inputValue()).toBe('q1-webinar');
    expect(await plan.getByRole('alert').count()).toBe(0);
    await key.fill(original);
    await plan.getByLabel('Launch criteria').fill('Registration page live; invite email scheduled.');
    await plan.getByRole('button', { name: 'Save plan' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => plan.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1);
    expect(await plan.getAttribute('open')).not.toBeNull();
    await expect.poll(focused).toBe('Save plan');
  });

  it("fixes a launched request's campaign key, and says why", async () => {
    const [key] = (await keysByStatus(sandbox.url, ['Measure + Improve'])).get('Measure + Improve') ?? [];
    const panel = await openIssuePanel(page, sandbox.url, key!);
    const plan = await openSection(panel, 'Plan');
    expect(await plan.getByLabel('UTM campaign key').isDisabled()).toBe(true);
    expect(await plan.getByText('Fixed since launch', { exact: false }).innerText()).toBe(
      "Fixed since launch: its links carry it as utm_campaign, and its outcome is judged on this campaign's figures.",
    );
  });

  it('greys the campaign key out for someone who may edit the request but does not own it, and says why', async () => {
    // The sandbox's default user, Avery Admin, may edit MKT-1 but is neither its assignee (Blake) nor a triage lead.
    const panel = await openIssuePanel(page, sandbox.url, 'MKT-1');
    const plan = await openSection(panel, 'Plan');
    expect(await plan.getByLabel('UTM campaign key').isDisabled()).toBe(true);
    expect(await plan.getByLabel('Launch criteria').isDisabled()).toBe(false);
    expect(await plan.getByText('Set only by', { exact: false }).innerText()).toBe(
      "Set only by the request's owner (its assignee) or a triage lead: the campaign decides whose figures judge this request.",
    );
  });

  it('renames an asset at the same version without blocking the Build gate, retires one off the register and restores it', async () => {
    const [key] = (await keysByStatus(sandbox.url, ['Build'])).get('Build') ?? [];
    const panel = await openIssuePanel(page, sandbox.url, key!);
    const assets = await openSection(panel, 'Assets');
    /** An asset's editor: a disclosure opened by its "Edit <name>" summary. */
    const editorOf = (summary: RegExp | string) =>
      assets.locator('details', { has: panel.getByText(summary, typeof summary === 'string' ? { exact: true } : {}) });
    const registered = () => assets.getByText(/^Edit \S+$/);
    const editor = editorOf(/^Edit \S+$/).first();
    const name = (await registered().first().innerText()).replace(/^Edit /, '');
    // A typo fixed at the same version ("…-linkdin-v1" to "…-linkedin-v1"): a rename, not a version going back.
    const fixed = name.replace(/-v(\d+)$/, 'x-v$1');
    await registered().first().click();
    await editor.getByLabel('Rename to').fill(fixed);
    await editor.getByRole('button', { name: 'Save asset' }).click();
    await expect
      .poll(() =>
        assets
          .getByRole('listitem')
          .filter({ has: panel.getByText(fixed, { exact: true }) })
          .innerText(),
      )
      .toMatch(new RegExp(`Earlier names: .*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const versions = gateChecklist(panel).getByRole('listitem').filter({ hasText: 'No version going back, no duplicate names' });
    await expect.poll(() => versions.innerText()).toMatch(/, done$/);

    const before = await registered().count();
    const renamed = editorOf(`Edit ${fixed}`);
    if ((await renamed.getAttribute('open')) === null) await renamed.getByText(`Edit ${fixed}`, { exact: true }).click();
    await renamed.getByRole('button', { name: `Retire ${fixed}` }).click();
    await expect.poll(() => registered().count()).toBe(before - 1);
    expect(await assets.getByTestId('retired-assets').innerText()).toContain(fixed);

    // Retired by mistake: restored, it is back on the register and nothing is left under Retired.
    await assets.getByRole('button', { name: `Restore ${fixed}` }).click();
    await expect.poll(() => registered().count()).toBe(before);
    expect(await assets.getByTestId('retired-assets').count()).toBe(0);
    expect(await assets.getByText(fixed, { exact: true }).count()).toBe(1);
  });

  it("shows and takes launch times in the viewer's zone from Jira's context, not the browser's", async () => {
    // The browser in New York, the viewer's Jira profile in Tokyo (the sandbox's ?timezone= stands in for the profile).
    const context = await browser.newContext({ timezoneId: 'America/New_York', viewport: { width: 1440, height: 1000 } });
    try {
      const tokyo = await context.newPage();
      await tokyo.goto(`${sandbox.url}/browse/MKT-1?timezone=Asia/Tokyo`);
      const panel = panelOf(tokyo);
      await expect.poll(() => panelMain(panel).count(), { timeout: 20_000 }).toBe(1);
      const launch = await openSection(panel, 'Launch');
      expect(await launch.getByText('Your time (Asia/Tokyo)').count()).toBe(2);
      await launch.getByLabel('Window start').fill('2026-12-01T09:00');
      await launch.getByLabel('Window end').fill('2026-12-01T18:00');
      await launch.getByRole('button', { name: 'Save launch plan' }).click();
      await expect.poll(() => launch.locator(':scope > summary').innerText()).toContain('09:00 AM GMT+9');
      expect(await launch.getByLabel('Window start').inputValue()).toBe('2026-12-01T09:00');
    } finally {
      await context.close();
    }
  });
});
