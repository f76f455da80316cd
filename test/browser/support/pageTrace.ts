import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** One thing the page or the test did, stamped with the wall clock (ms) so both sides line up. */
export interface TraceEntry {
  at: number;
  source: 'page' | 'test';
  what: string;
}

interface PageTraceState {
  entries: TraceEntry[];
}

/**
 * Runs in every page (an init script): records key presses, focus moves, the suggested-action buttons
 * shown, the rows drawn and the transcript's scroll position, each with `Date.now()`.
 */
function recordPage(): void {
  const state: PageTraceState = { entries: [] };
  (window as unknown as { triageTrace: PageTraceState }).triageTrace = state;
  const log = (what: string) => state.entries.push({ at: Date.now(), source: 'page', what });
  const describe = (element: Element | null): string => {
    if (!element) return 'nothing';
    const dataId = element.getAttribute('data-id');
    if (dataId) return dataId;
    const label = element.getAttribute('aria-label') ?? element.textContent ?? '';
    return `${element.tagName.toLowerCase()}${element.closest('[role="toolbar"]') ? ' in toolbar' : ''} "${label.trim().slice(0, 40)}"`;
  };
  document.addEventListener('keydown', (event) => log(`keydown ${event.key} on ${describe(document.activeElement)}`), { capture: true });
  document.addEventListener('focusin', (event) => log(`focus ${describe(event.target as Element)}`), { capture: true });
  document.addEventListener('click', (event) => log(`click ${describe(event.target as Element)}`), { capture: true });
  document.addEventListener('scroll', (event) => {
    const target = event.target as Element;
    if (target instanceof Element && target.classList.contains('webchat__basic-transcript__scrollable')) log(`scroll ${Math.round(target.scrollTop)} of ${target.scrollHeight - target.clientHeight}`);
  }, { capture: true });
  let lastShape = '';
  new MutationObserver(() => {
    const rows = Array.from(document.querySelectorAll('.webchat__stacked-layout'));
    const buttons = Array.from(document.querySelectorAll('[role="toolbar"] button')).map((b) => `${b.textContent ?? ''}${(b as HTMLButtonElement).disabled ? '(disabled)' : ''}`);
    const last = rows.at(-1);
    const shape = `rows ${rows.length}, last ${last?.classList.contains('webchat__stacked-layout--from-user') ? 'user' : 'bot'} "${(last?.textContent ?? '').trim().slice(0, 50)}", buttons [${buttons.join('|')}], cards ${document.querySelectorAll('.ac-adaptiveCard').length}`;
    if (shape !== lastShape) log((lastShape = shape));
    // Where each card's heading is, against the transcript's view, the moment the card is drawn.
    document.querySelectorAll('.ac-adaptiveCard:not([data-traced])').forEach((card) => {
      const heading = card.querySelector('[role="heading"]');
      const view = document.querySelector('.webchat__basic-transcript__scrollable');
      if (!heading || !view) return;
      card.setAttribute('data-traced', '');
      const h = heading.getBoundingClientRect();
      const v = view.getBoundingClientRect();
      log(`card drawn: heading top ${Math.round(h.top - v.top)} bottom ${Math.round(h.bottom - v.top)} in a view ${Math.round(v.height)} high${h.top >= v.top && h.bottom <= v.bottom ? '' : ' (OUT OF VIEW)'}`);
    });
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'aria-disabled'] });
}

/** A step-by-step record of one page and the test driving it, written to `artifacts/` with a screenshot per step. */
export class PageTrace {
  private readonly entries: TraceEntry[] = [];
  private shots = 0;

  constructor(
    private readonly page: Page,
    private readonly name: string,
    private readonly dir: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Adds the recorder to every page of `context`; call before opening pages. */
  static async install(context: BrowserContext): Promise<void> {
    await context.addInitScript(recordPage);
  }

  /** Notes a step of the test, with a screenshot when `shot` is set. */
  async step(what: string, shot = false): Promise<void> {
    this.entries.push({ at: Date.now(), source: 'test', what });
    if (shot) {
      this.shots += 1;
      const file = `${this.name}-${String(this.shots).padStart(2, '0')}.png`;
      await this.page.screenshot({ path: path.join(this.dir, file) }).catch(() => undefined);
      this.entries.push({ at: Date.now(), source: 'test', what: `screenshot ${file}` });
    }
  }

  /** Writes the page's and the test's entries, merged in time order, to `artifacts/<name>-trace.txt`. */
  async save(): Promise<string> {
    const fromPage = await this.page
      .evaluate(() => (window as unknown as { triageTrace?: PageTraceState }).triageTrace?.entries ?? [])
      .catch(() => [] as TraceEntry[]);
    const all = [...fromPage, ...this.entries].sort((a, b) => a.at - b.at);
    const start = all[0]?.at ?? 0;
    const file = path.join(this.dir, `${this.name}-trace.txt`);
    writeFileSync(file, all.map((e) => `${String(e.at - start).padStart(6)} ms  ${e.source.padEnd(4)}  ${e.what}`).join('\n') + '\n');
    return file;
  }
}
