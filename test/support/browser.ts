import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium`); playwright cannot download browsers here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
/**
 * Browser tests are skipped where Chromium is missing, except in CI (CI=true): there they run and fail,
 * so a broken install cannot pass as green.
 */
export const skipBrowserTests = !hasChromium && process.env.CI !== 'true';
export const browserSuiteTitle = (name: string) => (skipBrowserTests ? `${name} — skipped: ${CHROMIUM_PATH} is not installed (apt-get install -y chromium)` : name);

export function launchChromium(): Promise<Browser> {
  if (!hasChromium) throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: apt-get install -y chromium fonts-noto-cjk (CI=true makes this a failure)`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
