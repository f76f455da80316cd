import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { z } from 'zod';
import { DEFAULT_DIALOGS_DIR, loadDialogs } from '../../src/dialogs';
import { loadKnowledge, type Level } from '../../src/triage';
import { startBot, type RunningBot } from '../e2e/botHarness';
import { BotReply } from '../e2e/emulatorClient';
import { waitFor } from '../support/waitFor';
import { PageTrace } from './support/pageTrace';
import { contrastOf, describeInBrowser, focusedDataId, launchBrowser, pressUntil, SEND_BOX, suggestedAction, type Browser } from './support/browser';
import { LEVEL_ICONS } from '../../src/bot/dispositionCard';

/**
 * The real bot (built by `buildApp` with default settings, as `npm start` builds it) behind its own Web
 * Chat page, in Chromium: what a person sees and can do, and how long they wait. The bot's decisions
 * are read from the conversation's Direct Line history (`channelData.triage`); the words a person reads
 * come from the same content the bot uses, so rewording content does not break these tests.
 */

jest.setTimeout(180_000);

const BOT_ROW = '.webchat__stacked-layout:not(.webchat__stacked-layout--from-user)';
const ARTIFACTS = 'artifacts';
const SELF_CARE_MESSAGE = 'I feel a bit dizzy since my dose went up';
const EMERGENCY_MESSAGE = "my husband has collapsed and won't wake up";

const messages = loadDialogs(DEFAULT_DIALOGS_DIR, loadKnowledge()).messages;
/** The level's label on the card: its icon and name. */
const levelName = (level: Level): string => `${LEVEL_ICONS[level]} ${messages.levels[level].patient}`;
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
      questionIds: z.array(z.string()).optional(),
      // Web Chat marks what the person sent with it.
      clientActivityID: z.string().optional(),
    })
    .optional(),
});
const History = z.object({ activities: z.array(HistoryActivity) });
type HistoryActivity = z.infer<typeof History>['activities'][number];
const CardBody = z.object({ body: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })) });

/**
 * Set by an init script in every page: when the first bot message was drawn, what was announced to screen
 * readers, and any buttons seen while the person's own message was the newest on screen (buttons of a
 * question already answered, which must be gone until the next question arrives).
 */
interface PageProbe {
  firstBotMessageAt?: number;
  announced: string[];
  staleButtons: string[];
}

function installProbe(botRow: string): void {
  const probe: PageProbe = { announced: [], staleButtons: [] };
  (window as unknown as { triageProbe: PageProbe }).triageProbe = probe;
  new MutationObserver((records) => {
    if (probe.firstBotMessageAt === undefined && document.querySelector(botRow)) probe.firstBotMessageAt = performance.now();
    const rows = document.querySelectorAll('.webchat__stacked-layout');
    const buttons = Array.from(document.querySelectorAll('[role="toolbar"] button'), (b) => b.textContent ?? '');
    if (buttons.length > 0 && !rows[rows.length - 1]?.matches(botRow)) probe.staleButtons.push(buttons.join('|'));
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
/** The phone test's step-by-step record (artifacts/phone-trace.txt and screenshots), read when it fails. */
let trace: PageTrace | undefined;

/** Reply ids, for the trace: `triage.screen[buttons]`, `triage.advice(triage)`. */
function replyIdsOf(replies: readonly HistoryActivity[]): string {
  return replies.map((a) => `${a.channelData?.replyId ?? '?'}${a.channelData?.triage ? '(triage)' : ''}${a.suggestedActions ? '[buttons]' : ''}`).join(', ');
}

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

  /**
   * The bot's replies to the person's `nth` message (1-based; Web Chat marks what the person sent with
   * `clientActivityID`), matched by `replyToId`, once `ok` accepts them (at most 30 s); a timeout shows the
   * replies last seen. Right after a send the history still ends with the replies to the message before,
   * until the new message reaches the server: waiting for that message by its number, and for replies to
   * it by its id, is what keeps an old question from passing for the next one.
   */
  async function repliesTo(grant: Grant, nth: number, ok: (replies: HistoryActivity[]) => boolean, what: string): Promise<HistoryActivity[]> {
    let seen: HistoryActivity[] = [];
    const check = async () => {
      const activities = await history(grant);
      const sent = activities.filter((a) => a.type === 'message' && a.channelData?.clientActivityID !== undefined)[nth - 1];
      seen = sent ? activities.filter((a) => a.type === 'message' && a.replyToId === sent.id) : [];
      return sent !== undefined && ok(seen) && seen;
    };
    return waitFor(check, { timeoutMs: 30_000, intervalMs: 50, what: () => `${what} (replies to the person's message ${nth}); last seen: ${JSON.stringify(seen)}` });
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
   * After the person's first message, answers every red-flag yes/no question with "No" (by `answer`) until
   * the disposition arrives, each time once the page shows that question and its buttons; checks the
   * keyboard went back to the send box after each answer. Returns the replies to the last answer (the
   * disposition and the prompt after it, drawn) and how many messages the person has sent.
   */
  async function answerNoUntilDisposition(page: Page, grant: Grant, answer: (no: Locator) => Promise<void>): Promise<{ replies: HistoryActivity[]; sent: number }> {
    for (let sent = 1; sent <= 10; sent += 1) {
      const replies = await repliesTo(grant, sent, endsWithPrompt, 'the bot to ask something');
      await trace?.step(`history: replies to message ${sent}: ${replyIdsOf(replies)}`);
      await lastReplyOnScreen(page, replies);
      await trace?.step(`page shows the prompt ${replyIdsOf(replies.slice(-1))} and its buttons`, true);
      // The keyboard goes back to the send box after a button, so the person can type on.
      if (sent > 1) await expect(focusedDataId(page)).resolves.toBe('webchat-sendbox-input');
      if (replies.some((a) => a.channelData?.triage !== undefined)) return { replies, sent };
      // One red-flag question, or a combined check of several.
      expect(replies.at(-1)?.channelData?.questionId ?? replies.at(-1)?.channelData?.questionIds).toBeDefined();
      expect(replies.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toContain(NO);
      await answer(suggestedAction(page, NO));
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

    const { replies } = await answerNoUntilDisposition(page, grant, (no) => no.click());
    const { reply, lines } = disposition(replies);
    expect(reply.channelData?.triage?.level).toBe('self-care');

    // The card is drawn, its first heading names the level, and its words are not repeated as text above it.
    const card = cardHeaded(page, lines[1] ?? '');
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

    await expectReadable(page, ['.ac-adaptiveCard [role="heading"]', '.ac-adaptiveCard .ac-textBlock:last-child']);
    // The card's words are as large as any message's.
    const fontSizes = await page.evaluate(() =>
      ['.ac-adaptiveCard .ac-textBlock:last-child', '.webchat__bubble__content p'].map((selector) => parseFloat(getComputedStyle(document.querySelector(selector) ?? document.body).fontSize)),
    );
    expect(fontSizes[0]).toBeGreaterThanOrEqual(fontSizes[1] ?? Number.POSITIVE_INFINITY);

    await expectCardTopOnScreen(page, lines[1] ?? '');
    expect((await readProbe(page)).staleButtons).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-real-selfcare.png') });
    await page.close();
  });

  it('emergency: the emergency card at once, with the emergency number, and no question first', async () => {
    const page = await browser.newPage();
    const { grant } = await openChat(page);
    await page.locator(SEND_BOX).focus();
    await page.keyboard.type(EMERGENCY_MESSAGE);
    timings['Enter→emergency card'] = await pressAndTimeReply(page);

    const replies = await repliesTo(grant, 1, (r) => r.some((a) => a.channelData?.triage !== undefined), 'the emergency card');
    expect(replies[0]?.channelData?.triage?.level).toBe('emergency');
    expect(replies.filter((a) => a.channelData?.questionId !== undefined)).toEqual([]);
    const { lines } = disposition(replies);
    await lastReplyOnScreen(page, replies);

    // The first thing drawn after the person's message is the card, without its words as text above it.
    const firstDrawn = await page.evaluate(() => {
      const rows = Array.from(document.querySelectorAll('.webchat__stacked-layout'));
      const next = rows[rows.map((row) => row.classList.contains('webchat__stacked-layout--from-user')).lastIndexOf(true) + 1];
      return next && { card: next.querySelector('.ac-adaptiveCard') !== null, text: next.querySelector('.webchat__stacked-layout__message-row') !== null };
    });
    expect(firstDrawn).toEqual({ card: true, text: false });
    const card = cardHeaded(page, lines[1] ?? '');
    expect(lines[0]).toBe(levelName('emergency'));
    await expect(card.locator('.ac-textBlock').first().innerText()).resolves.toBe(levelName('emergency'));
    await expect(card.getByRole('heading').first().innerText()).resolves.toBe(lines[1]);
    // A button calls the emergency number where the device can.
    await expect(card.getByRole('button', { name: new RegExp(bot.settings.emergencyNumber) }).count()).resolves.toBeGreaterThan(0);
    await expect(card.textContent()).resolves.toContain(bot.settings.emergencyNumber);
    await expect(bubblesShowing(page, lines[1] ?? '')).resolves.toBe(1);
    await expectReadable(page, ['.ac-adaptiveCard [role="heading"]']);
    await expectCardTopOnScreen(page, lines[1] ?? '');

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
      const { replies, sent } = await answerNoUntilDisposition(page, grant, (no) => pressButton(no, keys.shift() ?? 'Enter'));
      expect(keys).toEqual([]);
      const advice = disposition(replies);
      expect(advice.reply.channelData?.triage?.level).toBe('self-care');

      await expectCardTopOnScreen(page, advice.lines[1] ?? '');
      // Nothing wider than the phone: no sideways scrolling, cards inside the screen.
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);
      const overflowing = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.ac-adaptiveCard, .webchat__bubble')).filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > 375).length,
      );
      expect(overflowing).toBe(0);
      await expect(page.getByRole('region', { name: 'Emergency help' }).isVisible()).resolves.toBe(true);

      await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-real-phone.png') });

      // "Yes" to the summary for the doctor, a button on the same card as the question (its text not drawn
      // twice): its card shows once, and its fact titles keep their words whole.
      expect(replies.at(-1)?.channelData?.replyId).toBe('wrap_up.offer_summary');
      const offer = page.locator('.ac-adaptiveCard').last();
      await expect(bubblesShowing(page, replies.at(-1)?.text ?? 'the offer has no text')).resolves.toBe(1);
      const yes = offer.getByRole('button', { name: YES, exact: true });
      // A card's buttons are inside the transcript: Shift+Tab to it, End to the newest message, Enter into it, Tab to the button.
      await pressUntil(page, 'Shift+Tab', () => page.evaluate(() => document.activeElement?.closest('.webchat__basic-transcript') != null));
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await pressUntil(page, 'Tab', () => yes.evaluate((b) => b === document.activeElement));
      await page.keyboard.press('Enter');
      const afterYes = await repliesTo(grant, sent + 1, (r) => r.at(-1)?.channelData?.replyId === 'wrap_up.anything_else', 'the summary and "anything else?"');
      const summary = disposition(afterYes, 'summary');
      await lastReplyOnScreen(page, afterYes);
      await expectCardTopOnScreen(page, summary.lines[0] ?? '');
      await cardHeaded(page, summary.lines[0] ?? '').locator('.ac-factset').waitFor();
      await expect(bubblesShowing(page, summary.lines[0] ?? '')).resolves.toBe(1);
      await expect(page.evaluate(wordsSplitAcrossLines, '.ac-fact-title')).resolves.toEqual([]);
      expect((await readProbe(page)).staleButtons).toEqual([]);
    } finally {
      await trace.step('end', true);
      await trace.save();
      trace = undefined;
    }
    await page.close();
  });

  it('on a phone, keeps the newest card read from its top when the transcript is scrolled past it, until the person scrolls', async () => {
    const page = await browser.newPage({ width: 375, height: 667 });
    const { grant } = await openChat(page);
    await page.locator(SEND_BOX).focus();
    await page.keyboard.type(SELF_CARE_MESSAGE);
    await page.keyboard.press('Enter');
    const { replies } = await answerNoUntilDisposition(page, grant, (no) => no.click());
    const heading = disposition(replies).lines[1] ?? '';
    await expectCardTopOnScreen(page, heading);

    // Web Chat's scroll to the end after a send runs on when the card arrives during it (a fast reply on a busy
    // phone) and ends at the card's end: the same scroll, made here at once, is taken back to the card's top.
    const afterScrollToEnd = await page.evaluate(scrollTranscriptToEnd, heading);
    expect(afterScrollToEnd.headingAtEnd).toBeLessThan(0);
    expect(afterScrollToEnd.heading).toBeGreaterThanOrEqual(0);

    // Once the person scrolls the transcript, the page leaves its scrolling to them.
    const view = await page.locator('.webchat__basic-transcript__scrollable').boundingBox();
    const scrollTop = () => document.querySelector('.webchat__basic-transcript__scrollable')?.scrollTop ?? 0;
    // Read before the wheel: the scroll it makes may be over by the time `wheel` returns.
    const before = await page.evaluate(scrollTop);
    await page.mouse.move((view?.x ?? 0) + 20, (view?.y ?? 0) + 20);
    await page.mouse.wheel(0, 200);
    await page.waitForFunction(([read, top]) => (document.querySelector(read)?.scrollTop ?? top) > top, ['.webchat__basic-transcript__scrollable', before] as const);
    await expect(page.evaluate(scrollTranscriptToEnd, heading)).resolves.toMatchObject({ heading: afterScrollToEnd.headingAtEnd });
    await page.close();
  });

  it('logged no console error and made no request off this machine in any test, and the bot logged nothing the person typed', () => {
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
    const log = bot.logOutput();
    expect(log).not.toMatch(/"level":(50|60)/);
    expect(log.length).toBeGreaterThan(0);
    for (const typed of [SELF_CARE_MESSAGE, EMERGENCY_MESSAGE]) expect(log).not.toContain(typed);
  });
});

/** Whether a turn's replies end with a prompt: a question with its buttons (suggested actions or on its card), after which the bot waits. */
function endsWithPrompt(replies: readonly HistoryActivity[]): boolean {
  const last = replies.at(-1);
  return (last?.suggestedActions?.actions.length ?? 0) > 0 || last?.inputHint === 'expectingInput';
}

/**
 * Waits until the page has drawn the last of `replies` as its newest message, with exactly its buttons
 * above the send box (none for a plain message): for a prompt, only then is a button press an answer to
 * that question; for any turn, only then has everything it brings been drawn.
 */
async function lastReplyOnScreen(page: Page, replies: readonly HistoryActivity[]): Promise<void> {
  const last = replies.at(-1);
  const titles = last?.suggestedActions?.actions.map((a) => a.title ?? '') ?? [];
  // A disposition or summary is drawn as its card alone (the page keeps its text for screen readers).
  const card = last?.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive') ?? false;
  await page.waitForFunction(showsNewest, { row: '.webchat__stacked-layout', text: card ? '' : (last?.text ?? ''), card, titles }, { timeout: 30_000 });
}

/** Runs in the page: the newest message is the bot's and shows `text` (or a card), and the buttons shown are `titles`. */
function showsNewest({ row, text, card, titles }: { row: string; text: string; card: boolean; titles: string[] }): boolean {
  // Markdown may turn quotes into typographic ones and fold white space.
  const squash = (t: string) => t.replace(/[\s'"\u2018\u2019\u201c\u201d]+/g, ' ').trim();
  const rows = document.querySelectorAll(row);
  const newest = rows[rows.length - 1];
  if (!newest || newest.classList.contains('webchat__stacked-layout--from-user')) return false;
  if (!squash(newest.textContent ?? '').includes(squash(text))) return false;
  if (card && !newest.querySelector('.ac-adaptiveCard')) return false;
  const shown = Array.from(document.querySelectorAll('[role="toolbar"] button')).map((b) => (b.textContent ?? '').trim());
  return JSON.stringify(shown) === JSON.stringify(titles);
}

/** The Adaptive Card whose heading is `heading` (a disposition's main line, a summary's title). */
function cardHeaded(page: Page, heading: string): Locator {
  return page.locator('.ac-adaptiveCard').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });
}

/**
 * Once Web Chat has stopped scrolling, the first heading of the card headed `heading` is inside the
 * transcript's view: a person reads the card from its top, not from its end. Call it once everything the
 * turn brings has been drawn ({@link lastReplyOnScreen}): what is left to wait for is Web Chat's scroll
 * animation, which moves the transcript every frame until it is done, so ten frames without a move mean
 * it has stopped. A card is drawn with its heading below the view and brought up by that animation.
 */
async function expectCardTopOnScreen(page: Page, heading: string): Promise<void> {
  const card = cardHeaded(page, heading);
  await card.waitFor();
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
  const box = await card.getByRole('heading').first().boundingBox();
  const view = await page.locator('.webchat__basic-transcript__scrollable').boundingBox();
  await trace?.step(`heading ${JSON.stringify(box)} view ${JSON.stringify(view)}`, true);
  expect(box && view && box.y >= view.y && box.y + box.height <= view.y + view.height).toBe(true);
}

/**
 * Runs in the page: scrolls the transcript to its end as a script would (not the person), and once the scroll
 * event has been handled, says where the heading `heading` is against the view's top (negative: above it),
 * and where it would be at the end.
 */
function scrollTranscriptToEnd(heading: string): Promise<{ heading: number; headingAtEnd: number }> {
  const view = document.querySelector('.webchat__basic-transcript__scrollable');
  const element = Array.from(document.querySelectorAll('.ac-adaptiveCard [role="heading"]')).find((h) => (h.textContent ?? "").includes(heading));
  if (!view || !element) throw new Error(`no transcript or no heading "${heading}"`);
  const offset = () => element.getBoundingClientRect().top - view.getBoundingClientRect().top;
  const end = view.scrollHeight - view.clientHeight;
  const headingAtEnd = offset() - (end - view.scrollTop);
  return new Promise((resolve) => {
    if (view.scrollTop >= end) return resolve({ heading: offset(), headingAtEnd });
    // Capturing on the document runs before the page's own handler on the transcript's ancestor: wait a frame.
    document.addEventListener('scroll', () => requestAnimationFrame(() => resolve({ heading: offset(), headingAtEnd })), { capture: true, once: true });
    view.scrollTop = end;
  });
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
