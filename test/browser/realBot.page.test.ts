import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { z } from 'zod';
import { DEFAULT_DIALOGS_DIR, loadDialogs } from '../../src/bot';
import { loadKnowledge, type Level } from '../../src/triage';
import { startBot, type RunningBot } from '../e2e/botHarness';
import { BotReply } from '../e2e/emulatorClient';
import { waitFor } from '../support/waitFor';
import { PageTrace } from './support/pageTrace';
import { contrastOf, describeInBrowser, focusedDataId, launchBrowser, pressUntil, SEND_BOX, suggestedAction, type Browser } from './support/browser';

/**
 * The real bot (built by `buildApp` with default settings, as `npm start` builds it) behind its own Web
 * Chat page, in Chromium: what a person sees and can do, and how long they wait. The bot's decisions
 * are read from the conversation's Direct Line history (`channelData.triage`); the words a person reads
 * come from the same content the bot uses, so rewording content does not break these tests.
 */

jest.setTimeout(180_000);

const BOT_ROW = '.webchat__stacked-layout:not(.webchat__stacked-layout--from-user)';
const USER_ROW = '.webchat__stacked-layout--from-user';
const ARTIFACTS = process.env.ARTIFACTS_DIR ?? 'artifacts';
const SELF_CARE_MESSAGE = 'I feel a bit dizzy since my dose went up';
const EMERGENCY_MESSAGE = "my husband has collapsed and won't wake up";

const messages = loadDialogs(DEFAULT_DIALOGS_DIR, loadKnowledge()).messages;
const levelName = (level: Level): string => messages.levels[level].patient;
const NO = messages.labels.no.patient;
const YES = messages.labels.yes.patient;

/** What the grant from the page's token endpoint says; the test reads the conversation's history with it. */
const Grant = z.object({ token: z.string(), conversationId: z.string() });
type Grant = z.infer<typeof Grant>;
const HistoryActivity = BotReply.extend({
  channelData: z
    .looseObject({
      triage: z.looseObject({ level: z.string() }).optional(),
      summary: z.looseObject({ level: z.string() }).optional(),
      replyId: z.string().optional(),
      questionId: z.string().optional(),
      // Web Chat marks what the person sent with it.
      clientActivityID: z.string().optional(),
    })
    .optional(),
});
const History = z.object({ activities: z.array(HistoryActivity) });
type HistoryActivity = z.infer<typeof History>['activities'][number];
const CardBody = z.object({ body: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })) });

/** Set by an init script in every page: when the first bot message was drawn, and what was announced to screen readers. */
interface PageProbe {
  firstBotMessageAt?: number;
  announced: string[];
}

function installProbe(botRow: string): void {
  const probe: PageProbe = { announced: [] };
  (window as unknown as { triageProbe: PageProbe }).triageProbe = probe;
  new MutationObserver((records) => {
    if (probe.firstBotMessageAt === undefined && document.querySelector(botRow)) probe.firstBotMessageAt = performance.now();
    for (const record of records) {
      record.addedNodes.forEach((node) => {
        if (node instanceof Element && node.closest('[aria-live]')) probe.announced.push(node.textContent ?? '');
      });
    }
  }).observe(document, { childList: true, subtree: true });
}

function readProbe(page: Page): Promise<PageProbe> {
  return page.evaluate(() => (window as unknown as { triageProbe: PageProbe }).triageProbe);
}

const timings: Record<string, number> = {};
let trace: PageTrace | undefined;
const ids = (r: HistoryActivity[]) => r.map((a) => `${a.channelData?.replyId ?? a.channelData?.questionId ?? '?'}${a.channelData?.triage ? '(triage)' : ''}${a.suggestedActions ? '[buttons]' : ''}`).join(', ');

describeInBrowser('the real bot in its Web Chat page', () => {
  let bot: RunningBot;
  let browser: Browser;

  beforeAll(async () => {
    bot = await startBot();
    browser = await launchBrowser();
    await browser.context.addInitScript(installProbe, BOT_ROW);
    await PageTrace.install(browser.context);
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    console.log(
      'Web Chat with the real bot, timings (ms): ' +
        Object.entries(timings)
          .map(([name, ms]) => `${name} ${Math.round(ms)}`)
          .join(', '),
    );
    await browser?.close();
    await bot?.close();
  });

  /** Opens the page, waits for the welcome and returns the conversation's grant and how long the welcome took from navigation start. */
  async function openChat(page: Page): Promise<{ grant: Grant; loadToWelcomeMs: number }> {
    const granted = page.waitForResponse((response) => response.url().endsWith('/api/directline/token'));
    await page.goto(bot.baseUrl + '/');
    const grant = Grant.parse(await (await granted).json());
    await page.locator(BOT_ROW).first().waitFor();
    const probe = await readProbe(page);
    return { grant, loadToWelcomeMs: probe.firstBotMessageAt ?? Number.NaN };
  }

  async function history(grant: Grant): Promise<HistoryActivity[]> {
    const response = await fetch(`${bot.baseUrl}/v3/directline/conversations/${encodeURIComponent(grant.conversationId)}/activities`, {
      headers: { Authorization: `Bearer ${grant.token}` },
    });
    expect(response.status).toBe(200);
    return History.parse(await response.json()).activities;
  }

  /** The bot's replies after the person's last message, from the history. */
  async function repliesToLastMessage(grant: Grant): Promise<HistoryActivity[]> {
    const activities = await history(grant);
    const sent = activities.map((a) => a.channelData?.clientActivityID !== undefined);
    return activities.slice(sent.lastIndexOf(true) + 1).filter((a) => a.type === 'message');
  }

  /** The bot's replies to the last message once `ok` accepts them (at most 30 s); a timeout shows the replies last seen. */
  async function repliesOnce(grant: Grant, ok: (replies: HistoryActivity[]) => boolean, what: string): Promise<HistoryActivity[]> {
    let seen: HistoryActivity[] = [];
    const check = async () => {
      seen = await repliesToLastMessage(grant);
      return ok(seen) && seen;
    };
    return waitFor(check, { timeoutMs: 30_000, intervalMs: 50, what: () => `${what}; last seen: ${JSON.stringify(seen)}` });
  }

  /**
   * Presses `key` in the focused send box and returns how long, measured in the page, until the next bot
   * message was drawn.
   */
  async function pressAndTimeReply(page: Page, key = 'Enter'): Promise<number> {
    const before = await page.locator(BOT_ROW).count();
    // Set up first (and wait for it), so the key press cannot come before the listener.
    await page.evaluate(
      ([row, count]) => {
        let pressedAt = Number.NaN;
        document.addEventListener('keydown', () => (pressedAt = performance.now()), { capture: true, once: true });
        (window as unknown as { replyTimer: Promise<number> }).replyTimer = new Promise<number>((resolve) => {
          new MutationObserver((_records, observer) => {
            if (document.querySelectorAll(row).length <= count) return;
            observer.disconnect();
            resolve(performance.now() - pressedAt);
          }).observe(document.body, { childList: true, subtree: true });
        });
      },
      [BOT_ROW, before] as const,
    );
    await page.keyboard.press(key);
    return page.evaluate(() => (window as unknown as { replyTimer: Promise<number> }).replyTimer);
  }

  /** Bubbles (text or card) whose text contains `text`: a piece of advice shown twice gives 2. */
  function bubblesShowing(page: Page, text: string): Promise<number> {
    return page.evaluate((t) => Array.from(document.querySelectorAll('.webchat__bubble__content')).filter((b) => (b.textContent ?? '').includes(t)).length, text);
  }

  /** The disposition (or with `kind: 'summary'`, the summary) in the history and the lines of its card. */
  function disposition(replies: readonly HistoryActivity[], kind: 'triage' | 'summary' = 'triage'): { reply: HistoryActivity; lines: string[] } {
    const reply = replies.find((a) => a.channelData?.[kind] !== undefined);
    if (!reply) throw new Error(`no ${kind} card among the replies: ${JSON.stringify(replies.map((a) => a.channelData))}`);
    const card = reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    const lines = CardBody.parse(card?.content).body.flatMap((element) => (element.text === undefined ? [] : [element.text]));
    return { reply, lines };
  }

  /**
   * Waits until the page shows what was sent and the bot has answered it, with a question (the last reply
   * has buttons) or a disposition; returns the bot's replies from the history.
   */
  async function waitForAnswer(page: Page, grant: Grant, userRowsBefore: number): Promise<HistoryActivity[]> {
    // Web Chat clears the buttons when the person sends, so from here on only new buttons show.
    await page.waitForFunction(([row, count]) => document.querySelectorAll(row).length > count, [USER_ROW, userRowsBefore] as const);
    const answered = (r: HistoryActivity[]) => r.some((a) => a.channelData?.triage !== undefined) || (r.at(-1)?.suggestedActions?.actions.length ?? 0) > 0;
    await trace?.step(`page shows user row ${userRowsBefore + 1}; polling history`);
    const got = await repliesOnce(grant, answered, 'the bot to answer');
    await trace?.step(`history: replies to last user message: ${ids(got)}`, true);
    return got;
  }

  /**
   * After the person's message, answers every red-flag yes/no question with "No" (by `answer`) until the
   * disposition arrives; checks each question came with its buttons and that the keyboard stayed in the send box.
   */
  async function answerNoUntilDisposition(page: Page, grant: Grant, answer: (no: Locator) => Promise<void>): Promise<HistoryActivity[]> {
    let replies = await waitForAnswer(page, grant, 0);
    const seen: HistoryActivity[] = [...replies];
    for (let questions = 0; questions < 10; questions += 1) {
      if (seen.some((a) => a.channelData?.triage !== undefined)) return replies;
      expect(replies.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toContain(NO);
      // The question's buttons show under it.
      const no = suggestedAction(page, NO);
      await no.waitFor();
      await trace?.step('a "No" button is shown; answering', true);
      const userRows = await page.locator(USER_ROW).count();
      await answer(no);
      replies = await waitForAnswer(page, grant, userRows);
      seen.push(...replies);
      // The keyboard goes back to the send box after a button, so the person can type on.
      await expect(focusedDataId(page)).resolves.toBe('webchat-sendbox-input');
    }
    throw new Error('the bot was still asking after 10 questions');
  }

  it('loads with no error and no request off this machine, greets before the person types, and leaves no "Connecting…" behind', async () => {
    const cold = await browser.newPage();
    const { grant, loadToWelcomeMs: coldMs } = await openChat(cold);
    timings['load→welcome cold'] = coldMs;

    const welcome = (await history(grant)).find((a) => a.type === 'message');
    expect(welcome?.channelData?.replyId).toBe('welcome');
    await expect(cold.locator(BOT_ROW).first().textContent()).resolves.toContain(bot.settings.emergencyNumber);
    await expect(cold.getByRole('region', { name: 'Emergency help' }).textContent()).resolves.toContain(bot.settings.emergencyNumber);
    // The keyboard is in the send box, and no connection message is left on screen.
    await expect(focusedDataId(cold)).resolves.toBe('webchat-sendbox-input');
    await expect(cold.locator('#chat-status').isHidden()).resolves.toBe(true);
    // Web Chat says "Connecting…" under the welcome until its connection is up (it holds each status at least
    // 400 ms); it must go, and nothing else about the connection may be left showing.
    await cold.locator('.webchat__connectivityStatus').waitFor({ state: 'detached', timeout: 15_000 });
    timings['welcome→"Connecting…" gone'] = (await cold.evaluate(() => performance.now())) - coldMs;
    await expect(cold.getByText(/connecting|unable to connect|network interruption|send failed/i).filter({ visible: true }).count()).resolves.toBe(0);
    await cold.close();

    // Again with Web Chat's bundle in the browser cache and the server warmed up.
    const warm = await browser.newPage();
    timings['load→welcome warm'] = (await openChat(warm)).loadToWelcomeMs;
    await warm.close();

    expect(browser.consoleErrors).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });

  it('self-care: the message, "No" clicked for each red-flag question, then the self-care card, shown once', async () => {
    const page = await browser.newPage();
    const { grant } = await openChat(page);
    await page.locator(SEND_BOX).focus();
    await page.keyboard.type(SELF_CARE_MESSAGE);
    timings['Enter→reply cold'] = await pressAndTimeReply(page);

    const replies = await answerNoUntilDisposition(page, grant, (no) => no.click());
    const { reply, lines } = disposition(replies);
    expect(reply.channelData?.triage?.level).toBe('self-care');

    // The card is drawn, its first heading names the level, and its words are not repeated as text above it.
    const card = page.locator('.ac-adaptiveCard').last();
    await card.waitFor();
    // The level is a label above the card's heading, the advice's main line.
    expect(lines[0]).toBe(levelName('self-care'));
    await expect(card.locator('.ac-textBlock').first().innerText()).resolves.toBe(levelName('self-care'));
    await expect(card.getByRole('heading').first().innerText()).resolves.toBe(lines[1]);
    const advice = lines.reduce((longest, line) => (line.length > longest.length ? line : longest), '');
    await expect(bubblesShowing(page, advice)).resolves.toBe(1);
    await expect(bubblesShowing(page, lines[1] ?? '')).resolves.toBe(1);
    // Screen readers: the card stays in the accessibility tree with its headings, and the new-message
    // announcement reads the advice once (not the text and then the card again).
    await expect(page.getByRole('heading', { name: lines[1] }).count()).resolves.toBe(1);
    const announced = (await readProbe(page)).announced.join('\n');
    expect(announced.split(advice).length - 1).toBe(1);

    // Whatever the bot asks after the card still comes with its buttons.
    const last = replies.at(-1);
    if (last?.suggestedActions?.actions.length) await suggestedAction(page, last.suggestedActions.actions[0]?.title ?? '').waitFor();

    await expectReadable(page, ['.ac-adaptiveCard [role="heading"]', '.ac-adaptiveCard .ac-textBlock:last-child']);
    // The card's words are as large as any message's.
    const fontSizes = await page.evaluate(() =>
      ['.ac-adaptiveCard .ac-textBlock:last-child', '.webchat__bubble__content p'].map((selector) => parseFloat(getComputedStyle(document.querySelector(selector) ?? document.body).fontSize)),
    );
    expect(fontSizes[0]).toBeGreaterThanOrEqual(fontSizes[1] ?? Number.POSITIVE_INFINITY);

    await expectCardTopOnScreen(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-real-selfcare.png') });
    await page.close();
  });

  it('emergency: the emergency card at once, with the emergency number, and no question first', async () => {
    const page = await browser.newPage();
    const { grant } = await openChat(page);
    await page.locator(SEND_BOX).focus();
    await page.keyboard.type(EMERGENCY_MESSAGE);
    timings['Enter→emergency card'] = await pressAndTimeReply(page);

    const replies = await repliesToLastMessage(grant);
    expect(replies[0]?.channelData?.triage?.level).toBe('emergency');
    expect(replies.filter((a) => a.channelData?.questionId !== undefined)).toEqual([]);
    const { lines } = disposition(replies);

    // The first thing drawn after the person's message is the card, without its words as text above it.
    const firstDrawn = await page.evaluate(() => {
      const rows = Array.from(document.querySelectorAll('.webchat__stacked-layout'));
      const next = rows[rows.map((row) => row.classList.contains('webchat__stacked-layout--from-user')).lastIndexOf(true) + 1];
      return next && { card: next.querySelector('.ac-adaptiveCard') !== null, text: next.querySelector('.webchat__stacked-layout__message-row') !== null };
    });
    expect(firstDrawn).toEqual({ card: true, text: false });
    const card = page.locator('.ac-adaptiveCard').last();
    expect(lines[0]).toBe(levelName('emergency'));
    await expect(card.locator('.ac-textBlock').first().innerText()).resolves.toBe(levelName('emergency'));
    await expect(card.getByRole('heading').first().innerText()).resolves.toBe(lines[1]);
    // A button calls the emergency number where the device can.
    await expect(card.getByRole('button', { name: new RegExp(bot.settings.emergencyNumber) }).count()).resolves.toBeGreaterThan(0);
    await expect(card.textContent()).resolves.toContain(bot.settings.emergencyNumber);
    await expect(bubblesShowing(page, lines[1] ?? '')).resolves.toBe(1);
    await expectReadable(page, ['.ac-adaptiveCard [role="heading"]']);
    await expectCardTopOnScreen(page);

    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-real-emergency.png') });
    await page.close();
  });

  it('works by keyboard alone on a 375 px phone: Tab to the send box, type, Enter; Shift+Tab to the buttons, arrow to "No", Enter or Space', async () => {
    const page = await browser.newPage({ width: 375, height: 667 });
    trace = new PageTrace(page, 'phone', ARTIFACTS);
    try {
    const { grant } = await openChat(page);
    await page.locator(SEND_BOX).waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await pressUntil(page, 'Tab', () => focusedDataId(page).then((id) => id === 'webchat-sendbox-input'));
    await page.keyboard.type(SELF_CARE_MESSAGE);
    timings['Enter→reply warm'] = await pressAndTimeReply(page);

    // The buttons sit just above the send box and take one Tab stop; arrow keys move between them.
    const pressButton = async (button: Locator, key: string) => {
      await pressUntil(page, 'Shift+Tab', () => page.evaluate(() => document.activeElement?.closest('[role="toolbar"]') != null));
      await pressUntil(page, 'ArrowRight', () => button.evaluate((b) => b === document.activeElement));
      await trace?.step(`pressing ${key} on the focused button`);
      await page.keyboard.press(key);
    };
    const keys = ['Enter', 'Space'];
    const replies = await answerNoUntilDisposition(page, grant, (no) => pressButton(no, keys.shift() ?? 'Enter'));
    expect(keys).toEqual([]);
    expect(disposition(replies).reply.channelData?.triage?.level).toBe('self-care');

    await expectCardTopOnScreen(page);
    // Nothing wider than the phone: no sideways scrolling, cards inside the screen.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);
    const overflowing = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.ac-adaptiveCard, .webchat__bubble')).filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > 375).length,
    );
    expect(overflowing).toBe(0);
    await expect(page.getByRole('region', { name: 'Emergency help' }).isVisible()).resolves.toBe(true);

    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-real-phone.png') });

    // "Yes" to the summary for the doctor: its card shows once, and its fact titles keep their words whole.
    const yes = suggestedAction(page, YES);
    await yes.waitFor();
    await pressButton(yes, 'Enter');
    const summary = disposition(await repliesOnce(grant, (r) => r.some((a) => a.channelData?.summary !== undefined), 'the summary'), 'summary');
    await page.locator('.ac-factset').waitFor();
    await expect(bubblesShowing(page, summary.lines[0] ?? '')).resolves.toBe(1);
    await expect(page.evaluate(wordsSplitAcrossLines, '.ac-fact-title')).resolves.toEqual([]);
    } finally {
      await trace.step('end', true);
      await trace.save();
      trace = undefined;
    }
    await page.close();
  });

  it('logged no console error and made no request off this machine in any test', () => {
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
    expect(bot.logOutput()).not.toMatch(/"level":(50|60)/);
  });
});

/**
 * Once Web Chat has stopped scrolling, the last card's first heading (its level, then what to do) is inside
 * the transcript's view: a person reads the card from its top, not from its end.
 */
async function expectCardTopOnScreen(page: Page): Promise<void> {
  await trace?.step('checking the card top is on screen: waiting for 10 still frames');
  await page.waitForFunction(
    () => {
      const state = window as unknown as { lastScrollTop?: number; stillFrames?: number };
      const scrollTop = document.querySelector('.webchat__basic-transcript__scrollable')?.scrollTop;
      state.stillFrames = scrollTop === state.lastScrollTop ? (state.stillFrames ?? 0) + 1 : 0;
      state.lastScrollTop = scrollTop;
      return state.stillFrames >= 10;
    },
    undefined,
    { polling: 'raf' },
  );
  const heading = await page.locator('.ac-adaptiveCard').last().getByRole('heading').first().boundingBox();
  const view = await page.locator('.webchat__basic-transcript__scrollable').boundingBox();
  await trace?.step(`heading ${JSON.stringify(heading)} view ${JSON.stringify(view)}`, true);
  expect(heading && view && heading.y >= view.y && heading.y + heading.height <= view.y + view.height).toBe(true);
}

/** WCAG AA: the first element of each selector has text at least 4.5:1 against its background. */
async function expectReadable(page: Page, selectors: string[]): Promise<void> {
  const contrasts = await page.evaluate(contrastOf, selectors);
  for (const [selector, ratio] of Object.entries(contrasts)) expect([selector, ratio, ratio >= 4.5]).toEqual([selector, ratio, true]);
}

/** Runs in the page: the words, inside elements matching `selector`, that are broken over two lines. */
function wordsSplitAcrossLines(selector: string): string[] {
  const split: string[] = [];
  document.querySelectorAll(selector).forEach((element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of (node.textContent ?? '').matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        if (range.getClientRects().length > 1) split.push(word[0]);
      }
    }
  });
  return split;
}
