import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, mustRunBrowserTests } from './chromium';
import { codeLikeText, overflowProblems, readableTexts } from './layout-checks';
import { startSandboxProcess, type SandboxProcess } from './sandbox-server';
import { moduleFrame } from './frames';

/**
 * Issue 15's "Done when": every Custom UI module, on the demo's requests at each stage, in the light
 * and the dark theme, fits 360 px and 480 px with no sideways scrolling, and shows no code-like text.
 * Jira gives an issue panel or a dashboard column the width it has; the module must fit it.
 */
const WIDTHS = [360, 480] as const;
const THEMES = ['light', 'dark'] as const;
/** A zone other than UTC, so a time shown in UTC instead of the viewer's zone is caught. */
const VIEWER_TIME_ZONE = 'America/New_York';

/** Where, and what: "the panel on MKT-3 (Build, dark) at 360 px: the page scrolls sideways …". */
type Finding = string;

describe.skipIf(!mustRunBrowserTests)('every Custom UI module at 360 and 480 px, light and dark', () => {
  let sandbox: SandboxProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    sandbox = await startSandboxProcess();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, timezoneId: VIEWER_TIME_ZONE });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  const frameOf = (moduleKey: string): Promise<Frame> => moduleFrame(page, moduleKey);
  /** Waits until the module has rendered its content, not its loading skeleton. */
  const rendered = async (moduleKey: string, selector: string): Promise<Frame> => {
    const frame = await frameOf(moduleKey);
    await expect.poll(() => frame.locator(selector).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    return frame;
  };
  const setTheme = async (theme: (typeof THEMES)[number]) => {
    const toggle = page.getByRole('button', { name: theme === 'dark' ? 'Dark theme' : 'Light theme' });
    if ((await toggle.count()) > 0) await toggle.click();
    await expect.poll(() => page.evaluate("document.documentElement.getAttribute('data-color-mode')")).toBe(theme);
  };

  /** Lays the module's frame out at each width and collects what does not fit, and what reads as code. */
  const check = async (moduleKey: string, where: string, findings: Finding[]) => {
    const frame = await frameOf(moduleKey);
    for (const width of WIDTHS) {
      await page
        .locator(`iframe[data-module="${moduleKey}"]`)
        .first()
        .evaluate((element, px) => {
          (element as unknown as { style: { width: string } }).style.width = `${px}px`;
        }, width);
      await expect.poll(() => frame.evaluate('document.documentElement.clientWidth')).toBe(width);
      await frame.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
      for (const problem of await overflowProblems(frame)) findings.push(`${where} at ${width} px: ${problem}`);
    }
    for (const text of await readableTexts(frame)) for (const problem of codeLikeText(text)) findings.push(`${where}: ${problem}`);
  };

  it.each(THEMES)('the dashboard gadgets, their edit views and the admin page, %s theme', async (theme) => {
    await page.goto(`${sandbox!.url}/dashboard`);
    await setTheme(theme);
    const findings: Finding[] = [];
    await rendered('workflow-health-gadget', '[data-testid="health-gadget"]');
    await check('workflow-health-gadget', `Workflow health (${theme})`, findings);
    await rendered('triage-queue-gadget', '[data-testid="triage-gadget"]');
    await check('triage-queue-gadget', `Triage queue (${theme})`, findings);
    await rendered('outcomes-gadget', '[data-testid="outcomes-gadget"]');
    await check('outcomes-gadget', `Outcomes (${theme})`, findings);
    for (const [moduleKey, title] of [
      ['workflow-health-gadget', 'Workflow health'],
      ['triage-queue-gadget', 'Triage queue'],
    ] as const) {
      await page.locator(`[data-gadget="${moduleKey}"]`).getByRole('button', { name: 'Edit' }).click();
      await rendered(moduleKey, 'form');
      await check(moduleKey, `${title}'s edit view (${theme})`, findings);
      await page.locator(`[data-gadget="${moduleKey}"]`).getByRole('button', { name: 'Cancel' }).click();
    }

    await page.goto(`${sandbox!.url}/admin`);
    const admin = await rendered('flight-plan-admin', '[data-testid="config-revision"]');
    await admin.getByRole('button', { name: 'Show the audit' }).click();
    await expect.poll(() => admin.getByTestId('audit-table').count(), { timeout: 20_000 }).toBe(1);
    await check('flight-plan-admin', `the admin page (${theme})`, findings);
    expect(findings).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
