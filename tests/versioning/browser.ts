/**
 * Helpers for the versioning browser tests: a fixture build served by the
 * browser tests' static server (127.0.0.1, ephemeral port, stopped by the
 * test), and Debian's Chromium driven through playwright-core.
 */
import fs from 'node:fs';
import type {Browser} from 'playwright-core';

import {CHROMIUM, CHROME_FLAGS} from '../chromium';
import {startServer} from '../browser/server';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serve a fixture build with the same static-host rules as the browser tests. */
export async function serveBuild(buildDir: string): Promise<StaticServer> {
  const server = await startServer(buildDir);
  return {url: server.origin, close: server.close};
}

/**
 * Launch Chromium, or explain why not. Under CI=true a missing browser is a
 * failure (the suite must not pass by skipping); elsewhere the caller may
 * skip with the returned reason.
 */
export async function launchChromium(): Promise<{browser: Browser} | {missing: string}> {
  if (!fs.existsSync(CHROMIUM)) {
    const reason = `${CHROMIUM} is missing (bash tests/setup.sh installs the chromium package)`;
    if (process.env.CI === 'true') throw new Error(reason);
    return {missing: reason};
  }
  const {chromium} = await import('playwright-core');
  const browser = await chromium.launch({executablePath: CHROMIUM, args: [...CHROME_FLAGS], headless: true});
  return {browser};
}
