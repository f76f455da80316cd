import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { available, type Requirement } from '../../support/requirements';

/** Debian's Chromium, which `.ci/run` installs (scripts/ensure-chromium.sh). */
export const CHROMIUM = '/usr/bin/chromium';

/** What the browser tests need, and how to get it. */
export const CHROMIUM_REQUIREMENT: Requirement = {
  what: 'Chromium',
  path: CHROMIUM,
  howToGet: 'run scripts/ensure-chromium.sh (installs the Debian package "chromium")',
  needs: 'the browser tests (web chat page, call script printing)',
};

/**
 * `describe` where Chromium is installed; elsewhere `describe.skip` after one line saying what is
 * missing and how to get it; in CI (`CI=true`) a failure.
 */
export function describeInBrowser(name: string, body: () => void): void {
  return available(CHROMIUM_REQUIREMENT) ? describe(name, body) : describe.skip(name, body);
}

/** A fresh headless Chromium profile, plus what every page in it did wrong. */
export interface Browser {
  readonly context: BrowserContext;
  /** Console errors and uncaught page errors, from every page opened with {@link Browser.newPage}. */
  readonly consoleErrors: string[];
  /** Requests to anywhere but this machine (blob: and data: URLs are local). */
  readonly foreignRequests: string[];
  /** A new tab at `viewport` whose console errors are collected. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches Chromium on a new temporary profile (removed by `close`). */
export async function launchBrowser(viewport = { width: 1024, height: 768 }): Promise<Browser> {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'webchat-profile-'));
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, viewport, args: ARGS });
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['localhost', '127.0.0.1'].includes(url.hostname) && !['blob:', 'data:'].includes(url.protocol)) foreignRequests.push(request.url());
  });
  return {
    context,
    consoleErrors,
    foreignRequests,
    async newPage(size) {
      const page = await context.newPage();
      if (size) await page.setViewportSize(size);
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      return page;
    },
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Runs in the page: the WCAG contrast ratio of each selector's first element against its nearest opaque background. */
export function contrastOf(selectors: string[]): Record<string, number> {
  const rgb = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]: number[]): number => {
    const channel = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const result: Record<string, number> = {};
  for (const selector of selectors) {
    const element = document.querySelector(selector);
    if (!element) {
      result[selector] = 0;
      continue;
    }
    let background = [255, 255, 255];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const parts = rgb(getComputedStyle(node).backgroundColor);
      if (parts.length === 3 || (parts.length === 4 && parts[3] === 1)) {
        background = parts.slice(0, 3);
        break;
      }
    }
    const [lighter, darker] = [luminance(rgb(getComputedStyle(element).color)), luminance(background)].sort((a, b) => b - a);
    result[selector] = Math.round(((lighter + 0.05) / (darker + 0.05)) * 100) / 100;
  }
  return result;
}

/** Web Chat's send box. */
export const SEND_BOX = '[data-id="webchat-sendbox-input"]';

/** The suggested-action button titled exactly `title`, in the toolbar above the send box. */
export function suggestedAction(page: Page, title: string): Locator {
  return page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: title, exact: true });
}

/** The `data-id` of the element with the keyboard (`webchat-sendbox-input` for the send box). */
export function focusedDataId(page: Page): Promise<string | null | undefined> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-id'));
}

/** Presses `key` (at most 40 times) until `reached` says the keyboard got there; throws if it never does. */
export async function pressUntil(page: Page, key: string, reached: () => Promise<boolean>): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    if (await reached()) return;
    await page.keyboard.press(key);
  }
  if (!(await reached())) throw new Error(`${key} never reached the element`);
}
