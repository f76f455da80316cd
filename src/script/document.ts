import { escapeHtml } from '../webchat/escapeHtml';

/** A small document model, so the call script is written once and rendered as Markdown and HTML. */
export type Block =
  | { readonly kind: 'heading'; readonly depth: 1 | 2 | 3; readonly text: string; readonly anchor?: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly tone?: 'read' | 'note' }
  | { readonly kind: 'list'; readonly items: readonly string[]; readonly ordered?: boolean }
  | { readonly kind: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };

const escapeMarkdownCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Renders blocks as GitHub-flavoured Markdown. */
export function toMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        if (b.anchor) out.push(`<a id="${b.anchor}"></a>`, '');
        out.push(`${'#'.repeat(b.depth)} ${b.text}`, '');
        break;
      case 'paragraph':
        out.push(b.tone === 'read' ? `> ${b.text}` : b.tone === 'note' ? `_${b.text}_` : b.text, '');
        break;
      case 'list':
        out.push(...b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${item.replace(/\n/g, '\n   ')}`), '');
        break;
      case 'table':
        out.push(`| ${b.head.join(' | ')} |`, `|${b.head.map(() => ' --- |').join('')}`);
        out.push(...b.rows.map((r) => `| ${r.map(escapeMarkdownCell).join(' | ')} |`), '');
        break;
    }
  }
  return out.join('\n');
}


// Inline markup kept deliberately tiny: **bold** and [text](#anchor) links, both produced by the renderer itself.
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(#([a-z0-9_-]+)\)/g, '<a href="#$2">$1</a>')
    .replace(/\n/g, '<br>');
}

const STYLE = `
:root { color-scheme: light; --ink: #1b2733; --muted: #4a5866; --accent: #1f5f7a; --rule: #c9d3dc; --read: #eef5f8; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.35rem; border-top: 2px solid var(--rule); padding-top: 1rem; margin-top: 2.2rem; } h3 { font-size: 1.1rem; margin-top: 1.5rem; }
a { color: var(--accent); }
blockquote, .read { background: var(--read); border-left: 4px solid var(--accent); margin: .6rem 0; padding: .5rem .8rem; }
.note { color: var(--muted); font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.2rem; font-size: .95rem; }
th, td { border: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f6f8; }
.banner { background: #8a1c1c; color: #fff; padding: .6rem .9rem; border-radius: 4px; font-weight: 600; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  table, blockquote, li { break-inside: avoid; }
  .banner { border: 2px solid #000; color: #000; background: none; }
}`;

/** Renders blocks as one self-contained HTML page with print styles; no external resources. */
export function toHtml(blocks: readonly Block[], title: string, banner: string): string {
  const body: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': {
        const id = b.anchor ? ` id="${escapeHtml(b.anchor)}"` : '';
        body.push(`<h${b.depth}${id}>${inline(b.text)}</h${b.depth}>`);
        break;
      }
      case 'paragraph':
        body.push(b.tone === 'read' ? `<p class="read">${inline(b.text)}</p>` : `<p${b.tone === 'note' ? ' class="note"' : ''}>${inline(b.text)}</p>`);
        break;
      case 'list': {
        const tag = b.ordered ? 'ol' : 'ul';
        body.push(`<${tag}>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${tag}>`);
        break;
      }
      case 'table':
        body.push(
          `<table><thead><tr>${b.head.map((h) => `<th scope="col">${inline(h)}</th>`).join('')}</tr></thead><tbody>` +
            b.rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('') +
            '</tbody></table>',
        );
        break;
    }
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<p class="banner" role="note">${escapeHtml(banner)}</p>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
