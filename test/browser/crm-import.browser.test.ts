import { createHmac } from 'node:crypto';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import type { SandboxProcess } from './sandbox-server';

/** The admin page's CRM import, each test from the demo site as the sandbox started: the demo report in, and the Outcomes gadget moves. */
describe.skipIf(!mustRunBrowserTests)('importing the demo CRM report in Chromium', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened: { sandbox: SandboxProcess; browser: Browser; page: Page }) => ({ sandbox, page } = opened));

  const outcomes = (): FrameLocator => page.frameLocator('iframe[data-module="outcomes-gadget"]');
  const tile = (label: string) => outcomes().getByRole('group', { name: label });
  /** A tile's figure: the line under its label. */
  const figure = async (label: string) => (await tile(label).innerText()).split('\n')[1] ?? '';
  const readTiles = async () => {
    await page.goto(`${sandbox.url}/dashboard`);
    await expect.poll(() => tile('Targets attained').count(), { timeout: 20_000 }).toBe(1);
    return { attained: await figure('Targets attained'), pipeline: await figure('Pipeline influence') };
  };

  it('previews the demo report, imports it, and the Outcomes gadget shows more targets attained and more pipeline', async () => {
    const before = await readTiles();
    const report = await (await fetch(`${sandbox.url}/sandbox/demo-crm-report.csv`)).text();

    await page.goto(`${sandbox.url}/admin`);
    const admin = page.frameLocator('iframe[data-module="flight-plan-admin"]');
    await expect.poll(() => admin.getByLabel('CSV file').count(), { timeout: 20_000 }).toBe(1);
    await admin.getByLabel('Kind of report').selectOption({ label: 'Flight Plan CSV' });
    await admin.getByLabel('CSV file').setInputFiles({ name: 'demo-crm-report.csv', mimeType: 'text/csv', buffer: Buffer.from(report) });
    await admin.getByRole('button', { name: 'Preview import' }).click();
    const rows = report.trim().split('\n').length - 1;
    const preview = admin.getByTestId('crm-preview');
    await expect.poll(() => preview.getByRole('heading').count(), { timeout: 20_000 }).toBe(1);
    // Some windows end on a day the demo CRM already reported: those dates change, the others are new.
    const heading = /^(\d+) rows: (\d+) new dates?, (\d+) changed dates?, 0 dates already kept$/.exec(
      await preview.getByRole('heading').innerText(),
    );
    const [added, changed] = [Number(heading?.[2]), Number(heading?.[3])];
    expect([Number(heading?.[1]), added + changed]).toEqual([rows, rows]);
    // Each campaign's change in words: the figure's name, and its value as people read it.
    expect(await preview.getByRole('cell').first().getByRole('listitem').first().innerText()).toMatch(
      /^\w{3} \d{1,2}, \d{4}: .*pipeline [\d,]+/,
    );
    await preview.getByRole('button', { name: `Import ${rows} dates` }).click();
    await expect
      .poll(() => admin.getByRole('status').filter({ hasText: 'updated' }).innerText())
      .toBe(`${rows} campaigns updated: ${added} new dates, ${changed} dates changed.`);

    // The same report again: nothing left to import.
    await admin.getByRole('button', { name: 'Preview import' }).click();
    await expect.poll(() => preview.getByRole('button', { name: 'Nothing to import' }).isDisabled()).toBe(true);

    const after = await readTiles();
    const percent = (text: string) => Number(text.replace('%', ''));
    const money = (text: string) => Number(text.replace(/[^\d.]/g, '')) * (/m$/i.test(text) ? 1_000_000 : /k$/i.test(text) ? 1_000 : 1);
    expect(percent(after.attained)).toBeGreaterThan(percent(before.attained));
    expect(money(after.pipeline)).toBeGreaterThan(money(before.pipeline));
  });

  it('creates a web trigger secret; a CRM post signed with it is kept, one signed otherwise refused with the manifest answer', async () => {
    await page.goto(`${sandbox.url}/admin`);
    const admin = page.frameLocator('iframe[data-module="flight-plan-admin"]');
    await expect.poll(() => admin.getByRole('button', { name: 'Create a secret' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await admin.getByLabel('Last signed post').innerText()).toBe('None yet.');
    await admin.getByRole('button', { name: 'Create a secret' }).click();
    await expect.poll(() => admin.getByRole('status').filter({ hasText: 'A new secret is in place' }).count()).toBe(1);
    const secret = await admin.getByLabel('Secret', { exact: true }).innerText();
    const address = await admin.getByLabel('Address').innerText();
    expect(address).toBe(`${sandbox.url}/x1/crm-figures`);

    const { now } = (await (await fetch(`${sandbox.url}/sandbox/clock`)).json()) as { now: string };
    const body = JSON.stringify({
      delivery: 'browser-test-1',
      sentAt: now,
      figures: [{ campaign: 'webtrigger-check', date: now.slice(0, 10), leads: 40, spend: 1200 }],
    });
    const post = (signedWith: string) =>
      fetch(address, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-flight-plan-signature': `sha256=${createHmac('sha256', signedWith).update(body).digest('hex')}`,
        },
        body,
      });
    const forged = await post('not-the-secret');
    expect([forged.status, await forged.json()]).toEqual([401, expect.objectContaining({ ok: false })]);
    const kept = await post(secret);
    expect([kept.status, await kept.json()]).toEqual([200, { ok: true, message: 'The figures were received.' }]);
    const again = await post(secret);
    expect(again.status).toBe(409);

    await page.reload();
    await expect
      .poll(() => admin.getByLabel('Last signed post').innerText(), { timeout: 20_000 })
      .toMatch(/: refused\. Delivery browser-test-1 was already received; a post is kept once\.$/);
  });
});
