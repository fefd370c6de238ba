import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
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
 * A sandbox process (started with the server's `options`) for the tests of a describe block, and for each test a
 * known state to start from: the site put back as the sandbox started (`POST /sandbox/reset`: data, app storage,
 * clock) and a new browser context (no theme, gadget settings or other local storage kept from the test before),
 * with `contextOptions` (a time zone, say). `use` hands each test its page; a page that throws fails its test.
 */
export const openChromium = (
  options: readonly string[],
  use: (opened: { sandbox: SandboxProcess; browser: Browser; page: Page }) => void,
  contextOptions: BrowserContextOptions = {},
) => {
  const pageErrors: string[] = [];
  let browser: Browser | undefined;
  let sandbox: SandboxProcess | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    sandbox = await startSandboxProcess(options);
  }, 60_000);
  beforeEach(async () => {
    await context?.close();
    await sandbox!.reset();
    context = await browser!.newContext({ viewport: { width: 1440, height: 1000 }, ...contextOptions });
    const page = await context.newPage();
    pageErrors.length = 0;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    use({ sandbox: sandbox!, browser: browser!, page });
  }, 30_000);
  afterEach(() => {
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });
};
