/**
 * Headless Chromium for the HTML report test: Debian's /usr/bin/chromium driven
 * by playwright-core (no browser download; .ci/run apt-installs chromium when
 * missing), a fresh profile per launch, and a record of every request the page
 * makes so a test can assert the report never touches the network.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface OpenedPage {
  page: Page;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  close(): Promise<void>;
}

/** Opens a file in a fresh headless Chromium profile; call close() when done. */
export async function openFile(file: string, viewport = { width: 1280, height: 900 }): Promise<OpenedPage> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with apt-get install chromium (.ci/run does)`);
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'budget-audit-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport,
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('file://' + path.resolve(file));
  return {
    page,
    requests,
    errors,
    async close() {
      await context!.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
