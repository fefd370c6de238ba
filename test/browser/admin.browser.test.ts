import type { FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import { codeLikeText } from './layout-checks';
import type { SandboxProcess } from './sandbox-server';

/**
 * The admin page as a Jira admin uses it (issue 15): problems said in words beside the field and in
 * the summary above the Save button, and people picked by name, never typed as account IDs. Each test
 * starts from the admin page as loaded, acting as Avery Admin.
 */
describe.skipIf(!mustRunBrowserTests)('the admin page in Chromium', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, page } = opened));

  const admin = (): FrameLocator => page.frameLocator('iframe[data-module="flight-plan-admin"]');
  const openAdmin = async () => {
    await page.goto(`${sandbox.url}/admin`);
    const switcher = page.getByTestId('user-switcher');
    await switcher.selectOption(await switcher.locator('option', { hasText: 'Avery Admin' }).getAttribute('value'));
    await expect.poll(() => admin().getByTestId('config-revision').count(), { timeout: 20_000 }).toBe(1);
  };
  const revision = async () => Number((await admin().getByTestId('config-revision').innerText()).replace('Revision ', ''));

  it('says what is wrong with each field in words, beside it and in the summary above the Save button', async () => {
    await openAdmin();
    const qaRevenue = admin().getByLabel('SLA of QA + Governance for Revenue, business days');
    await qaRevenue.fill('-3');
    await admin().getByLabel('Lead time, Regulated (business days)').fill('2.5');
    await admin().getByLabel('Decline below a score of').fill('200');
    await admin().getByRole('button', { name: 'Save configuration' }).click();

    await expect.poll(() => admin().locator('td', { has: qaRevenue }).getByRole('alert').innerText()).toBe('must be at least 0');
    const field = (label: string) =>
      admin()
        .locator('.fp-field', { has: admin().getByLabel(label, { exact: true }) })
        .getByRole('alert');
    expect(await field('Lead time, Regulated (business days)').innerText()).toBe('must be a whole number');
    expect(await field('Decline below a score of').innerText()).toBe('must not be above the score to accept at');
    const summary = admin().getByRole('region', { name: 'Save' });
    expect(await summary.innerText()).toContain('Not saved: fix the fields marked above');
    expect(await summary.innerText()).toContain(
      'The lead time for Regulated: must be a whole number. The score to decline below: must not be above the score to accept at. ' +
        'The SLA of QA + Governance for Revenue: must be at least 0.',
    );
    expect(codeLikeText(await admin().locator('main').innerText())).toEqual([]);
  });

  it('routes by a person picked by name, and names them after a reload and in the recent changes', async () => {
    await openAdmin();
    const before = await revision();
    await admin().getByRole('button', { name: 'Add a rule' }).click();
    const rule = admin().getByRole('group', { name: 'Rule 1' });
    await expect.poll(() => rule.getByTestId('routing-1-assignee').innerText()).toBe('nobody yet: pick a person');
    await rule.getByLabel('Rule 1 channel').fill('email');
    await rule.getByLabel('Pick who rule 1 assigns to').fill('Bla');
    await rule.getByRole('button', { name: 'Blake Builder' }).click();
    await expect.poll(() => rule.getByTestId('routing-1-assignee').innerText()).toBe('Blake Builder');
    await admin().getByRole('button', { name: 'Save configuration' }).click();
    await expect
      .poll(() =>
        admin()
          .getByText(`Saved as revision ${before + 1}.`)
          .count(),
      )
      .toBe(1);

    await openAdmin();
    await expect
      .poll(() => admin().getByRole('group', { name: 'Rule 1' }).getByTestId('routing-1-assignee').innerText())
      .toBe('Blake Builder');
    expect(await admin().getByLabel('Rule 1 channel').inputValue()).toBe('email');
    expect(await admin().locator('.fp-changes li').first().innerText()).toMatch(/by Avery Admin: routing$/);
    expect(
      await admin()
        .getByText(/account ID/i)
        .count(),
    ).toBe(0);
  });

  it('refuses a routing rule saved without a person, naming the rule', async () => {
    await openAdmin();
    await admin().getByRole('button', { name: 'Add a rule' }).click();
    await admin().getByRole('button', { name: 'Save configuration' }).click();
    await expect
      .poll(() =>
        admin()
          .getByRole('group', { name: /^Rule \d$/ })
          .last()
          .getByRole('alert')
          .innerText(),
      )
      .toBe('must not be blank');
    expect(await admin().getByRole('region', { name: 'Save' }).innerText()).toMatch(/Routing rule \d: must not be blank\./);
  });
});
