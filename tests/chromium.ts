/**
 * Debian's Chromium, as every browser-driving script in this repository
 * launches it (browser tests, versioning tests, screenshots, benchmark).
 *
 * Playwright's own browser downloads are not reachable from this project's
 * machines, so playwright-core drives the distribution's /usr/bin/chromium.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, sandbox-free (CI runs as root), and no background traffic. */
export const CHROME_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
