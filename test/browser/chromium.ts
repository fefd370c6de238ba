import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); Playwright's own download cannot work here. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);
/** In CI a missing browser fails the run; on a developer machine the browser tests show as skipped. */
export const mustRunBrowserTests = chromiumAvailable || process.env['CI'] === 'true';

export const launchChromium = (): Promise<Browser> => {
  if (!chromiumAvailable) throw new Error(`Chromium is not at ${CHROMIUM_PATH} (CI=true): install it with "apt-get install -y chromium" or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // The closed network refuses Chromium's background connections; these flags stop it trying.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
};
