import restify from 'restify';
import type { Page } from 'playwright-core';
import { loadDialogs, DEFAULT_DIALOGS_DIR } from '../../src/bot';
import { loadKnowledge, DEFAULT_CONTACTS } from '../../src/triage';
import { registerCallScriptRoute, renderCallScript } from '../../src/script';
import { describeInBrowser, launchBrowser, type Browser } from '../browser/support/browser';
import { listenOnLoopback, type Listening } from '../directline/support/testServer';

jest.setTimeout(120_000);

const knowledge = loadKnowledge();
const dialogs = loadDialogs(DEFAULT_DIALOGS_DIR, knowledge);
const script = renderCallScript(knowledge, dialogs, DEFAULT_CONTACTS, new Date('2026-11-28T12:00:00Z'));

/** Pages in a PDF Chromium printed: its page objects, checked against the page tree's count. */
function pagesIn(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  if (counts.length > 0 && Math.max(...counts) !== pages) throw new Error(`the PDF has ${pages} page objects but its page tree counts ${Math.max(...counts)}`);
  return pages;
}

describeInBrowser('the call script printed from Chromium (US Letter)', () => {
  let browser: Browser;
  let page: Page;
  let server: Listening;

  beforeAll(async () => {
    const app = restify.createServer();
    registerCallScriptRoute(app, script);
    server = await listenOnLoopback(app);
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function printedPages(html: string): Promise<number> {
    await page.setContent(html);
    return pagesIn(await page.pdf({ format: 'Letter', preferCSSPageSize: true }));
  }

  it('prints the quick card on one page', async () => {
    expect(await printedPages(script.quickCardHtml)).toBe(1);
  });

  it('prints the script without its appendices on at most 12 pages', async () => {
    const pages = await printedPages(script.withoutAppendicesHtml);
    process.stdout.write(`call script: ${pages} printed pages without appendices, ${await printedPages(script.html)} with them\n`);
    expect(pages).toBeLessThanOrEqual(12);
  });

  it('jumps to the section for a symptom word typed in the search box, under its own CSP', async () => {
    await page.goto(`${server.baseUrl}/script`);
    const search = async (word: string) => {
      await page.getByLabel('Find a symptom or question:').fill(word);
      await page.getByRole('button', { name: 'Go' }).click();
      return { hash: await page.evaluate(() => location.hash), said: await page.locator('#find-result').textContent() };
    };
    expect(await search('pump alarm')).toEqual({ hash: '#problem_withdrawal', said: 'Found in: Stopped, ran out, or pump problem' });
    expect((await search('Double dose')).hash).toBe('#problem_overdose');
    expect((await search('alcohol')).hash).toBe('#alcohol');
    expect((await search('xyzzy')).said).toContain('Nothing found for "xyzzy"');
    expect(browser.consoleErrors).toEqual([]);
  });
});
