import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import { describedBy } from './frames';
import {
  daysFromNow,
  actAs as actAsOn,
  gateChecklist,
  gateProgress,
  invokePanel,
  keysByStatus,
  openSection as openSectionOf,
  panelMain,
} from './issue-panel-page';
import type { SandboxProcess } from './sandbox-server';

const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
/** The README's screenshots are tracked files: a test run rewrites them only when asked to. */
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';

/** Takes a README screenshot when UPDATE_SCREENSHOTS=1; otherwise the page is left as it is. */
const readmeScreenshot = async (page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> => {
  if (UPDATE_SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, name), ...options });
};
const USERS = {
  admin: 'Avery Admin',
  builder: 'Blake Builder',
  compliance: 'Casey Compliance',
  executive: 'Emery Executive',
  triageLead: 'Morgan Ops',
} as const;

/** A date `days` from today, as a date input wants it. */

/**
 * Files a request from the board's create dialog, assigned to the builder: first without a success metric, which
 * Jira refuses beside the field (its field configuration marks it required), then with one the intake gate on Create
 * cannot measure, which the gate refuses by name, then with `successMetric`.
 */
const fileRequest = async (
  page: Page,
  brief: { summary: string; description: string; daysAhead: number; scores: readonly [string, string, string, string] },
  successMetric: string,
) => {
  await page.getByRole('button', { name: 'Create request' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Summary').fill(brief.summary);
  await dialog.getByLabel('Description (business context)').fill(brief.description);
  await dialog.getByLabel('Due date (requested launch)').fill(daysFromNow(brief.daysAhead));
  await dialog.getByLabel('Assignee (accountable owner)').selectOption({ label: 'Blake Builder' });
  for (const [index, label] of ['Impact', 'Confidence', 'Effort', 'Risk'].entries())
    await dialog.getByLabel(label).selectOption(brief.scores[index]!);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => describedBy(page, dialog.getByLabel('Success metric'))).toContain('Success metric is required.');
  await dialog.getByLabel('Success metric').fill('more leads by Q1');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => dialog.getByTestId('create-error').innerText()).toMatch(/^Intake gate: .*success metric/);
  await dialog.getByLabel('Success metric').fill(successMetric);
  await dialog.getByRole('button', { name: 'Create' }).click();
};

/** Each test starts from the demo site as the sandbox started, in a new browser context (see `openChromium`). */
describe.skipIf(!mustRunBrowserTests)('the sandbox in Chromium', () => {
  let sandbox: SandboxProcess;
  let browser: Browser;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, browser, page } = opened));

  const panel = (): FrameLocator => page.frameLocator('iframe[data-module="flight-plan-panel"]');
  const badge = (): FrameLocator => page.frameLocator('iframe[data-module="flight-plan-badge"]');
  /** The collapsed badge's status lozenge, as Jira shows it beside the context panel's label. */
  const badgeStatus = () => page.getByTestId('context-status-flight-plan-badge').textContent();
  /** Opens the badge's context panel (Jira keeps it collapsed until the user opens it, then remembers). */
  const openBadge = async () => {
    const toggle = page.getByRole('button', { name: /^Flight Plan\s*Gate progress/ });
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    await expect.poll(() => badge().locator('#root > *').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  };

  const actAs = (displayName: string) => actAsOn(page, displayName);

  const openIssue = async (key: string) => {
    await page.goto(`${sandbox.url}/browse/${key}`);
    await expect.poll(() => panelMain(panel()).count(), { timeout: 20_000 }).toBe(1);
  };

  const openSection = (title: string) => openSectionOf(panel(), title);
  /** A gate item by its words ("UTMs structured"), as the checklist lists it. */
  const gateItem = (words: string) => gateChecklist(panel()).getByRole('listitem').filter({ hasText: words });
  /** Moves the sandbox clock a day on, as the shell's "+1 day" does, and waits for the shell to show the new day. */
  const advanceDay = async () => {
    const before = await page.getByTestId('sandbox-clock').innerText();
    await page.getByRole('button', { name: '+1 day' }).click();
    await expect.poll(() => page.getByTestId('sandbox-clock').innerText(), { timeout: 20_000 }).not.toBe(before);
  };
  const comments = () => page.getByTestId('comments').getByRole('listitem').allInnerTexts();
  /**
   * MKT-1 made ready to launch through the panel's own resolvers, as the builder would in the panel: its link's UTM
   * fixed and the QA checks ticked (the test of the QA gate does the same in the panel itself).
   */
  const makeMkt1Launchable = async () => {
    const { record } = await invokePanel(sandbox.url, 'MKT-1', 'record/get', {});
    const invite = record.assets.find((asset) => asset.name === 'spring26-launch-email-invite-v2');
    await invokePanel(sandbox.url, 'MKT-1', 'asset/update', {
      assetId: invite!.id,
      trackedUrls: ['https://acme.example/webinar?utm_source=newsletter&utm_medium=email&utm_campaign=spring26-launch'],
    });
    for (const code of ['qa.claims-validated', 'qa.positioning-aligned', 'qa.links-functional', 'qa.forms-tested', 'qa.rollback-path'])
      await invokePanel(sandbox.url, 'MKT-1', 'checklist/answer', { code, done: true });
  };

  it('shows the board of demo requests by stage', async () => {
    await page.goto(sandbox.url);
    const board = page.getByTestId('board');
    await board.waitFor();
    const columns = await board.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(columns.map((title) => title.replace(/\s+\d+$/, ''))).toEqual(
      ['Intake', 'Triage', 'Waiting', 'Planning', 'Build', 'QA + Governance', 'Launch', 'Measure + Improve', 'Done', 'Declined'].map(
        (name) => name.toUpperCase(),
      ),
    );
    await expect.poll(() => page.getByTestId('request-count').innerText()).toBe('240 requests');
    // Every column fits a 1,400 px window (issue 15: Launch was cut off), and MKT-1 and MKT-2 wait in QA, as the README says.
    await page.setViewportSize({ width: 1400, height: 1000 });
    expect(await board.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
    const qa = board.getByRole('region', { name: /^QA \+ Governance: / });
    for (const key of ['MKT-1', 'MKT-2']) expect(await qa.getByText(key, { exact: true }).count()).toBe(1);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await readmeScreenshot(page, 'board.png');
  });

  it('refuses a request created without a success metric, naming it, and creates one with a full brief', async () => {
    await page.goto(sandbox.url);
    await fileRequest(
      page,
      {
        summary: 'Q3 partner webinar',
        description: 'Co-hosted webinar with our payments partner for finance leaders in the Nordics.',
        daysAhead: 30,
        scores: ['4', '3', '2', '2'],
      },
      '120 MQLs within 30 days of launch',
    );
    await page.waitForURL(/\/browse\/MKT-241$/);
    await expect.poll(() => page.getByTestId('issue-status').innerText()).toBe('INTAKE');
    // The trigger scored the new request: Impact 4 × Confidence 3 × (6 − Effort 2).
    await expect.poll(() => page.getByTestId('triage-score').innerText()).toBe('48');
  });

  it('keeps a revenue request in QA while a link lacks utm_campaign, and launches it once fixed and checked', async () => {
    await openIssue('MKT-1');
    await readmeScreenshot(page, 'issue-panel-light.png', { fullPage: true });
    // Collapsed, the badge shows the QA gate's progress from the app's dynamicProperties function.
    await expect.poll(badgeStatus).toMatch(/^QA \d+\/\d+$/);

    await page.getByRole('button', { name: 'Launch', exact: true }).click();
    const refusal = page.getByTestId('transition-error');
    await expect.poll(() => refusal.innerText()).toContain('QA gate: UTMs not structured on 1 link');
    await readmeScreenshot(page, 'refused-transition.png');

    const assets = await openSection('Assets');
    await assets.locator('summary', { hasText: 'Edit spring26-launch-email-invite-v2' }).click();
    await assets
      .getByLabel('Tracked links')
      .first()
      .fill('https://acme.example/webinar?utm_source=newsletter&utm_medium=email&utm_campaign=spring26-launch');
    await assets.getByRole('button', { name: 'Save asset' }).click();
    // Each item ends in its state, as a screen reader reads it.
    await expect.poll(() => gateItem('UTMs structured').innerText()).toMatch(/, done$/);

    const qa = await openSection('QA + Governance');
    for (const label of ['Claims validated', 'Positioning aligned', 'Links functional', 'Forms tested', 'Rollback path defined']) {
      await qa.getByLabel(label).click();
      await expect.poll(() => qa.getByLabel(label).isChecked()).toBe(true);
    }
    await expect.poll(() => gateProgress(panel())).toBe('ready');
    // The panel's changes reach the collapsed badge without a reload: the gate is complete.
    await expect.poll(badgeStatus).toMatch(/^QA (\d+)\/\1$/);
    await readmeScreenshot(page, 'issue-panel-qa.png', { fullPage: true });

    await page.getByRole('button', { name: 'Launch', exact: true }).click();
    await expect.poll(() => page.getByTestId('issue-status').innerText()).toBe('LAUNCH');
    // The panel and the badge follow the transition without a reload.
    await expect.poll(() => panel().locator('[aria-current="step"]').innerText()).toBe('Launch');
    await expect.poll(() => panel().getByLabel('Launch gate checklist').count()).toBe(1);
    await expect.poll(badgeStatus).toMatch(/^Launch \d+\/\d+$/);
    await openBadge();
    await expect
      .poll(() =>
        badge()
          .getByLabel(/^Gate progress /)
          .textContent(),
      )
      .toMatch(/^Launch \d+\/\d+/);
  });

  it('fires the launch watch as the simulated clock moves on, each prompt once', async () => {
    await makeMkt1Launchable();
    await openIssue('MKT-1');
    await page.getByRole('button', { name: 'Launch', exact: true }).click();
    await expect.poll(() => page.getByTestId('issue-status').innerText()).toBe('LAUNCH');
    // The watch counts from the entry into Launch the app logged from Jira's event: once the panel follows the move,
    // and the app's work in flight is done, it has been logged.
    await expect.poll(() => panel().locator('[aria-current="step"]').innerText()).toBe('Launch');
    expect((await fetch(`${sandbox.url}/sandbox/settle`, { method: 'POST' })).status).toBe(204);
    // A prompt per checkpoint in the hour it falls due (the day runs the hourly jobs every simulated hour), to the
    // monitoring owner, each once however many days go by: the first day brings +1 h and +24 h, the third +72 h.
    const prompts = async () => (await comments()).filter((text) => /launch observation was due/.test(text));
    const checkpoints = async () => (await prompts()).map((text) => /the (\+\d+h) launch observation/.exec(text)?.[1]);
    await advanceDay();
    await expect.poll(checkpoints, { timeout: 20_000 }).toEqual(['+1h', '+24h']);
    expect((await prompts())[0]).toMatch(
      /^Flight Plan .*\s+Flight Plan: @Blake Builder the \+1h launch observation was due at .* UTC\. Record it in the Flight Plan panel\./,
    );
    await advanceDay();
    await expect.poll(checkpoints, { timeout: 20_000 }).toEqual(['+1h', '+24h']);
    await advanceDay();
    await expect.poll(checkpoints, { timeout: 20_000 }).toEqual(['+1h', '+24h', '+72h']);
    for (let day = 0; day < 2; day++) await advanceDay();
    await expect.poll(checkpoints, { timeout: 20_000 }).toEqual(['+1h', '+24h', '+72h']);
    expect(await page.getByTestId('issue-status').innerText()).toBe('LAUNCH');
    // The panel flags the three observations as overdue.
    await expect.poll(() => panel().getByText('overdue').count(), { timeout: 20_000 }).toBe(3);
  });

  it("reminds MKT-2's assignee once when its QA SLA runs out on the simulated clock", async () => {
    // MKT-2 has waited in QA since the day before the sandbox started; its SLA is 3 business days.
    await openIssue('MKT-2');
    // The SLA reminder, not its escalation (due at twice the SLA).
    const reminders = async () =>
      (await comments()).filter((text) => text.includes('this request has been in QA + Governance') && !text.includes('escalation:'));
    // Business days: a weekend on the way takes two more days.
    for (let day = 0; day < 6 && (await reminders()).length === 0; day++) await advanceDay();
    await expect.poll(reminders, { timeout: 20_000 }).toHaveLength(1);
    // Its time as Jira shows it, in words in the viewer's zone ("Jun 1, 2026, 10:00 AM"), not an ISO timestamp.
    expect((await reminders())[0]).toMatch(
      /^Flight Plan [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}\s[AP]M\s+Flight Plan: @Blake Builder this request has been in QA \+ Governance for \d+ business days; its SLA is 3\./,
    );
    // Once: the days after add none.
    await advanceDay();
    await advanceDay();
    expect(await page.getByTestId('issue-status').innerText()).toBe('QA + GOVERNANCE');
    expect(await reminders()).toHaveLength(1);
  });

  it('saves a finished request as a template, starts a new request from it, and an admin reviews and removes it', async () => {
    const byStatus = await keysByStatus(sandbox.url, ['Done', 'Intake']);
    const [done] = byStatus.get('Done') ?? [];
    const [fresh] = byStatus.get('Intake') ?? [];
    /** The audit trail's entries, newest first, its section opened first. */
    const auditTrail = () => panel().getByTestId('audit-trail').getByRole('listitem');
    const newestAudit = async () => {
      await openSection('Audit trail');
      return auditTrail().first().textContent();
    };
    await openIssue(done!);
    const retro = await openSection('Retrospective');
    await retro.getByLabel('Template name').fill('Launch kit');
    await retro.getByRole('button', { name: 'Save as template' }).click();
    await expect.poll(newestAudit).toContain('saved as the template "Launch kit"');

    // A request still in intake, with no assets yet, starts from it.
    await openIssue(fresh!);
    const plan = await openSection('Plan');
    // The demo has a template of its own: pick the one just saved by its name.
    await plan.getByLabel('Template').selectOption({ label: `Launch kit (from ${done!})` });
    await plan.getByRole('button', { name: 'Start from this template' }).click();
    await expect.poll(newestAudit).toContain('started from the template "Launch kit"');
    const assets = await openSection('Assets');
    const names = (await assets.getByText(/^Edit \S+$/).allInnerTexts()).map((summary) => summary.replace(/^Edit /, ''));
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => /^draft-[a-z0-9]+-\d+$/.test(name))).toBe(true);

    // Approvers are picked by name from the members of the role an admin set.
    const planAgain = await openSection('Plan');
    await planAgain.getByLabel('Role', { exact: true }).selectOption({ label: 'Compliance' });
    await planAgain.getByLabel('Approver', { exact: true }).selectOption({ label: 'Casey Compliance' });
    await planAgain.getByRole('button', { name: 'Add approver' }).click();
    await planAgain.getByRole('button', { name: 'Save plan' }).click();
    await expect.poll(newestAudit).toContain('plan updated');
    await expect
      .poll(async () => (await openSection('Plan')).getByRole('list', { name: 'Approvers' }).getByRole('listitem').first().textContent())
      .toContain('Casey Compliance');

    // The admin page lists the template, and an admin can remove it.
    const admin = page.frameLocator('iframe[data-module="flight-plan-admin"]');
    await page.goto(`${sandbox.url}/admin`);
    await actAs(USERS.admin);
    const templates = admin.getByTestId('templates');
    // Beside the demo's own template.
    const templateNames = () => templates.getByRole('rowheader').allTextContents();
    await expect.poll(templateNames, { timeout: 20_000 }).toContain('Launch kit');
    const before = (await templateNames()).length;
    await admin.getByRole('button', { name: 'Remove Launch kit' }).click();
    await expect.poll(templateNames).toHaveLength(before - 1);
    expect(await templateNames()).not.toContain('Launch kit');
  });

  it('holds a compliance approval to the copy it approved: stale once the builder changes it, launched once approved again', async () => {
    const approve = async () => {
      await actAs(USERS.compliance);
      await openIssue('MKT-2');
      const qa = await openSection('QA + Governance');
      await qa.getByRole('button', { name: 'Approve as Compliance' }).click();
      await expect
        .poll(() => qa.getByRole('list', { name: 'Approvals' }).getByRole('listitem').first().innerText())
        .toMatch(/^approved\s+Compliance by Casey Compliance/);
      // The approval path shows the step done, by whom.
      await expect
        .poll(() => qa.getByTestId('path-step-compliance').innerText())
        .toMatch(/^approved\s+Compliance: approved by Casey Compliance \(/);
    };
    await page.goto(sandbox.url);
    await approve();

    // The builder changes the copy: the approval no longer covers what would ship.
    await actAs(USERS.builder);
    await openIssue('MKT-2');
    const assets = await openSection('Assets');
    await assets.locator('summary', { hasText: 'Edit spring26-savings-email-invite-v2' }).click();
    await assets.getByLabel('Copy').fill('Earn 9% APY, the best rate in the market');
    await assets.getByRole('button', { name: 'Save asset' }).click();
    const qa = await openSection('QA + Governance');
    await expect
      .poll(() => qa.getByRole('list', { name: 'Approvals' }).getByRole('listitem').first().innerText())
      .toMatch(/^out of date\s+Compliance by Casey Compliance.*approved before the copy changed on /);
    // The step waits again, for Casey, since the change.
    await expect
      .poll(() => qa.getByTestId('path-step-compliance').innerText())
      .toMatch(/^waiting\s+Compliance: 1 more approval needed, waiting less than an hour · next: Casey Compliance$/);
    await page.getByRole('button', { name: 'Launch', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('transition-error').innerText())
      .toContain('QA gate: compliance approval out of date: the copy changed after it was given');

    // Approved again, on the copy as it is now, it launches.
    await approve();
    await page.getByRole('button', { name: 'Launch', exact: true }).click();
    await expect.poll(() => page.getByTestId('issue-status').innerText()).toBe('LAUNCH');
  });

  it('lets a read-only executive see the Flight Plan but not change the issue', async () => {
    await page.goto(sandbox.url);
    await actAs(USERS.executive);
    await openIssue('MKT-2');
    await expect.poll(() => panel().getByText('You can read this Flight Plan').count()).toBe(1);
    await expect
      .poll(() =>
        panel()
          .getByRole('button', { name: /^Approve as / })
          .count(),
      )
      .toBe(0);
    await page.getByRole('button', { name: 'Return to build' }).click();
    await expect
      .poll(() => page.getByTestId('transition-error').innerText())
      .toContain('You do not have permission to edit issues in this project.');
  });

  it('shows neither the panel nor the badge on an issue that is not a Marketing Request (display conditions)', async () => {
    const created = await fetch(`${sandbox.url}/rest/api/3/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { project: { key: 'MKT' }, issuetype: { name: 'Task' }, summary: 'Order plants for the office' } }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const modulesAsked = page.waitForResponse((response) => response.url().endsWith('/sandbox/issue-view'));
    await page.goto(`${sandbox.url}/browse/${key}`);
    expect(await (await modulesAsked).json()).toEqual([]);
    await expect.poll(() => page.getByRole('heading', { name: 'Order plants for the office' }).count()).toBe(1);
    expect(await page.locator('iframe[data-module]').count()).toBe(0);
    expect(await page.getByTestId('context-status-flight-plan-badge').count()).toBe(0);
  });

  /** The admin page's recent changes, newest first. */
  const recentChanges = (admin: FrameLocator) => admin.getByRole('list', { name: 'Recent changes' }).getByRole('listitem');
  const gadget = (key: string): FrameLocator => page.frameLocator(`iframe[data-module="${key}"]`);
  /** A gadget's line saying what it reports on ("MKT · all tiers · last 90 days · …"). */
  const scopeLine = (frame: FrameLocator) => frame.getByText(/ · (all tiers|Low-risk|Revenue|Regulated) · /);

  it("refreshes one gadget from its own Refresh and both from the dashboard's, through Jira's refresh event", async () => {
    await page.goto(`${sandbox.url}/dashboard`);
    await expect.poll(() => gadget('triage-queue-gadget').getByTestId('triage-gadget').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => gadget('workflow-health-gadget').getByTestId('health-gadget').count(), { timeout: 20_000 }).toBe(1);
    // A mark in each gadget's page shows whether Jira loaded the gadget again or the gadget refreshed itself.
    const frameOf = async (module: string) => (await (await page.$(`iframe[data-module="${module}"]`))!.contentFrame())!;
    const marked = async (module: string) =>
      (await frameOf(module)).evaluate(() => (globalThis as { refreshMark?: boolean }).refreshMark === true);
    for (const module of ['triage-queue-gadget', 'workflow-health-gadget'])
      await (await frameOf(module)).evaluate(() => ((globalThis as { refreshMark?: boolean }).refreshMark = true));
    const reloaded: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/sandbox/invoke'))
        reloaded.push((JSON.parse(request.postData() ?? '{}') as { moduleKey: string }).moduleKey);
    });
    const invoked = (module: string) =>
      page.waitForResponse(
        (response) =>
          response.url().endsWith('/sandbox/invoke') && (response.request().postData() ?? '').includes(`"moduleKey":"${module}"`),
      );
    // Every gadget with refreshable: false hears the event; only the one whose button was pressed reloads.
    const triageReloaded = invoked('triage-queue-gadget');
    await page.locator('[data-gadget="triage-queue-gadget"]').getByRole('button', { name: 'Refresh' }).click();
    await triageReloaded;
    expect([...new Set(reloaded)]).toEqual(['triage-queue-gadget']);
    // The dashboard's refresh reaches every gadget, in the same frames (Jira does not reload a gadget that overrides its refresh).
    const othersReloaded = Promise.all([invoked('workflow-health-gadget'), invoked('outcomes-gadget')]);
    await page.getByRole('button', { name: 'Refresh dashboard' }).click();
    await othersReloaded;
    expect([...new Set(reloaded)].sort()).toEqual(['outcomes-gadget', 'triage-queue-gadget', 'workflow-health-gadget']);
    expect([await marked('triage-queue-gadget'), await marked('workflow-health-gadget')]).toEqual([true, true]);
  });

  it('shows Workflow health on the demo data, against the previous period, and follows a new configuration', async () => {
    await page.goto(`${sandbox.url}/dashboard`);
    const health = gadget('workflow-health-gadget');
    await expect.poll(() => health.getByTestId('health-gadget').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => scopeLine(health).innerText()).toMatch(/^MKT · all tiers · last 90 days · \d+ launches of \d+ requests$/);
    const tiles = ['Cycle time, median', 'Cycle time, 85th pct', 'On time', 'QA defect rate', 'Revisions per request', 'Throughput'];
    const changes = await Promise.all(
      tiles.map(async (label) => (await health.getByRole('group', { name: label }).innerText()).split('\n').at(-1)),
    );
    expect(changes.filter((change) => change?.endsWith('vs the previous 90 days')).length).toBeGreaterThan(3);
    // A rate changes by percentage points (issue 15: "▲ 18%" read as a relative change): the tile's last line.
    expect((await health.getByRole('group', { name: 'QA defect rate' }).innerText()).split('\n').at(-1)).toMatch(
      /^(same as|[▲▼] (\d+|\d\.\d|under 0\.1) percentage points? vs)/,
    );
    expect(await health.getByRole('img', { name: /; the bottleneck is / }).count()).toBe(1);
    expect(await health.getByRole('link', { name: /^Open MKT-\d+$/ }).count()).toBeGreaterThan(20);
    await expect.poll(() => gadget('triage-queue-gadget').getByTestId('triage-gadget').count()).toBe(1);
    await readmeScreenshot(page, 'dashboard.png', { fullPage: true });
    // A week's bar opens the launches behind it in Jira's issue search.
    const week = health.getByRole('link', { name: /^Open the \d+ launch(es)? of the week of / }).last();
    const launches = Number(/^Open the (\d+) launch/.exec((await week.getAttribute('aria-label')) ?? '')?.[1]);
    await week.click();
    await page.waitForURL(/\/issues\/\?jql=/);
    await expect.poll(() => page.getByTestId('search-results').getByRole('listitem').count()).toBe(launches);
    await page.goto(`${sandbox.url}/dashboard`);
    await expect.poll(() => health.getByTestId('health-gadget').count(), { timeout: 20_000 }).toBe(1);

    const slot = page.locator('[data-gadget="workflow-health-gadget"]');
    await slot.getByRole('button', { name: 'Edit' }).click();
    const edit = gadget('workflow-health-gadget');
    // Projects are picked from those the viewer may browse (issue 15: a typed key could name no project).
    const marketing = edit.getByRole('checkbox', { name: /\(MKT\)$/ });
    await expect.poll(() => marketing.isChecked(), { timeout: 20_000 }).toBe(true);
    await marketing.uncheck();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => edit.getByRole('alert').innerText()).toContain('choose at least one project');
    await marketing.check();
    await edit.getByLabel('Period').selectOption('30');
    await edit.getByLabel('Tier').selectOption('revenue');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => scopeLine(gadget('workflow-health-gadget')).innerText(), { timeout: 20_000 })
      .toMatch(/^MKT · Revenue · last 30 days · /);

    const slowest = gadget('workflow-health-gadget').getByRole('list', { name: 'Slowest launches' }).getByRole('link').first();
    const key = await slowest.innerText();
    await slowest.click();
    await page.waitForURL(new RegExp(`/browse/${key}$`));
  });

  it('scopes Workflow health by a JQL query run as the viewer', async () => {
    await page.goto(`${sandbox.url}/dashboard`);
    const slot = page.locator('[data-gadget="workflow-health-gadget"]');
    await slot.getByRole('button', { name: 'Edit' }).click();
    const edit = gadget('workflow-health-gadget');
    await edit.getByLabel('found by JQL').check();
    await edit.getByLabel(/^JQL/).fill('project = MKT AND flightPlanTier = regulated');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => scopeLine(gadget('workflow-health-gadget')).innerText(), { timeout: 20_000 })
      .toMatch(/^JQL: project = MKT AND flightPlanTier = regulated · all tiers · last 90 days · \d+ launch/);
    // JQL Jira cannot run is refused before it is saved, in Jira's words, and the edit view stays open.
    await slot.getByRole('button', { name: 'Edit' }).click();
    await gadget('workflow-health-gadget').getByLabel(/^JQL/).fill('colour = red');
    await gadget('workflow-health-gadget').getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => gadget('workflow-health-gadget').getByText("Field 'colour' does not exist").count(), { timeout: 20_000 })
      .toBe(1);
    await gadget('workflow-health-gadget').getByLabel('of projects').check();
    await gadget('workflow-health-gadget')
      .getByRole('checkbox', { name: /\(MKT\)$/ })
      .check();
    await gadget('workflow-health-gadget').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => scopeLine(gadget('workflow-health-gadget')).innerText(), { timeout: 20_000 }).toMatch(/^MKT · /);
  });

  it("lists at-risk launches on Workflow health with the backtest line, and the request's own forecast on its panel", async () => {
    await page.goto(`${sandbox.url}/dashboard`);
    const atRisk = gadget('workflow-health-gadget').getByTestId('at-risk-launches');
    await expect.poll(() => atRisk.count(), { timeout: 20_000 }).toBe(1);
    expect(await atRisk.getByText(/^Open requests with less than/).innerText()).toBe(
      'Open requests with less than a 50% chance of launching by the date asked for, least likely first.',
    );
    const launches = atRisk.getByRole('listitem');
    const chances = (await launches.getByText(/% on time$/).allInnerTexts()).map((text) => Number(/^[<>]?(\d+)% on time$/.exec(text)?.[1]));
    expect(chances.length).toBeGreaterThan(0);
    expect(chances.length).toBeLessThanOrEqual(10);
    expect(chances.every((chance) => chance < 50)).toBe(true);
    expect(chances).toEqual([...chances].sort((a, b) => a - b));
    expect(
      await launches
        .first()
        .getByText(/^asked for /)
        .innerText(),
    ).toMatch(
      /^asked for [A-Z][a-z]{2} \d{1,2}(, \d{4})? · 85% likely by [A-Z][a-z]{2} \d{1,2}(, \d{4})? · [A-Z][A-Za-z +]+ · ([A-Z][a-z]+ [A-Z][a-z]+|unassigned)$/,
    );
    expect(await atRisk.getByTestId('forecast-backtest').innerText()).toMatch(
      /^Of the forecasts made 8 weeks ago, \d+% landed by their p85 date \(\d+ requests?\)\. The team will likely launch \d+ requests in the next 4 weeks, and at least \d+ at 85% odds\.$/,
    );
    await readmeScreenshot(page, 'at-risk-launches.png', { fullPage: true });

    const first = launches.first().getByRole('link');
    const key = await first.innerText();
    await first.click();
    await page.waitForURL(new RegExp(`/browse/${key}$`));
    await expect.poll(() => panel().getByTestId('launch-forecast').count(), { timeout: 20_000 }).toBe(1);
    expect(await panel().getByTestId('launch-forecast').innerText()).toMatch(
      /^Launch forecast: Likely [A-Z][a-z]{2} \d{1,2}(, \d{4})?(\s–\s([A-Z][a-z]{2} )?\d{1,2}(, \d{4})?)?; [<>]?\d+% chance by [A-Z][a-z]{2} \d{1,2}(, \d{4})?, the date you asked for\.( The dates allow for its assignee's load: [\d.]+ times the team's usual\.)? From the team's last \d+ launches, if the request goes ahead\.$/,
    );
  });

  it('ranks the triage queue by score with recommendation, tier, age and SLA', async () => {
    await page.goto(`${sandbox.url}/dashboard`);
    const queue = gadget('triage-queue-gadget');
    await expect.poll(() => queue.getByTestId('triage-gadget').count(), { timeout: 20_000 }).toBe(1);
    const rows = queue.getByRole('list', { name: 'Requests awaiting triage, highest score first' }).getByRole('listitem');
    expect(await rows.count()).toBe(10);
    const scores = (
      await queue.getByTestId('queue-score').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-score')))
    ).map((score) => (score === '' ? -1 : Number(score)));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await rows.first().innerText()).toMatch(
      /score \d+ of 125[\s\S]*recommend (accept|wait|decline)[\s\S]*\d+(\.\d)? days? in (Triage|Waiting)/i,
    );
    await queue.getByRole('button', { name: /^Show all \d+$/ }).click();
    expect(await rows.count()).toBeGreaterThan(10);
  });

  it('lets a Jira admin edit the configuration: errors beside the field, a stale save refused, only admins allowed', async () => {
    // A launch the QA gate refuses, for the quarterly audit to count below.
    await openIssue('MKT-1');
    await page.getByRole('button', { name: 'Launch', exact: true }).click();
    await expect.poll(() => page.getByTestId('transition-error').innerText()).toContain('QA gate:');

    const admin = () => page.frameLocator('iframe[data-module="flight-plan-admin"]');
    await page.goto(`${sandbox.url}/admin`);
    await actAs(USERS.admin);
    await expect.poll(() => admin().getByTestId('config-revision').count(), { timeout: 20_000 }).toBe(1);
    const revision = Number((await admin().getByTestId('config-revision').innerText()).replace('Revision ', ''));
    const qaRevenue = admin().getByLabel('SLA of QA + Governance for Revenue, business days');
    await qaRevenue.fill('-1');
    await admin().getByRole('button', { name: 'Save configuration' }).click();
    await expect.poll(() => describedBy(admin(), qaRevenue)).toBe('must be at least 0');
    await readmeScreenshot(page, 'admin-config.png');
    await qaRevenue.fill('4');
    await admin().getByRole('button', { name: 'Save configuration' }).click();
    await expect
      .poll(() =>
        admin()
          .getByText(`Saved as revision ${revision + 1}.`)
          .count(),
      )
      .toBe(1);
    await expect.poll(() => recentChanges(admin()).first().innerText()).toContain('stage SLAs');

    // A second admin, who opened the page before that save, is refused rather than overwriting it.
    const other = await browser.newPage();
    await other.goto(`${sandbox.url}/admin`);
    const otherAdmin = other.frameLocator('iframe[data-module="flight-plan-admin"]');
    await expect.poll(() => otherAdmin.getByTestId('config-revision').innerText(), { timeout: 20_000 }).toBe(`Revision ${revision + 1}`);
    await qaRevenue.fill('5');
    await admin().getByRole('button', { name: 'Save configuration' }).click();
    await expect
      .poll(() =>
        admin()
          .getByText(`Saved as revision ${revision + 2}.`)
          .count(),
      )
      .toBe(1);
    await otherAdmin.getByLabel('Holidays').fill('2026-12-25');
    await otherAdmin.getByRole('button', { name: 'Save configuration' }).click();
    await expect.poll(() => otherAdmin.getByText('Not saved: someone else saved first').count()).toBe(1);
    await other.close();

    // The quarterly audit counts the QA gate's refusal of MKT-1 at the start of this test.
    await admin().getByRole('button', { name: 'Show the audit' }).click();
    const gateBlocks = admin()
      .getByTestId('audit-table')
      .getByRole('row', { name: /^Gate blocks/ })
      .first()
      .getByRole('cell')
      .first();
    await expect.poll(async () => Number(await gateBlocks.innerText()), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(await admin().getByLabel('CSV (copy it into a spreadsheet)').inputValue()).toMatch(
      /^section,figure,\d{4}-Q\d,\d{4}-Q\d\ngate blocks,all,[1-9]/,
    );
    // MKT was set up by the app's own setup when the sandbox was seeded: every gate is still on its transition.
    await expect
      .poll(() =>
        admin()
          .getByTestId('setup-checks')
          .getByRole('row')
          .filter({ has: admin().getByRole('cell') })
          .allInnerTexts(),
      )
      .toEqual([expect.stringMatching(/^MKT\s+[A-Z][a-z]{2} \d{1,2}, \d{4}, by Avery Admin\s+Every gate validator in place$/)]);
    await readmeScreenshot(page, 'admin-audit.png', { fullPage: true });

    await actAs('Morgan Ops');
    await expect
      .poll(() => admin().getByText('only Jira admins can see and change the Flight Plan configuration').count(), { timeout: 20_000 })
      .toBe(1);
    await actAs(USERS.admin);
  });

  it('sets up a fresh project from the admin page, then walks a request there from intake to done, with an SLA reminder and the launch watch on the simulated clock', async () => {
    const admin = () => page.frameLocator('iframe[data-module="flight-plan-admin"]');
    await page.goto(`${sandbox.url}/admin`);
    await actAs(USERS.admin);
    // Brand Studio is a company-managed project with Jira's Task type and default workflow only. The
    // site already has the Flight Plan workflow (the sandbox set MKT up with the same use case), so
    // setup gives BRD its own copy of its issue type scheme with the type added (other projects may
    // share the scheme it has), and its own workflow and screen schemes.
    await admin().getByLabel('Project key').fill('brd');
    await admin().getByRole('button', { name: 'Preview changes' }).click();
    const plan = admin().getByTestId('setup-plan');
    await expect
      .poll(() => plan.getByRole('heading', { level: 3 }).innerText(), { timeout: 20_000 })
      .toMatch(/^Brand Studio \(BRD\): \d+ changes$/);
    const planned = await plan.getByRole('list', { name: 'Planned changes' }).locator(':scope > li').count();
    expect(await plan.getByRole('list', { name: 'Planned changes' }).locator(':scope > li').allInnerTexts()).toEqual([
      expect.stringContaining(
        'Create the issue type scheme "Flight Plan: BRD": a copy of "BRD: Issue Type Scheme" with "Marketing Request" added.',
      ),
      expect.stringContaining('Use the issue type scheme "Flight Plan: BRD" in BRD.'),
      expect.stringContaining('Create the workflow scheme "Flight Plan: BRD"'),
      expect.stringContaining('Use the workflow scheme "Flight Plan: BRD" in BRD.'),
      // The field configuration itself exists from MKT's setup; BRD gets its own copy of its field configuration scheme.
      expect.stringContaining('Create the field configuration scheme "Flight Plan: BRD"'),
      expect.stringContaining(
        'Use the field configuration "Flight Plan: Marketing Request" for "Marketing Request" in "Flight Plan: BRD".',
      ),
      expect.stringContaining('Use the field configuration scheme "Flight Plan: BRD" in BRD.'),
      expect.stringContaining('Create the issue type screen scheme "Flight Plan: BRD"'),
      expect.stringContaining('Use the issue type screen scheme "Flight Plan: BRD" in BRD.'),
    ]);
    await readmeScreenshot(page, 'admin-setup-plan.png');
    await plan.getByRole('button', { name: 'Set up BRD' }).click();
    const result = admin().getByTestId('setup-result');
    await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain('BRD is set up for Flight Plan');
    expect(await result.getByRole('list', { name: 'Changes made' }).locator(':scope > li').count()).toBe(planned);
    await readmeScreenshot(page, 'admin-setup-done.png');
    // Run again, it finds nothing to change.
    await admin().getByRole('button', { name: 'Preview changes' }).click();
    await expect
      .poll(() => admin().getByTestId('setup-plan').getByRole('heading', { level: 3 }).innerText(), { timeout: 20_000 })
      .toBe('Brand Studio (BRD): nothing to change');

    // A request filed in BRD goes through the gates the setup attached.
    const users = (await (await fetch(`${sandbox.url}/sandbox/users`)).json()) as { accountId: string; displayName: string }[];
    const idOf = (name: string) => users.find((user) => user.displayName === name)!.accountId;
    await page.goto(`${sandbox.url}/projects/BRD`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Brand Studio');
    // The intake expression setup wrote on Create refuses a request without a success metric.
    await fileRequest(
      page,
      {
        summary: 'Brand refresh launch email',
        description: 'Announce the refreshed brand to existing customers, with the new logo and colours.',
        daysAhead: 60,
        scores: ['2', '3', '2', '1'],
      },
      '300 leads within 30 days of launch',
    );
    await page.waitForURL(/\/browse\/BRD-1$/);
    /** The panel's own resolver calls on BRD-1, as the panel makes them for the acting user. */
    const panelCall = (functionKey: string, payload: Record<string, unknown> = {}, as: string = USERS.admin) =>
      invokePanel(sandbox.url, 'BRD-1', functionKey, payload, idOf(as));
    const status = () => page.getByTestId('issue-status').innerText();
    /** Takes a transition; a refusal shows in the failure, beside the status. */
    const move = async (transition: string, to: string) => {
      await page.getByRole('button', { name: transition, exact: true }).click();
      const refusal = page.getByTestId('transition-error');
      await expect
        .poll(async () => ((await refusal.count()) > 0 ? `${await status()}: ${await refusal.innerText()}` : status()), { timeout: 20_000 })
        .toBe(to);
    };

    await openIssue('BRD-1');
    await expect.poll(status).toBe('INTAKE');
    // Only the setup's transitions are offered: forward into triage, nothing else.
    expect(await page.getByRole('group', { name: 'Transitions' }).getByRole('button').allInnerTexts()).toEqual(['Send to triage']);
    await move('Send to triage', 'TRIAGE');
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect.poll(() => page.getByTestId('transition-error').innerText()).toContain('Triage gate');

    // Triage waits a week, past its SLA of 3 business days: one reminder to the assignee.
    for (let day = 0; day < 7; day++) await advanceDay();
    await expect
      .poll(async () => (await comments()).filter((text) => text.includes('its SLA is 3.')), { timeout: 20_000 })
      .toEqual([
        expect.stringMatching(/Flight Plan: @Blake Builder this request has been in Triage for \d+ business days; its SLA is 3\./),
      ]);

    // Triage decisions are the triage lead's.
    await panelCall('triage/set-tier', { tier: 'low-risk' }, USERS.triageLead);
    // The panel's Accept records the decision and makes the move itself: one flow, no second button to press.
    // On the scores the panel shows the lead.
    const shown = (await panelCall('record/get', {}, USERS.triageLead)) as unknown as { facts: { scores: unknown } };
    await panelCall('triage/decide', { decision: 'accept', scores: shown.facts.scores }, USERS.triageLead);
    await openIssue('BRD-1');
    await expect.poll(status).toBe('PLANNING');
    await panelCall('asset/add', { type: 'email', spec: '600px HTML email, one module', name: 'brand26-email-announce-v1' });
    await panelCall('plan/update', { definitionOfDone: 'Email sent to all active customers; opens tracked for 7 days.' });
    await move('Start build', 'BUILD');
    const { record } = await panelCall('record/get');
    await panelCall('asset/update', {
      assetId: record.assets[0]!.id,
      copy: 'Our brand has a fresh look. Same product, same team.',
      trackedUrls: ['https://acme.example/brand?utm_source=newsletter&utm_medium=email&utm_campaign=brand26'],
      readyForReview: true,
    });
    await move('Submit for QA', 'QA + GOVERNANCE');
    await panelCall('checklist/answer', { code: 'qa.links-functional', done: true });
    await move('Launch', 'LAUNCH');

    // The launch watch: +1 h, +24 h and +72 h prompts to the monitoring owner, each once.
    const now = Date.parse(((await (await fetch(`${sandbox.url}/sandbox/clock`)).json()) as { now: string }).now);
    await panelCall('launch/update', {
      window: { start: new Date(now).toISOString(), end: new Date(now + 2 * 86_400_000).toISOString() },
      monitoringOwnerId: idOf('Blake Builder'),
    });
    for (let day = 0; day < 4; day++) await advanceDay();
    const prompts = async () => (await comments()).filter((text) => /launch observation was due/.test(text));
    await expect
      .poll(async () => (await prompts()).map((text) => /the (\+\d+h) launch observation/.exec(text)?.[1]), { timeout: 20_000 })
      .toEqual(['+1h', '+24h', '+72h']);
    for (const checkpoint of ['1h', '24h', '72h'])
      await panelCall('launch/observe', { checkpoint, note: `Checked at +${checkpoint}: opens on track, no broken links.` });
    await move('Start measuring', 'MEASURE + IMPROVE');
    await panelCall('retro/answer', {
      slowedDown: 'Waiting in triage.',
      rework: 'None.',
      broke: 'Nothing.',
      template: 'Reuse the email module.',
    });
    await move('Close', 'DONE');
    // Every stage passed, no rework on the way.
    const track = panel().getByRole('list', { name: 'Flight Plan stages' }).getByRole('listitem');
    await expect.poll(() => track.filter({ hasText: /, passed$/ }).count()).toBe(7);
    expect(await panel().getByText('No revisions', { exact: true }).count()).toBe(1);
  }, 180_000);

  /**
   * axe-core's accessibility rules in each Custom UI frame, every section opened. The page-level
   * rules (one h1, one main landmark, all content in landmarks) are for whole pages: a module is
   * a fragment inside Jira's page, which has those.
   */
  it('passes axe-core accessibility checks in every module', async () => {
    const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const frames: [string, string][] = [
      ['/browse/MKT-2', 'flight-plan-panel'],
      ['/browse/MKT-2', 'flight-plan-badge'],
      ['/dashboard', 'workflow-health-gadget'],
      ['/dashboard', 'triage-queue-gadget'],
      ['/dashboard', 'outcomes-gadget'],
      ['/projects/MKT/apps/new-request-page', 'new-request-page'],
      ['/admin', 'flight-plan-admin'],
    ];
    for (const [url, module] of frames) {
      await page.goto(`${sandbox.url}${url}`);
      if (module === 'flight-plan-badge') await openBadge();
      const frameLocator = page.frameLocator(`iframe[data-module="${module}"]`);
      await expect.poll(() => frameLocator.locator('#root > *').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      // Checked once loaded, not while its "Loading …" line or spinner shows.
      const loading = frameLocator.getByText(/^Loading\b/).or(frameLocator.getByLabel(/^Loading\b/));
      await expect.poll(() => loading.count(), { timeout: 20_000 }).toBe(0);
      await page.waitForLoadState('networkidle');
      const frame = await (await page.$(`iframe[data-module="${module}"]`))!.contentFrame();
      const violations = await frame!.evaluate(async (source: string) => {
        const window = globalThis as unknown as {
          eval: (code: string) => void;
          axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
          document: { querySelectorAll: (selector: string) => { forEach: (callback: (element: { open: boolean }) => void) => void } };
        };
        window.eval(source);
        window.document.querySelectorAll('details').forEach((element) => (element.open = true));
        const result = await window.axe.run(window.document, {
          rules: { 'page-has-heading-one': { enabled: false }, 'landmark-one-main': { enabled: false }, region: { enabled: false } },
        });
        return result.violations.map(
          (violation) => `${violation.id} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        );
      }, axe);
      expect(violations, module).toEqual([]);
    }
  });

  it('follows the dark theme in the shell, the panel and the badge', async () => {
    await page.goto(sandbox.url);
    await actAs(USERS.admin);
    await openIssue('MKT-2');
    await openBadge();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    const panelMode = () => panel().locator('html').getAttribute('data-color-mode');
    await expect.poll(panelMode).toBe('dark');
    await expect.poll(() => badge().locator('html').getAttribute('data-color-mode')).toBe('dark');
    // Token colours, not fixed ones: the panel's background really turns dark.
    const background = await panel()
      .locator('body')
      .evaluate(
        (body) =>
          (globalThis as unknown as { getComputedStyle: (element: unknown) => { backgroundColor: string } }).getComputedStyle(body)
            .backgroundColor,
      );
    const [red = 255, green = 255, blue = 255] = (background.match(/\d+/g) ?? []).map(Number);
    expect(red + green + blue).toBeLessThan(200);
    await readmeScreenshot(page, 'issue-panel-dark.png', { fullPage: true });
    await page.goto(`${sandbox.url}/dashboard`);
    await expect
      .poll(() => gadget('workflow-health-gadget').locator('html').getAttribute('data-color-mode'), { timeout: 20_000 })
      .toBe('dark');
    await expect.poll(() => gadget('workflow-health-gadget').getByTestId('health-gadget').count(), { timeout: 20_000 }).toBe(1);
    await readmeScreenshot(page, 'dashboard-dark.png', { fullPage: true });
    await page.getByRole('button', { name: 'Light theme' }).click();
    await expect.poll(() => gadget('workflow-health-gadget').locator('html').getAttribute('data-color-mode')).toBe('light');
  });

  // The next two change the configuration (a claim expired, a longer Regulated path): they come last.
  it('edits the approval path on the admin page, shows it on the panel, and takes each role in its turn', async () => {
    const admin = () => page.frameLocator('iframe[data-module="flight-plan-admin"]');
    await page.goto(`${sandbox.url}/admin`);
    await actAs(USERS.admin);
    const regulated = admin().getByRole('group', { name: 'Approval path for Regulated' });
    await expect.poll(() => regulated.count(), { timeout: 20_000 }).toBe(1);
    await regulated.getByRole('button', { name: 'Add a role to the Regulated path' }).click();
    await expect.poll(() => regulated.getByLabel('Role 2 for Regulated', { exact: true }).inputValue()).toBe('brand');
    const count = regulated.getByLabel('Approvals needed from role 2 for Regulated');
    await count.fill('0');
    await admin().getByRole('button', { name: 'Save configuration' }).click();
    await expect.poll(() => regulated.getByRole('alert').first().innerText()).toBe('at least 1 approval');
    await count.fill('1');
    await admin()
      .getByLabel(/^Approval time \(business days\)/)
      .fill('3');
    await admin().getByRole('button', { name: 'Save configuration' }).click();
    await expect.poll(() => recentChanges(admin()).first().innerText()).toMatch(/by Avery Admin: approval paths, approval time$/);

    // Compliance first: Casey approves MKT-2, which then waits for Brand, whose planned approver is Morgan.
    await page.goto(sandbox.url);
    await actAs(USERS.compliance);
    await openIssue('MKT-2');
    await (await openSection('QA + Governance')).getByRole('button', { name: 'Approve as Compliance' }).click();
    await expect
      .poll(async () => (await openSection('QA + Governance')).getByTestId('path-step-compliance').innerText())
      .toMatch(/^approved\s+Compliance: approved by Casey Compliance \(/);
    await actAs(USERS.triageLead);
    await openIssue('MKT-2');
    const qa = await openSection('QA + Governance');
    await expect
      .poll(() => qa.getByTestId('path-step-brand').innerText())
      .toMatch(/^(waiting|overdue)\s+Brand: 1 more approval needed, waiting .* · next: Morgan Ops$/);
    await qa.getByRole('button', { name: 'Approve as Brand' }).click();
    await expect.poll(() => qa.getByTestId('path-step-brand').innerText()).toMatch(/^approved\s+Brand: approved by Morgan Ops \(/);
    expect(await qa.getByRole('button', { name: 'Approve as Brand' }).count()).toBe(0);
  });

  it("resolves MKT-2's claim by the messaging library, citing it, until the claim expires", async () => {
    // The builder puts the library's rate claim in the copy, word for word.
    await page.goto(sandbox.url);
    await actAs(USERS.builder);
    await openIssue('MKT-2');
    const assets = await openSection('Assets');
    await assets.locator('summary', { hasText: 'Edit spring26-savings-email-invite-v2' }).click();
    await assets
      .getByLabel('Copy')
      .fill('Earn 4.1% AER on instant-access savings. Your rate is guaranteed for 12 months. Full terms on the page.');
    await assets.getByRole('button', { name: 'Save asset' }).click();
    const qa = await openSection('QA + Governance');
    await expect
      .poll(() => qa.getByTestId('library-citation').allInnerTexts())
      .toEqual([
        expect.stringMatching(
          /^“guaranteed” in spring26-savings-email-invite-v\d+ resolved by the messaging library: “Your rate is guaranteed for 12 months”\s+\(approved by Avery Admin, good until [A-Z][a-z]{2} \d{1,2}, \d{4}; evidence: Rate sheet RS-2026-04/,
        ),
      ]);
    expect(await qa.getByLabel(/^Justification for "guaranteed"/).count()).toBe(0);

    // An admin sets the claim's last day in the past: it no longer resolves the hit, which waits for a justification again.
    const admin = () => page.frameLocator('iframe[data-module="flight-plan-admin"]');
    await page.goto(`${sandbox.url}/admin`);
    await actAs(USERS.admin);
    const claim = admin().getByRole('group', { name: 'Claim 1', exact: true });
    await expect.poll(() => claim.count(), { timeout: 20_000 }).toBe(1);
    await claim.getByLabel('Last day it may be used').fill('2020-01-31');
    await admin().getByRole('button', { name: 'Save configuration' }).click();
    await expect.poll(() => recentChanges(admin()).first().innerText()).toMatch(/by Avery Admin: messaging library$/);
    await expect.poll(() => claim.locator('legend').innerText()).toContain('expired, no longer counts');
    await page.goto(sandbox.url);
    await actAs(USERS.builder);
    await openIssue('MKT-2');
    const expired = await openSection('QA + Governance');
    await expect.poll(() => expired.getByLabel(/^Justification for "guaranteed"/).count()).toBe(1);
    expect(await expired.getByTestId('library-citation').count()).toBe(0);
  });
});

/**
 * A new site, as a customer's Jira is on the day they install the app: nothing of Flight Plan
 * exists, so Set up a project creates the issue type, the statuses, the workflow and its gates,
 * the schemes and the screen, all from the admin page.
 */
describe.skipIf(!mustRunBrowserTests)('a new site in Chromium', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium(['--bare'], (opened) => ({ sandbox, page } = opened));

  it('sets up its first project from the admin page, and the project takes requests through the gates at once', async () => {
    const admin = () => page.frameLocator('iframe[data-module="flight-plan-admin"]');
    await page.goto(`${sandbox.url}/admin`);
    // A team-managed project is refused, with what to do instead.
    await admin().getByLabel('Project key').fill('SOC');
    await admin().getByRole('button', { name: 'Preview changes' }).click();
    await expect.poll(() => admin().getByTestId('setup-plan').innerText(), { timeout: 20_000 }).toContain('SOC is a team-managed project.');
    expect(await admin().getByRole('button', { name: 'Set up SOC' }).count()).toBe(0);

    await admin().getByLabel('Project key').fill('MKT');
    await admin().getByRole('button', { name: 'Preview changes' }).click();
    const plan = admin().getByTestId('setup-plan');
    await expect.poll(() => plan.locator('h3').innerText(), { timeout: 20_000 }).toBe('Marketing Requests (MKT): 34 changes');
    const planned = await plan.getByRole('list', { name: 'Planned changes' }).locator(':scope > li').allInnerTexts();
    expect(planned.slice(0, 2)).toEqual([
      expect.stringContaining('Create the "Marketing Request" issue type.'),
      expect.stringContaining(
        'Create the workflow "Flight Plan: Marketing Request": 10 statuses (new: Intake, Triage, Planning, Build, QA + Governance, Launch, Measure + Improve, Waiting, Declined), 13 transitions, the 7 gate validators, the triage lead\'s decision on Wait and Decline, and the intake expression on Create.',
      ),
    ]);
    await plan.getByRole('button', { name: 'Set up MKT' }).click();
    const result = admin().getByTestId('setup-result');
    // Three calls of up to 12 changes each, made one after the other by the page.
    await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain('MKT is set up for Flight Plan');
    expect(await result.innerText()).toMatch(/34 changes made with \d+ Jira requests\./);

    await page.goto(`${sandbox.url}/projects/MKT`);
    await expect.poll(() => page.getByTestId('request-count').innerText()).toBe('0 requests');
    await fileRequest(
      page,
      {
        summary: 'Spring newsletter',
        description: 'The spring product newsletter for existing customers, with the three new reports.',
        daysAhead: 40,
        scores: ['3', '3', '2', '1'],
      },
      '2,000 sign-ups within 14 days of launch',
    );
    await page.waitForURL(/\/browse\/MKT-1$/);
    await expect.poll(() => page.getByTestId('issue-status').innerText(), { timeout: 20_000 }).toBe('INTAKE');
    expect(await page.getByRole('group', { name: 'Transitions' }).getByRole('button').allInnerTexts()).toEqual(['Send to triage']);
    // The trigger scored it, and the intake gate on the first transition passes a complete brief.
    await expect.poll(() => page.getByTestId('triage-score').innerText()).toBe('36');
    await page.getByRole('button', { name: 'Send to triage', exact: true }).click();
    await expect.poll(() => page.getByTestId('issue-status').innerText(), { timeout: 20_000 }).toBe('TRIAGE');
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect.poll(() => page.getByTestId('transition-error').innerText()).toContain('Triage gate');
  }, 120_000);
});
