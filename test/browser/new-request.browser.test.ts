import type { Frame, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mustRunBrowserTests, openChromium } from './chromium';
import { moduleFrame } from './frames';
import { actAs, completeTemplateCreate, daysFromNow, invokePanel, keysByStatus } from './issue-panel-page';
import { layOutAt } from './layout-checks';
import type { SandboxProcess } from './sandbox-server';
import { STORAGE_UNAVAILABLE_MESSAGE } from '../../src/handlers/resolvers/answer';

/**
 * Issue 15: "let a requester start from a template at creation". The app's `jira:projectPage` lists the templates; each
 * opens Jira's Create dialog through `CreateIssueModal` (@forge/jira-bridge), pre-filled from the template, and once
 * the dialog closes with the new request its Flight Plan starts from the template. The sandbox's shell answers
 * `openIssueCreateModal` with its own Create dialog, as Jira's frame host does
 * (developer.atlassian.com/platform/forge/apis-reference/jira-api-bridge/createIssueModal/).
 */
describe.skipIf(!mustRunBrowserTests)('a requester starts a request from a template at creation', () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, page } = opened));

  it("opens Jira's Create dialog pre-filled, and the created request's Flight Plan starts from the template", async () => {
    await page.goto(sandbox.url);
    await actAs(page, 'Riley');
    await page.getByRole('link', { name: 'New marketing request' }).click();
    const frame = await moduleFrame(page, 'new-request-page');
    const start = frame.getByRole('button', { name: /^Start from/ });
    await start.first().waitFor();
    const templateName = (await frame.getByRole('heading', { level: 2 }).first().innerText()).trim();
    // What the first template starts with, as the page says it: "Starts with 2 assets (…)".
    const assets = Number(
      /^Starts with (\d+) assets?/.exec(
        await frame
          .getByText(/^Starts with/)
          .first()
          .innerText(),
      )?.[1] ?? 0,
    );
    expect(assets).toBeGreaterThan(0);
    await start.first().click();

    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('Summary').inputValue()).toBe(templateName);
    await expect.poll(() => dialog.getByLabel('Success metric').inputValue()).not.toBe('');
    // The business context is the requester's own: never pre-filled.
    expect(await dialog.getByLabel('Description (business context)').inputValue()).toBe('');
    await dialog.getByLabel('Summary').fill(`${templateName} for the spring partner launch`);
    await completeTemplateCreate(dialog);
    // Closed once Jira created the request; a refusal would stay on screen, and is shown here if it does.
    await expect.poll(async () => ((await dialog.count()) === 0 ? 'closed' : await dialog.innerText())).toBe('closed');

    const created = frame.getByText(/^MKT-\d+ was created$/);
    await expect.poll(async () => ((await created.count()) > 0 ? 'created' : await frame.locator('body').innerText())).toBe('created');
    const key = (await created.innerText()).replace(' was created', '');

    await frame.getByRole('link', { name: `Open ${key}` }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/browse/${key}`);
    const panel = await moduleFrame(page, 'flight-plan-panel');
    // The template's assets are on the new request: its Assets section counts exactly them.
    await expect.poll(() => panel.getByText(assets === 1 ? '1 asset' : `${assets} assets`, { exact: true }).count()).toBeGreaterThan(0);
  });

  it('creates nothing and starts nothing when the requester cancels the dialog', async () => {
    await page.goto(`${sandbox.url}/projects/MKT/apps/new-request-page`);
    const frame = await moduleFrame(page, 'new-request-page');
    await frame
      .getByRole('button', { name: /^Start from/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await frame.getByText(/was created/).count()).toBe(0);
    // The button works again: the page knows the dialog closed.
    await expect
      .poll(() =>
        frame
          .getByRole('button', { name: /^Start from/ })
          .first()
          .isEnabled(),
      )
      .toBe(true);
  });

  it('opens no Create dialog for a choice the app did not keep: it asks twice, then says the app could not be reached', async () => {
    // the page opened the dialog when `templates/choose` failed, so the request it made
    // had no choice kept, and the created-issue trigger started it from the choice another tab's dialog was open for.
    await page.goto(`${sandbox.url}/projects/MKT/apps/new-request-page`);
    const frame = await moduleFrame(page, 'new-request-page');
    const start = frame.getByRole('button', { name: /^Start from/ }).first();
    let chooseCalls = 0;
    let failing = 2;
    const pressIds: unknown[] = [];
    let refusal: { code: string; message: string } | null = null;
    // The shell's bridge host asks the sandbox server for each `invoke`; an aborted request is the app out of reach.
    await page.route('**/sandbox/invoke', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('"functionKey":"templates/choose"')) return route.continue();
      chooseCalls++;
      pressIds.push((JSON.parse(body) as { payload: { pressId?: unknown } }).payload.pressId);
      if (refusal !== null) return route.fulfill({ json: { ok: false, error: refusal } });
      return failing-- > 0 ? route.abort('connectionrefused') : route.continue();
    });
    try {
      await start.click();
      const refused = frame.getByText('The app could not be reached, so nothing was opened or created. Try again in a moment.');
      await expect.poll(() => refused.count()).toBe(1);
      expect(chooseCalls).toBe(2);
      expect(await page.getByRole('dialog').count()).toBe(0);
      await expect.poll(() => start.isEnabled()).toBe(true);

      // Out of reach once, then reached: the second ask keeps the choice, and the dialog opens. Both asks name the press
      // with one id (a first ask kept but its answer lost made a second choice), made by
      // `crypto.randomUUID`, which the page's frame has; each press has its own.
      chooseCalls = 0;
      failing = 1;
      await start.click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
      expect(chooseCalls).toBe(2);
      expect(pressIds[2]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(pressIds[3]).toBe(pressIds[2]);
      expect(pressIds[0]).toBe(pressIds[1]);
      expect(pressIds[2]).not.toBe(pressIds[0]);
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

      // Refused, with a message that ends its sentence already: one full stop, then what the page did.
      refusal = { code: 'STORAGE.UNAVAILABLE', message: STORAGE_UNAVAILABLE_MESSAGE };
      await start.click();
      const oneStop = frame.getByText(`${STORAGE_UNAVAILABLE_MESSAGE} Nothing was opened or created.`, { exact: true });
      await expect.poll(() => oneStop.count()).toBe(1);
      expect(await page.getByRole('dialog').count()).toBe(0);
    } finally {
      await page.unroute('**/sandbox/invoke');
    }
  });

  /**
   * Two tabs of the page, a Create dialog open in each: the first from the demo's template, the second from one saved
   * now (or the demo's too). The shell's dialog lets the created-issue trigger run before it reports back, so the
   * trigger always comes first.
   */
  const dialogsInTwoTabs = async (secondTemplate: 'saved now' | 'the same') => {
    const [done] = (await keysByStatus(sandbox.url, ['Done'])).get('Done') ?? [];
    await invokePanel(sandbox.url, done!, 'template/save', { name: 'Second launch kit' });
    const pageUrl = `${sandbox.url}/projects/MKT/apps/new-request-page`;
    const second = await page.context().newPage();
    await page.goto(pageUrl);
    await second.goto(pageUrl);
    const tabs = [
      { frame: await moduleFrame(page, 'new-request-page'), dialog: page.getByRole('dialog') },
      { frame: await moduleFrame(second, 'new-request-page'), dialog: second.getByRole('dialog') },
    ] as const;
    const demoStart = /^Start from this template: (?!Second launch kit$)/;
    const demoTemplate = (await tabs[0].frame.getByRole('button', { name: demoStart }).getAttribute('aria-label'))!.replace(
      'Start from this template: ',
      '',
    );
    const secondName = secondTemplate === 'the same' ? demoTemplate : 'Second launch kit';
    for (const [tab, name] of [
      [tabs[0], demoTemplate],
      [tabs[1], secondName],
    ] as const) {
      await tab.frame.getByRole('button', { name: `Start from this template: ${name}`, exact: true }).click();
      await expect.poll(() => tab.dialog.getByLabel('Summary').inputValue()).toBe(name);
    }
    return { tabs, demoTemplate };
  };
  /** Creates the request in a tab's dialog, and answers what its page then says the request started from. */
  const createIn = async ({ frame, dialog }: { frame: Frame; dialog: Locator }): Promise<string> => {
    await completeTemplateCreate(dialog);
    const started = frame.getByText(/^Its Flight Plan starts from/);
    await expect.poll(async () => ((await started.count()) > 0 ? 'started' : await frame.locator('body').innerText())).toBe('started');
    return started.innerText();
  };
  const cancelIn = async ({ dialog }: { dialog: Locator }): Promise<void> => {
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  };
  /** The assets of a request made next some other way (Jira's own Create, as the same person): a choice left waiting would start it. */
  const assetsOfARequestMadeElsewhere = async (): Promise<readonly unknown[]> => {
    const fields = (await (await fetch(`${sandbox.url}/rest/api/3/field`)).json()) as { id: string; name: string }[];
    const successMetric = fields.find((field) => field.name === 'Success metric')!.id;
    const myself = (await (await fetch(`${sandbox.url}/rest/api/3/myself`)).json()) as { accountId: string };
    const answer = await fetch(`${sandbox.url}/rest/api/3/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        fields: {
          project: { key: 'MKT' },
          issuetype: { name: 'Marketing Request' },
          summary: 'Regional partner webinar',
          description: {
            type: 'doc',
            version: 1,
            content: [
              {
                type: 'paragraph',
                content: [{ type: 'text', text: 'A partner webinar for mid-market finance leads in EMEA, to fill the Q3 pipeline.' }],
              },
            ],
          },
          duedate: daysFromNow(90),
          assignee: { accountId: myself.accountId },
          [successMetric]: '150 registrations within 30 days of launch',
        },
      }),
    });
    const body = (await answer.json()) as { key: string };
    // Jira's refusal, if any, is shown with the status.
    expect(answer.status, JSON.stringify(body)).toBe(201);
    expect((await fetch(`${sandbox.url}/sandbox/settle`, { method: 'POST' })).status).toBe(204);
    return (await invokePanel(sandbox.url, body.key, 'record/get', {})).record.assets;
  };

  it('cancelling the dialog in one tab leaves the template chosen in another, and that choice alone', async () => {
    // a cancel forgot the project's latest choice, another tab's, so the request that
    // tab's dialog created started from the cancelled tab's template (the trigger applies the choice the app kept).
    const { tabs } = await dialogsInTwoTabs('saved now');
    await cancelIn(tabs[0]);
    expect(await createIn(tabs[1])).toContain('starts from “Second launch kit”');
    expect(await assetsOfARequestMadeElsewhere()).toEqual([]);
  });

  it("starts each tab's request from the template chosen in that tab when both dialogs create", async () => {
    // The created-issue trigger took the latest choice for the first request, the second tab's, and the first tab's
    // template then went to the second request.
    const { tabs, demoTemplate } = await dialogsInTwoTabs('saved now');
    expect(await createIn(tabs[0])).toContain(`starts from “${demoTemplate}”`);
    expect(await createIn(tabs[1])).toContain('starts from “Second launch kit”');
  });

  it("forgets the other tab's choice when it cancels, after the first tab created its request from the same template", async () => {
    // The trigger marked the second tab's choice used for the first tab's request, so the second tab's cancel found
    // nothing to forget, and the first tab's choice started the next request made in the project.
    const { tabs, demoTemplate } = await dialogsInTwoTabs('the same');
    expect(await createIn(tabs[0])).toContain(`starts from “${demoTemplate}”`);
    await cancelIn(tabs[1]);
    expect(await assetsOfARequestMadeElsewhere()).toEqual([]);
  });

  it('wraps a long label on the start button in a 360 px column rather than cutting it with "…"', async () => {
    await page.goto(`${sandbox.url}/projects/MKT/apps/new-request-page`);
    const frame = await layOutAt(page, 'new-request-page', 360);
    const start = frame.getByRole('button', { name: /^Start from/ }).first();
    await start.waitFor();
    // A label longer than the column, as another language or a longer wording gives: what is cut is listed.
    const cut = await start.evaluate((element) => {
      // The DOM as this test reads it (the tests compile without the DOM's types).
      interface Laid {
        readonly scrollWidth: number;
        readonly clientWidth: number;
        readonly outerHTML: string;
        textContent: string | null;
      }
      const button = element as unknown as Laid & {
        querySelectorAll: (selectors: string) => Iterable<Laid>;
        getBoundingClientRect: () => { readonly right: number };
        readonly ownerDocument: { readonly documentElement: { readonly clientWidth: number } };
      };
      const label = [...button.querySelectorAll('span')].find((span) => span.textContent === 'Start from this template');
      if (label === undefined) return ['no label found'];
      label.textContent = 'Start from "Regulated partner webinar with paid social amplification in three regions, EMEA first"';
      const clipped = [button, ...button.querySelectorAll('*')]
        .filter((laid) => laid.scrollWidth > laid.clientWidth + 1)
        .map((laid) => laid.outerHTML.slice(0, 80));
      const column = button.ownerDocument.documentElement.clientWidth;
      return [...clipped, ...(button.getBoundingClientRect().right > column ? ['the button goes past the column'] : [])];
    });
    expect(cut).toEqual([]);
  });
});
