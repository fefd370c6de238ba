import type { FrameLocator, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The issue panel's frame on an issue page of the sandbox. */
export const panelOf = (page: Page): FrameLocator => page.frameLocator('iframe[data-module="flight-plan-panel"]');

/** The panel's content, once it has loaded: its main landmark, named for the issue. */
export const panelMain = (panel: FrameLocator): Locator => panel.getByRole('main', { name: /^Flight Plan for / });

/** Opens an issue and waits for its Flight Plan panel. */
export const openIssuePanel = async (page: Page, baseUrl: string, key: string): Promise<FrameLocator> => {
  await page.goto(`${baseUrl}/browse/${key}`);
  await expect.poll(() => panelMain(panelOf(page)).count(), { timeout: 20_000 }).toBe(1);
  return panelOf(page);
};

/**
 * A section of the panel by its heading ("Assets", "QA + Governance"), opened if it was closed. A section is a
 * disclosure (`details`), which has no role of its own to find it by, so it is found as the one holding its heading.
 */
export const openSection = async (panel: FrameLocator, title: string): Promise<Locator> => {
  const section = panel.locator('details', { has: panel.getByRole('heading', { name: title, exact: true, level: 3 }) });
  if ((await section.getAttribute('open')) === null) await section.getByText(title, { exact: true }).click();
  return section;
};

/** The next gate's checklist ("QA gate checklist"): one list item per gate item, each ending in its state for a screen reader. */
export const gateChecklist = (panel: FrameLocator): Locator => panel.getByLabel(/ gate checklist$/);

/** The gate's progress, as its lozenge says it: "4/9 done", or "ready". */
export const gateProgress = (panel: FrameLocator): Promise<string> =>
  gateChecklist(panel)
    .getByText(/^(ready|\d+\/\d+ done)$/)
    .innerText();

/** A calendar date `days` after today (UTC), as a date input takes it: due dates the Create rules take whenever a test runs. */
export const daysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Completes the sandbox's Create dialog opened from a template (which fills the summary and the success metric): the
 * requester's own business context, a due date 90 days on and Riley as the owner; then presses Create, and waits for
 * the dialog to close with the request.
 */
export const completeTemplateCreate = async (dialog: Locator): Promise<void> => {
  // The template's fields are pre-filled once the dialog has found the app's fields, as a person sees them appear.
  await expect.poll(() => dialog.getByLabel('Success metric').inputValue(), { timeout: 20_000 }).not.toBe('');
  await dialog
    .getByLabel('Description (business context)')
    .fill('A partner webinar for mid-market finance leads in EMEA, with a nurture follow-up to fill the Q3 pipeline.');
  await dialog.getByLabel('Due date (requested launch)').fill(daysFromNow(90));
  await dialog.getByLabel('Assignee (accountable owner)').selectOption({ label: 'Riley Requester' });
  await dialog.getByRole('button', { name: 'Create' }).click();
  // A dialog that stays open refused the request: its words, not a later wait for the request, say why.
  await expect
    .poll(async () => ((await dialog.count()) === 0 ? 'closed' : await dialog.innerText({ timeout: 1_000 }).catch(() => 'closed')), {
      timeout: 20_000,
    })
    .toBe('closed');
};

/** Switches the sandbox's "Acting as" to one of the demo people, by name. */
export const actAs = async (page: Page, displayName: string): Promise<void> => {
  const switcher = page.getByTestId('user-switcher');
  const accountId = await switcher.locator('option', { hasText: displayName }).getAttribute('value');
  await switcher.selectOption(accountId);
};

/** Issue keys in each status, by the sandbox's JQL search (first `perStatus` of each). */
export const keysByStatus = async (baseUrl: string, statuses: readonly string[], perStatus = 1): Promise<Map<string, string[]>> => {
  const found = new Map<string, string[]>();
  for (const status of statuses) {
    const answer = await fetch(`${baseUrl}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jql: `status = "${status}" ORDER BY key ASC`, maxResults: perStatus, fields: ['status'] }),
    });
    const { issues } = (await answer.json()) as { issues: { key: string }[] };
    found.set(
      status,
      issues.map((issue) => issue.key),
    );
  }
  return found;
};

/** What the tests read of a panel resolver's answer: the record, its revision and its assets. */
export interface PanelAnswer {
  readonly record: { readonly revision: number; readonly assets: readonly { readonly id: string; readonly name: string }[] };
}

/**
 * A panel resolver call on the issue `key`, as the panel makes it for `accountId` (the sandbox's admin when not
 * given), a write naming the record's current revision as the panel does: for setting a request up quickly where the
 * test is about something else. Fails the test when the resolver refuses.
 */
export const invokePanel = async (
  baseUrl: string,
  key: string,
  functionKey: string,
  payload: Record<string, unknown>,
  accountId?: string,
): Promise<PanelAnswer> => {
  const issue = (await (await fetch(`${baseUrl}/rest/api/3/issue/${key}?fields=summary`)).json()) as { id: string };
  const call = async (name: string, body: Record<string, unknown>): Promise<PanelAnswer> => {
    const answer = (await (
      await fetch(`${baseUrl}/sandbox/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accountId === undefined ? {} : { 'x-sandbox-user': accountId }) },
        body: JSON.stringify({
          functionKey: name,
          payload: body,
          moduleKey: 'flight-plan-panel',
          extension: { type: 'jira:issuePanel', issue: { id: issue.id, key }, project: { key: key.replace(/-\d+$/, '') } },
        }),
      })
    ).json()) as { ok: boolean; error?: { message: string }; data?: PanelAnswer };
    expect(answer, `${name}: ${answer.error?.message}`).toMatchObject({ ok: true });
    return answer.data!;
  };
  if (functionKey === 'record/get') return call(functionKey, payload);
  const { record } = await call('record/get', {});
  return call(functionKey, { ...payload, expectedRevision: record.revision });
};
