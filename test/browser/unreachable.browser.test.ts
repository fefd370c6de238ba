import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, mustRunBrowserTests } from './chromium';
import { startSandboxProcess, type SandboxProcess } from './sandbox-server';

const UNREACHABLE = 'The sandbox is not reachable. Start it again with npm start, then try again.';

describe.skipIf(!mustRunBrowserTests)('the shell with its server stopped', () => {
  let sandbox: SandboxProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    sandbox = await startSandboxProcess(['--bare']);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    // Stopped by the test already when it got that far; stopping again is a no-op.
    await sandbox?.stop();
  });

  it('says the sandbox is not reachable, not "Failed to fetch", on the board and on +1 day', async () => {
    const page = await browser!.newPage();
    await page.goto(sandbox!.url);
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
    await expect.poll(() => page.getByTestId('sandbox-clock').innerText()).not.toBe('');
    await sandbox!.stop();

    await page.getByRole('button', { name: '+1 day' }).click();
    await expect.poll(() => page.getByTestId('shell-notice').innerText()).toBe(UNREACHABLE);
    // The board loads again on a new page of the shell, and says the same.
    await page.getByRole('link', { name: 'Apps admin' }).click();
    await page.getByRole('link', { name: 'Board', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').allInnerTexts()).toContain(UNREACHABLE);
    expect(await page.getByText('Failed to fetch').count()).toBe(0);
  });
});
