/**
 * Debian's Chromium for the browser tests, started as this machine needs it (as root, no network
 * chatter). Suites skip with the reason when it is missing, except under CI=true, where that fails.
 *
 * Debian's `chromium-headless-shell` (Chromium's headless-only build, the one Playwright itself runs
 * headless tests in) is used when installed: the full browser's headless mode cost 3.4 times the CPU
 * per page opened and ten times as much while a page sat idle, which made the browser tests half of
 * the suite's CPU (measured: all of test/e2e used 416 s of the machine's CPU with `chromium`, 199 s
 * with the shell). Same engine, same rendering; `chromium` is the fallback.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const CHROMIUM = existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);

/** The `skip` option for a browser suite: the reason, or false when the suite must run. */
export const CHROMIUM_SKIP: string | false =
  !HAS_CHROMIUM && process.env['CI'] !== 'true' ? `${CHROMIUM} is not installed` : false;

/** Launches headless Chromium; fails the suite when it is missing (only reached under CI=true). */
export async function launchChromium(): Promise<Browser> {
  if (!HAS_CHROMIUM) assert.fail(`${CHROMIUM} is missing; with CI=true the browser tests must run`);
  return chromium.launch({
    executablePath: CHROMIUM,
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
}
