import { createHash } from 'node:crypto';
import { escapeHtml } from '../webchat/escapeHtml';

/** A small document model, so the call script is written once and rendered as Markdown and HTML. */
export type Block =
  | { readonly kind: 'heading'; readonly depth: 1 | 2 | 3; readonly text: string; readonly anchor?: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly tone?: 'read' | 'note' | 'alert' }
  | { readonly kind: 'list'; readonly items: readonly string[]; readonly ordered?: boolean }
  | { readonly kind: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly className?: string }
  /** Blocks kept together under a class (the quick card); a page break after it in print when asked. */
  | { readonly kind: 'group'; readonly className: string; readonly blocks: readonly Block[]; readonly anchor?: string; readonly breakAfter?: boolean };

const escapeMarkdownCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Renders blocks as GitHub-flavoured Markdown. */
export function toMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  const render = (list: readonly Block[]) => {
    for (const b of list) {
      switch (b.kind) {
        case 'heading':
          if (b.anchor) out.push(`<a id="${b.anchor}"></a>`, '');
          out.push(`${'#'.repeat(b.depth)} ${b.text}`, '');
          break;
        case 'paragraph':
          out.push(b.tone === 'read' ? `> ${b.text}` : b.tone === 'note' ? `_${b.text}_` : b.tone === 'alert' ? `**${b.text}**` : b.text, '');
          break;
        case 'list':
          out.push(...b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${item.replace(/\n/g, '\n   ')}`), '');
          break;
        case 'table':
          out.push(`| ${b.head.join(' | ')} |`, `|${b.head.map(() => ' --- |').join('')}`);
          out.push(...b.rows.map((r) => `| ${r.map(escapeMarkdownCell).join(' | ')} |`), '');
          break;
        case 'group':
          if (b.anchor) out.push(`<a id="${b.anchor}"></a>`, '');
          render(b.blocks);
          break;
      }
    }
  };
  render(blocks);
  return out.join('\n');
}

// Inline markup kept deliberately tiny: **bold** and [text](#anchor) links, both produced by the renderer itself.
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(#([a-z0-9_-]+)\)/g, '<a href="#$2">$1</a>')
    .replace(/\n/g, '<br>');
}

/** A string as a CSS string literal, for `content:`. */
const cssString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;

function style(banner: string): string {
  return `
:root { color-scheme: light; --ink: #1b2733; --muted: #4a5866; --accent: #1f5f7a; --rule: #c9d3dc; --read: #eef5f8; --alarm: #8a1c1c; }
* { box-sizing: border-box; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 0 1.5rem 1.5rem; }
h1 { font-size: 1.6rem; margin: .8rem 0 .4rem; } h2 { font-size: 1.3rem; border-top: 2px solid var(--rule); padding-top: .8rem; margin-top: 1.8rem; } h3 { font-size: 1.05rem; margin: 1.1rem 0 .4rem; }
a { color: var(--accent); }
p { margin: .4rem 0; } ul, ol { margin: .3rem 0 .6rem; padding-left: 1.4rem; } li { margin: .2rem 0; }
blockquote, .read { background: var(--read); border-left: 4px solid var(--accent); margin: .4rem 0; padding: .35rem .7rem; }
.note { color: var(--muted); font-style: italic; }
.alert { color: var(--alarm); font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .95em; }
th, td { border: 1px solid var(--rule); padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f3f6f8; }
.banner { position: sticky; top: 0; z-index: 1; margin: 0 -1.5rem; background: var(--alarm); color: #fff; padding: .55rem 1.5rem; font-weight: 600; }
.find { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: .8rem 0; }
.find input { font: inherit; padding: .25rem .4rem; min-width: 14rem; }
.find button { font: inherit; padding: .25rem .7rem; }
.find output { color: var(--muted); }
.quick h1 { font-size: 1.35rem; } .quick h2 { font-size: 1.1rem; margin-top: .8rem; padding-top: .4rem; }
.quick table { margin: .3em 0 .5em; } .quick td, .quick th { padding: .15em .35em; } .flags td:first-child { width: 68%; }
@page {
  size: Letter;
  margin: 14mm 12mm 12mm;
  @top-center { content: ${cssString(banner)}; font: 600 9pt system-ui, sans-serif; color: #000; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #333; }
}
/* The first page has the banner itself, at the top of the page (browsers without page margin boxes print only that one). */
@page :first { @top-center { content: none; } }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.3; }
  a { color: inherit; text-decoration: none; }
  h1 { font-size: 14pt; } h2 { font-size: 12pt; margin-top: 1rem; padding-top: .4rem; } h3 { font-size: 10.5pt; margin-top: .7rem; }
  h2, h3 { break-after: avoid; }
  table, blockquote, .read, li { break-inside: avoid; }
  .banner { position: static; margin: 0 0 .4rem; border: 2px solid #000; color: #000; background: none; padding: .3rem .5rem; }
  .find, .screen-only { display: none; }
  .break-after { break-after: page; }
  .appendix { break-before: page; }
  .quick { font-size: 8.5pt; line-height: 1.25; } .quick h1 { font-size: 13pt; margin-top: 0; } .quick h2 { font-size: 11pt; margin: .4rem 0 .2rem; }
  .quick td, .quick th { padding: .1em .3em; }
}`;
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading': {
      const id = b.anchor ? ` id="${escapeHtml(b.anchor)}"` : '';
      return `<h${b.depth}${id}>${inline(b.text)}</h${b.depth}>`;
    }
    case 'paragraph':
      return `<p${b.tone === undefined ? '' : ` class="${b.tone}"`}>${inline(b.text)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${tag}>`;
    }
    case 'table':
      return (
        `<table${b.className === undefined ? '' : ` class="${escapeHtml(b.className)}"`}><thead><tr>${b.head.map((h) => `<th scope="col">${inline(h)}</th>`).join('')}</tr></thead><tbody>` +
        b.rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('') +
        '</tbody></table>'
      );
    case 'group': {
      const id = b.anchor ? ` id="${escapeHtml(b.anchor)}"` : '';
      return `<section class="${escapeHtml(b.className)}${b.breakAfter ? ' break-after' : ''}"${id}>\n${b.blocks.map(blockHtml).join('\n')}\n</section>`;
    }
  }
}

/** What goes around the blocks: the title, the banner on every page, and an optional script. */
export interface PageOptions {
  readonly title: string;
  readonly banner: string;
  /** Trusted HTML put before the blocks (the search box). */
  readonly before?: string;
  /** An inline script, allowed by its hash (see {@link scriptHash}). */
  readonly script?: string;
}

/** The CSP source for an inline script: `'sha256-…'`. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/** Renders blocks as one self-contained HTML page with print styles; no external resources. */
export function toHtml(blocks: readonly Block[], options: PageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${style(options.banner)}</style>
</head>
<body>
<p class="banner" role="note">${escapeHtml(options.banner)}</p>
${options.before ?? ''}
<main>
${blocks.map(blockHtml).join('\n')}
</main>
${options.script === undefined ? '' : `<script>${options.script}</script>`}
</body>
</html>
`;
}
