import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startSandboxProcess, type SandboxProcess } from './sandbox-server';

/** Debian's Chromium (`apt-get install -y chromium`); Playwright's own download cannot work here. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);
/** In CI a missing browser fails the run; on a developer machine the browser tests show as skipped. */
export const mustRunBrowserTests = chromiumAvailable || process.env['CI'] === 'true';

export const launchChromium = (): Promise<Browser> => {
  if (!chromiumAvailable)
    throw new Error(`Chromium is not at ${CHROMIUM_PATH} (CI=true): install it with "apt-get install -y chromium" or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // The closed network refuses Chromium's background connections; these flags stop it trying.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
};

/**
 * A sandbox process (started with the server's `options`) and a Chromium page on it for the tests
 * of a describe block, handed over by `use`; a page that throws fails the test it ran in.
 */
export const openChromium = (
  options: readonly string[],
  use: (opened: { sandbox: SandboxProcess; browser: Browser; page: Page }) => void,
) => {
  const pageErrors: string[] = [];
  let browser: Browser | undefined;
  let sandbox: SandboxProcess | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    sandbox = await startSandboxProcess(options);
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    use({ sandbox, browser, page });
  }, 60_000);
  afterEach(() => {
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });
};
