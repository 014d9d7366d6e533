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
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const CHROMIUM = existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);

/** The `skip` option for a browser suite: the reason, or false when the suite must run. */
export const CHROMIUM_SKIP: string | false =
  !HAS_CHROMIUM && process.env['CI'] !== 'true' ? `${CHROMIUM} is not installed` : false;

/** The browser this process's suites share (see launchChromium), and the timer that would close it. */
let shared: Promise<Browser> | undefined;
let leases = 0;
let closing: NodeJS.Timeout | undefined;

/**
 * Headless Chromium for a suite; fails the suite when it is missing (only reached under CI=true).
 *
 * The suites of one process (npm test runs several files in each) share one browser, each in its own
 * contexts: what a suite gets is a lease whose close() closes the contexts it opened. The browser
 * itself closes shortly after the last lease, unless another suite takes one first, so a process
 * launches it once rather than once per file. Contexts prefer reduced motion unless the test's
 * options say otherwise.
 */
export async function launchChromium(): Promise<Browser> {
  if (!HAS_CHROMIUM) assert.fail(`${CHROMIUM} is missing; with CI=true the browser tests must run`);
  clearTimeout(closing);
  leases += 1;
  shared ??= chromium.launch({
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
  const browser = await shared;
  const contexts = new Set<BrowserContext>();
  let closed = false;
  // Reduced motion unless a test asks otherwise: the story page's pulsing live dot repaints without end,
  // and a page left open cost 0.058 s of CPU per second with it, 0.008 without (the CSS's own rule).
  const newContext = async (options?: BrowserContextOptions) => {
    const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
    contexts.add(context);
    context.once('close', () => contexts.delete(context));
    return context;
  };
  const lease = {
    newContext,
    // As Browser.newPage: a page in a context of its own, which closing the page closes.
    newPage: async (options?: BrowserContextOptions) => {
      const context = await newContext(options);
      const page = await context.newPage();
      page.once('close', () => void context.close());
      return page;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...contexts].map((context) => context.close()));
      leases -= 1;
      if (leases === 0) closing = setTimeout(closeShared, 2000);
    },
  };
  return lease as unknown as Browser;
}

function closeShared(): void {
  const browser = shared;
  shared = undefined;
  void browser?.then((b) => b.close());
}
