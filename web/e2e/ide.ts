import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/**
 * Drives the Octokube IDE in Debian's Chromium through playwright-core. Nothing here knows the
 * Backend behind `baseUrl`: the same helpers run against the mock Backend of these tests and
 * against the real Backend, Agent and simulated cluster.
 */

export const CHROMIUM = process.env.OCTOKUBE_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '..', 'target', 'e2e-screenshots');

/** Headless, sandbox-free (CI runs as root), and quiet: no update checks, no network of its own. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export class Ide {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** A fresh browser context (own cookies) with the IDE loaded at `baseUrl` + `hash`. */
  static async open(browser: Browser, baseUrl: string, hash = ''): Promise<Ide> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${hash}`);
    return new Ide(context, page, baseUrl);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Fills and submits the sign-in form, without waiting for the outcome. */
  async submitSignIn(user: string, password: string): Promise<void> {
    await this.page.getByLabel('User').fill(user);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Signs in and waits for the workspace. */
  async signIn(user: string, password: string): Promise<void> {
    await this.submitSignIn(user, password);
    await this.page.locator('.workspace').waitFor();
  }

  /** Navigates within the IDE by URL fragment, as a shared link would. */
  async goto(hash: string): Promise<void> {
    await this.page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
  }

  /** The row of the object with this key (`namespace/name`), once it is in the table. */
  row(key: string) {
    return this.page.locator(`.grid-body [role="row"][data-key="${key}"]`);
  }

  async waitForRow(key: string, timeoutMs = 5000): Promise<void> {
    await this.row(key).waitFor({ state: 'visible', timeout: timeoutMs });
  }

  async waitForNoRow(key: string, timeoutMs = 5000): Promise<void> {
    await this.row(key).waitFor({ state: 'detached', timeout: timeoutMs });
  }

  /** The sync state the status bar shows: live, resyncing, STALE, forbidden or error. */
  syncState() {
    return this.page.getByTestId('sync-state');
  }

  async waitForSyncState(state: string, timeoutMs = 5000): Promise<void> {
    await this.page.waitForFunction(
      (s) => document.querySelector('[data-testid="sync-state"]')?.textContent === s,
      state,
      { timeout: timeoutMs },
    );
  }

  /** The keys of the rows on screen, in order. */
  async visibleKeys(): Promise<string[]> {
    return this.page.locator('.grid-body [role="row"]').evaluateAll((rows) =>
      rows
        .map((r) => ({ key: r.getAttribute('data-key') ?? '', top: r.getBoundingClientRect().top }))
        .sort((a, b) => a.top - b.top)
        .map((r) => r.key),
    );
  }

  async screenshot(name: string): Promise<string> {
    await mkdir(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}

/**
 * Waits until the element's text contains `expected` (a string, or a pattern to match); fails
 * with the last text seen. Playwright's own web-first assertions belong to @playwright/test,
 * which this harness does without.
 */
export async function waitForText(locator: Locator, expected: string | RegExp, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  for (;;) {
    seen =
      (await locator
        .first()
        .textContent({ timeout: Math.max(1, deadline - Date.now()) })
        .catch(() => null)) ?? '';
    if (typeof expected === 'string' ? seen.includes(expected) : expected.test(seen)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`expected text ${String(expected)} in ${locator.toString()}, saw "${seen}"`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitForCount(locator: Locator, count: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await locator.count()) !== count) {
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} of ${locator.toString()}, saw ${await locator.count()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
