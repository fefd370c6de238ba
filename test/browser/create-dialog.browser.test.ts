import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCORE_DESCRIPTIONS } from '../../src/domain/project-setup/blueprint';
import { mustRunBrowserTests, openChromium } from './chromium';
import { describedBy } from './frames';
import type { SandboxProcess } from './sandbox-server';

/**
 * Issue 15: "The Create dialog marks only Summary as required though three more fields are enforced; Impact/
 * Confidence/Effort/Risk appear to a requester with no explanation." Jira's Create dialog takes both from the field
 * configuration Set up project gave Marketing Requests (support.atlassian.com/jira-cloud-administration/docs/
 * specify-field-behavior), and so does the sandbox's. Each test opens a fresh dialog on the demo's MKT.
 */
describe.skipIf(!mustRunBrowserTests)("the Create dialog reads the field configuration, as Jira's does", () => {
  let sandbox: SandboxProcess;
  let page: Page;
  openChromium([], (opened) => ({ sandbox, page } = opened));

  const openDialog = async () => {
    await page.goto(sandbox.url);
    await page.getByRole('button', { name: 'Create request' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('Success metric').getAttribute('aria-required')).toBe('true');
    return dialog;
  };

  it('marks Summary, Description, Due date and Success metric required, and explains each triage score under it', async () => {
    const dialog = await openDialog();
    const required = async (label: string) => dialog.getByLabel(label).getAttribute('aria-required');
    for (const label of ['Summary', 'Description (business context)', 'Due date (requested launch)', 'Success metric'])
      expect(await required(label), label).toBe('true');
    for (const label of ['Assignee (accountable owner)', 'Impact', 'Confidence', 'Effort', 'Risk'])
      expect(await required(label), label).toBe('false');
    for (const [label, name] of [
      ['Impact', 'impact'],
      ['Confidence', 'confidence'],
      ['Effort', 'effort'],
      ['Risk', 'risk'],
    ] as const) {
      const score = dialog.getByLabel(label, { exact: true });
      const hintId = await score.getAttribute('aria-describedby');
      expect(await dialog.locator(`[id="${hintId}"]`).innerText()).toBe(SCORE_DESCRIPTIONS[name]);
    }
    // The marks are seen, not only announced: a star after the field's name, as Jira shows it.
    expect(await dialog.getByText(/^Due date \(requested launch\)\s*\*$/).count()).toBe(1);
  });

  it('answers a create without the required fields beside each field, in Jira words, and files nothing', async () => {
    const dialog = await openDialog();
    await dialog.getByLabel('Summary').fill('Partner webinar');
    await dialog.getByRole('button', { name: 'Create' }).click();
    // Each refusal is tied to its field, so a screen reader reads it with the field.
    const errorOf = (label: string) => describedBy(page, dialog.getByLabel(label));
    await expect.poll(() => errorOf('Success metric')).toMatch(/(^| )Success metric is required\.$/);
    expect(await errorOf('Description (business context)')).toMatch(/(^| )Description is required\.$/);
    expect(await errorOf('Due date (requested launch)')).toMatch(/(^| )Due date is required\.$/);
    expect(await dialog.getByLabel('Success metric').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByTestId('create-error').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/');
  });
});
