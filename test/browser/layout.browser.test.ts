import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import { moduleFrame } from './frames';
import { completeTemplateCreate, keysByStatus, openIssuePanel, panelOf } from './issue-panel-page';
import { codeLikeTextIn, layOutAt, overflowProblems } from './layout-checks';
import type { SandboxProcess } from './sandbox-server';

/**
 * Issue 15's "Done when": every Custom UI module (the panel and the badge on the demo's requests at each stage, the
 * three gadgets and their edit views, the New marketing request project page, the admin page with its CRM import and
 * web trigger parts), in the light and the dark theme, fits 360 px and 480 px with no sideways scrolling, and shows
 * no code-like text. Jira gives an issue panel or a dashboard column the width it has; the module must fit it. Each
 * test starts from the demo site as the sandbox started.
 */
const WIDTHS = [360, 480] as const;
const THEMES = ['light', 'dark'] as const;
/** The demo's statuses, one per stage and the two off the track. */
const STATUSES = ['Intake', 'Triage', 'Waiting', 'Planning', 'Build', 'QA + Governance', 'Launch', 'Measure + Improve', 'Done', 'Declined'];
/** A zone other than UTC, so a time shown in UTC instead of the viewer's zone is caught. */
const VIEWER_TIME_ZONE = 'America/New_York';

/** Where, and what: "the panel on MKT-3 (dark) at 360 px: the page scrolls sideways …". */
type Finding = string;

describe.skipIf(!mustRunBrowserTests)('every Custom UI module at 360 and 480 px, light and dark', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, page } = opened), { timezoneId: VIEWER_TIME_ZONE });

  /** Waits until the module has rendered its content (found by `testId`), not its loading skeleton. */
  const rendered = async (moduleKey: string, testId: string) => {
    const frame = await moduleFrame(page, moduleKey);
    await expect.poll(() => frame.getByTestId(testId).count(), { timeout: 20_000 }).toBeGreaterThan(0);
  };
  /** The shell keeps the theme across its pages (in local storage); each module's frame follows it. */
  const setTheme = async (theme: (typeof THEMES)[number]) => {
    const toggle = page.getByRole('button', { name: theme === 'dark' ? 'Dark theme' : 'Light theme' });
    if ((await toggle.count()) > 0) await toggle.click();
    await expect.poll(() => page.evaluate("document.documentElement.getAttribute('data-color-mode')")).toBe(theme);
  };

  /** Lays the module's frame out at each width and collects what does not fit, and what reads as code. */
  const check = async (moduleKey: string, where: string, findings: Finding[]) => {
    for (const width of WIDTHS) {
      const frame = await layOutAt(page, moduleKey, width);
      for (const problem of await overflowProblems(frame)) findings.push(`${where} at ${width} px: ${problem}`);
    }
    const frame = await moduleFrame(page, moduleKey);
    for (const problem of await codeLikeTextIn(frame)) findings.push(`${where}: ${problem}`);
  };

  it('reads the text in code and pre blocks too, letting through only the code an admin is given to copy', async () => {
    await page.setContent(`<main>
      <p>Set the <code>monitoringOwnerId</code> first.</p>
      <pre>due from 2026-11-30T07:00:00.000Z</pre>
      <details open><summary>What to post</summary><pre>{"delivery": "wf-1", "sentAt": "2026-06-10T12:00:00Z"}</pre></details>
      <code aria-label="Secret">seedValueToPaste</code>
      <label>CSV (copy it into a spreadsheet)<textarea readonly>waiver,MKT-1,2026-06-10T12:00:00Z,5b10a2844c20165700ede21d</textarea></label>
    </main>`);
    expect(await codeLikeTextIn(page.mainFrame())).toEqual([
      'a code name: "monitoringOwnerId" in "monitoringOwnerId"',
      'an ISO timestamp: "2026-11-30T07:00" in "due from 2026-11-30T07:00:00.000Z"',
      'an account id: "5b10a2844c20165700ede21d" in "er,MKT-1,2026-06-10T12:00:00Z,5b10a2844c20165700ede21d"',
    ]);
  });

  it.each(THEMES)('the panel and the badge on a request at each stage, every section open, %s theme', async (theme) => {
    const byStatus = await keysByStatus(sandbox.url, STATUSES);
    const keys = ['MKT-1', 'MKT-2', ...[...byStatus.values()].flat()];
    expect(keys.length).toBeGreaterThanOrEqual(STATUSES.length);
    await page.goto(sandbox.url);
    await setTheme(theme);
    const findings: Finding[] = [];
    for (const key of keys) {
      await openIssuePanel(page, sandbox.url, key);
      await expect.poll(() => panelOf(page).locator('html').getAttribute('data-color-mode')).toBe(theme);
      await check('flight-plan-panel', `the panel on ${key} (${theme})`, findings);
      // The badge, opened as a person opens Jira's context panel (Jira keeps it collapsed until then).
      const toggle = page.getByRole('button', { name: /^Flight Plan\s*Gate progress/ });
      if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
      const badge = await moduleFrame(page, 'flight-plan-badge');
      await expect.poll(() => badge.getByText('Loading gate progress…').count(), { timeout: 20_000 }).toBe(0);
      await expect.poll(() => badge.locator('body').innerText()).not.toBe('');
      await check('flight-plan-badge', `the badge on ${key} (${theme})`, findings);
    }
    expect(findings).toEqual([]);
  });

  it.each(THEMES)('the dashboard gadgets and their edit views, %s theme', async (theme) => {
    await page.goto(`${sandbox.url}/dashboard`);
    await setTheme(theme);
    const findings: Finding[] = [];
    for (const [moduleKey, title, testId] of [
      ['workflow-health-gadget', 'Workflow health', 'health-gadget'],
      ['triage-queue-gadget', 'Triage queue', 'triage-gadget'],
      ['outcomes-gadget', 'Outcomes', 'outcomes-gadget'],
    ] as const) {
      await rendered(moduleKey, testId);
      await check(moduleKey, `${title} (${theme})`, findings);
      const slot = page.locator(`[data-gadget="${moduleKey}"]`);
      await slot.getByRole('button', { name: 'Edit' }).click();
      const edit = await moduleFrame(page, moduleKey);
      await expect.poll(() => edit.getByRole('form', { name: 'Gadget settings' }).count(), { timeout: 20_000 }).toBe(1);
      await check(moduleKey, `${title}'s edit view (${theme})`, findings);
      await slot.getByRole('button', { name: 'Cancel' }).click();
    }
    expect(findings).toEqual([]);
  });

  it.each(THEMES)('the New marketing request page, its templates listed and one started, %s theme', async (theme) => {
    await page.goto(`${sandbox.url}/projects/MKT/apps/new-request-page`);
    await setTheme(theme);
    const frame = await moduleFrame(page, 'new-request-page');
    const start = frame.getByRole('button', { name: /^Start from/ });
    await expect.poll(() => start.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const findings: Finding[] = [];
    await check('new-request-page', `the New marketing request page (${theme})`, findings);
    // Once the Create dialog closes with the new request, the page says so and links to it: laid out too.
    await start.first().click();
    const dialog = page.getByRole('dialog');
    await completeTemplateCreate(dialog);
    await expect.poll(() => frame.getByRole('link', { name: /^Open MKT-\d+$/ }).count(), { timeout: 20_000 }).toBe(1);
    await check('new-request-page', `the New marketing request page, a request started (${theme})`, findings);
    expect(findings).toEqual([]);
  });

  it.each(THEMES)('the admin page, with the audit, a CRM import preview and the web trigger secret shown, %s theme', async (theme) => {
    await page.goto(`${sandbox.url}/admin`);
    await setTheme(theme);
    await rendered('flight-plan-admin', 'config-revision');
    const admin = await moduleFrame(page, 'flight-plan-admin');
    await admin.getByRole('button', { name: 'Show the audit' }).click();
    await expect.poll(() => admin.getByTestId('audit-table').count(), { timeout: 20_000 }).toBe(1);
    // The CRM import's preview, of the demo CRM's own report, and the web trigger's address and secret.
    const report = await (await fetch(`${sandbox.url}/sandbox/demo-crm-report.csv`)).text();
    await admin.getByLabel('Kind of report').selectOption({ label: 'Flight Plan CSV' });
    await admin.getByLabel('CSV file').setInputFiles({ name: 'demo-crm-report.csv', mimeType: 'text/csv', buffer: Buffer.from(report) });
    await admin.getByRole('button', { name: 'Preview import' }).click();
    await expect.poll(() => admin.getByTestId('crm-preview').getByRole('heading').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await admin.getByRole('button', { name: 'Create a secret' }).click();
    await expect.poll(() => admin.getByRole('status').filter({ hasText: 'A new secret is in place' }).count()).toBe(1);
    const findings: Finding[] = [];
    await check('flight-plan-admin', `the admin page (${theme})`, findings);
    expect(findings).toEqual([]);
  });
});
