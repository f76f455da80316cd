import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { registerWebChatPage } from '../../src/webchat';
import { startTestServer, type TestServer } from '../directline/support/testServer';
import { contrastOf, describeInBrowser, focusedDataId, launchBrowser, pressUntil, SEND_BOX, suggestedAction, type Browser } from './support/browser';

const WELCOME = 'Hello, I am the test bot. How can I help?';

jest.setTimeout(120_000);

describeInBrowser('the Web Chat page in a real browser', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestServer({}, (server) => registerWebChatPage(server, { emergencyNumber: '999', title: 'Baclofen symptom checker' }));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openPage(viewport?: { width: number; height: number }): Promise<{ page: Page; loadToWelcomeMs: number }> {
    const page = await browser.newPage(viewport);
    const started = Date.now();
    await page.goto(t.baseUrl + '/');
    await shown(page, WELCOME).waitFor();
    return { page, loadToWelcomeMs: Date.now() - started };
  }

  /** A message bubble in the transcript showing exactly `text`. */
  function shown(page: Page, text: string) {
    return page.locator('.webchat__bubble__content').getByText(text, { exact: true }).first();
  }

  /** Types into the focused send box, presses Enter and returns how long until `reply` showed. */
  async function sendAndTime(page: Page, text: string, reply: string): Promise<number> {
    await page.keyboard.type(text);
    const started = Date.now();
    await page.keyboard.press('Enter');
    await shown(page, reply).waitFor();
    return Date.now() - started;
  }

  it('greets before the person types, shows the reply to a typed message, and answers a suggested action', async () => {
    const { page, loadToWelcomeMs } = await openPage();
    await expect(page.title()).resolves.toBe('Baclofen symptom checker');
    await expect(page.locator('main h1').textContent()).resolves.toBe('Baclofen symptom checker');
    await expect(page.getByRole('region', { name: 'Emergency help' }).textContent()).resolves.toContain('In an emergency call 999');
    await expect(page.getByRole('region', { name: 'Chat' }).count()).resolves.toBe(1);

    // The send box has the keyboard on load.
    await page.locator(SEND_BOX).waitFor();
    await expect(focusedDataId(page)).resolves.toBe('webchat-sendbox-input');

    const enterToReplyMs = await sendAndTime(page, 'my legs feel weak', 'You said: my legs feel weak');
    console.log(`Web Chat timings: load→welcome ${loadToWelcomeMs} ms, Enter→reply ${enterToReplyMs} ms`);

    // The echo was accepted (no "Send failed"), and the fake bot's suggested actions are buttons.
    await expect(page.getByText(/send failed/i).count()).resolves.toBe(0);
    // WCAG AA: text at least 4.5:1 against whatever background it sits on.
    const contrasts = await page.evaluate(contrastOf, [
      '.emergency p',
      '.emergency a',
      'main h1',
      '.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content',
      '.webchat__bubble--from-user .webchat__bubble__content',
      '.webchat__activity-status',
      '.webchat__suggested-action__text',
    ]);
    for (const [selector, ratio] of Object.entries(contrasts)) expect([selector, ratio, ratio >= 4.5]).toEqual([selector, ratio, true]);

    await suggestedAction(page, 'Yes').click();
    await shown(page, 'You chose Yes.').waitFor();

    mkdirSync('artifacts', { recursive: true });
    await page.screenshot({ path: path.join('artifacts', 'webchat.png'), fullPage: true });
    await page.close();
  });

  it('renders the Adaptive Card disposition with Yes/No suggested actions', async () => {
    const { page } = await openPage();
    await page.locator(SEND_BOX).waitFor();
    await page.locator(SEND_BOX).focus();
    await page.keyboard.type('card');
    await page.keyboard.press('Enter');
    const card = page.locator('.ac-adaptiveCard');
    await card.getByText('Test disposition').waitFor();
    await expect(card.getByText('Did this answer help?').isVisible()).resolves.toBe(true);
    await suggestedAction(page, 'No').click();
    await shown(page, 'You chose No.').waitFor();
    await page.screenshot({ path: path.join('artifacts', 'webchat-card.png'), fullPage: true });
    await page.close();
  });

  it('works with the keyboard alone: Tab to the send box, type, Enter', async () => {
    const { page } = await openPage();
    await page.locator(SEND_BOX).waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await pressUntil(page, 'Tab', () => focusedDataId(page).then((id) => id === 'webchat-sendbox-input'));
    await expect(focusedDataId(page)).resolves.toBe('webchat-sendbox-input');
    await sendAndTime(page, 'keyboard only', 'You said: keyboard only');
    await page.close();
  });

  it('keeps the emergency banner on screen on a 375 px wide phone, even after a long conversation', async () => {
    const { page } = await openPage({ width: 375, height: 667 });
    await page.locator(SEND_BOX).waitFor();
    await page.locator(SEND_BOX).focus();
    for (const text of ['one', 'two', 'three', 'four', 'five']) await sendAndTime(page, text, `You said: ${text}`);
    const banner = page.getByRole('region', { name: 'Emergency help' });
    await expect(banner.isVisible()).resolves.toBe(true);
    const box = await banner.boundingBox();
    expect(box).not.toBeNull();
    expect(box?.y).toBeGreaterThanOrEqual(0);
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(667);
    expect(box?.width).toBeLessThanOrEqual(375);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join('artifacts', 'webchat-phone.png') });
    await page.close();
  });

  it('logged no console errors and made no request outside this machine', () => {
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });
});
