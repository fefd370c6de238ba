import type { FrameLocator, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import { describedBy } from './frames';
import { actAs, invokePanel, keysByStatus, openIssuePanel, openSection } from './issue-panel-page';
import { codeLikeText } from './layout-checks';
import type { SandboxProcess } from './sandbox-server';

/**
 * The admin page as a Jira admin uses it (issue 15): problems said in words beside the field and in
 * the summary above the Save button, and people picked by name, never typed as account IDs. Each test
 * starts from the demo site as the sandbox started, on the admin page acting as Avery Admin.
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
  const recentChanges = () => admin().getByRole('list', { name: 'Recent changes' }).getByRole('listitem');
  const saveAs = async (expected: number) => {
    await admin().getByRole('button', { name: 'Save configuration' }).click();
    await expect.poll(() => admin().getByText(`Saved as revision ${expected}.`).count()).toBe(1);
  };
  /** Types the start of a name into a person picker and picks the person offered. */
  const pickPerson = async (within: Locator, label: string, name: string) => {
    await within.getByLabel(label).fill(name.slice(0, 4));
    await within
      .getByRole('list', { name: /^People matching / })
      .getByRole('button', { name })
      .click();
  };
  /** Each person's load on the Workflow health gadget ("Blake Builder 12.5 points (5 requests)"), by name. */
  const teamLoads = async (): Promise<Map<string, number>> => {
    const team = page.frameLocator('iframe[data-module="workflow-health-gadget"]').getByRole('list', { name: 'Load per person' });
    await expect.poll(() => team.count(), { timeout: 20_000 }).toBe(1);
    const loads = (await team.getByRole('listitem').allInnerTexts()).map((text) => /^(.+) (\d+(?:\.\d)?) points? /.exec(text));
    return new Map(loads.flatMap((read) => (read === null ? [] : [[read[1]!, Number(read[2])] as const])));
  };

  it('says what is wrong with each field in words, beside it and in the summary above the Save button', async () => {
    await openAdmin();
    const qaRevenue = admin().getByLabel('SLA of QA + Governance for Revenue, business days');
    await qaRevenue.fill('-3');
    await admin().getByLabel('Lead time, Regulated (business days)').fill('2.5');
    await admin().getByLabel('Decline below a score of').fill('200');
    await admin().getByRole('button', { name: 'Save configuration' }).click();

    await expect.poll(() => describedBy(admin(), qaRevenue)).toBe('must be at least 0');
    const field = (label: string) => describedBy(admin(), admin().getByLabel(label, { exact: true }));
    expect(await field('Lead time, Regulated (business days)')).toBe('must be a whole number');
    expect(await field('Decline below a score of')).toBe('must not be above the score to accept at');
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
    await pickPerson(rule, 'Pick who rule 1 assigns to', 'Blake Builder');
    await expect.poll(() => rule.getByTestId('routing-1-assignee').innerText()).toBe('Blake Builder');
    await saveAs(before + 1);

    await openAdmin();
    await expect
      .poll(() => admin().getByRole('group', { name: 'Rule 1' }).getByTestId('routing-1-assignee').innerText())
      .toBe('Blake Builder');
    expect(await admin().getByLabel('Rule 1 channel').inputValue()).toBe('email');
    expect(await recentChanges().first().innerText()).toMatch(/by Avery Admin: routing$/);
    expect(
      await admin()
        .getByText(/account ID/i)
        .count(),
    ).toBe(0);
  });

  /**
   * Issue 14, "Routing can prefer the least-loaded person among those a rule names": the rule's "Shared with"
   * people, picked by name, kept across a reload, each removable; and a request the triage lead accepts goes to
   * whichever of them the Team load shows least loaded.
   */
  it('shares a routing rule with people picked by name, and an accepted request goes to the least loaded of them', async () => {
    await page.goto(`${sandbox.url}/dashboard`);
    const loads = await teamLoads();

    await openAdmin();
    const before = await revision();
    await admin().getByRole('button', { name: 'Add a rule' }).click();
    const rule = admin().getByRole('group', { name: 'Rule 1' });
    await rule.getByLabel('Rule 1 asset type').fill('webinar');
    await pickPerson(rule, 'Pick who rule 1 assigns to', 'Blake Builder');
    const shared = rule.getByRole('list', { name: 'People rule 1 shares with' });
    expect(await rule.getByText('nobody: always the person above').count()).toBe(1);
    // The assignee is not shared with again, and nobody twice.
    await pickPerson(rule, 'Pick who rule 1 also shares with', 'Blake Builder');
    await pickPerson(rule, 'Pick who rule 1 also shares with', 'Casey Compliance');
    await pickPerson(rule, 'Pick who rule 1 also shares with', 'Casey Compliance');
    await pickPerson(rule, 'Pick who rule 1 also shares with', 'Morgan Ops');
    await expect
      .poll(() => shared.getByRole('listitem').allInnerTexts())
      .toEqual(['Casey Compliance Remove Casey Compliance from rule 1', 'Morgan Ops Remove Morgan Ops from rule 1']);
    await shared.getByRole('button', { name: 'Remove Morgan Ops from rule 1' }).click();
    await expect.poll(() => shared.getByRole('listitem').count()).toBe(1);
    await saveAs(before + 1);

    await openAdmin();
    const saved = admin().getByRole('group', { name: 'Rule 1' });
    await expect
      .poll(() => saved.getByRole('list', { name: 'People rule 1 shares with' }).getByRole('listitem').allInnerTexts())
      .toEqual(['Casey Compliance Remove Casey Compliance from rule 1']);
    expect(await saved.getByTestId('routing-1-assignee').innerText()).toBe('Blake Builder');

    // A request waiting in triage gets a webinar asset, and the triage lead accepts it in the panel.
    const [key] = (await keysByStatus(sandbox.url, ['Triage'])).get('Triage') ?? [];
    await invokePanel(sandbox.url, key!, 'asset/add', {
      type: 'webinar',
      spec: 'One-hour partner webinar',
      name: 'spring26-partner-webinar-v1',
    });
    await page.goto(sandbox.url);
    await actAs(page, 'Morgan Ops');
    const panel = await openIssuePanel(page, sandbox.url, key!);
    const triage = await openSection(panel, 'Triage');
    await triage.getByRole('button', { name: 'Set tier' }).click();
    await expect.poll(() => triage.getByText('Saved').count()).toBeGreaterThan(0);
    await triage.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect.poll(() => page.getByTestId('issue-status').innerText(), { timeout: 20_000 }).toBe('PLANNING');
    // The demo loads Blake far more than Casey, so the request goes to the person the rule shares with: routing that
    // ignored "Shared with" would give it to Blake.
    expect(loads.get('Blake Builder') ?? 0).toBeGreaterThan(loads.get('Casey Compliance') ?? 0);
    const expected = 'Casey Compliance';
    const users = (await (await fetch(`${sandbox.url}/sandbox/users`)).json()) as { accountId: string; displayName: string }[];
    await page.reload();
    await expect
      .poll(() => page.getByLabel('Assignee', { exact: true }).inputValue(), { timeout: 20_000 })
      .toBe(users.find((user) => user.displayName === expected)?.accountId);
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
    expect(await admin().getByRole('region', { name: 'Save' }).innerText()).toMatch(/The assignee of routing rule \d: must not be blank\./);
  });
});
