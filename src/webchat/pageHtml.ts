import { escapeHtml } from './escapeHtml';

/** What the chat page shows and where it gets its token. */
export interface PageContent {
  title: string;
  emergencyNumber: string;
  tokenPath: string;
  locale: string;
  nonce: string;
}

// Digits, spaces and + ( ) - only: then the number is also offered as a tap-to-call link.
const DIALABLE = /^\+?[0-9][0-9 ()-]{0,18}$/;

/** The chat page's HTML; every configured value is HTML-escaped, and there is no inline script (settings travel in meta tags). */
export function renderPageHtml(content: PageContent): string {
  const title = escapeHtml(content.title);
  const number = escapeHtml(content.emergencyNumber);
  const dial = DIALABLE.test(content.emergencyNumber)
    ? `<a href="tel:${escapeHtml(content.emergencyNumber.replace(/[^0-9+]/g, ''))}">${number}</a>`
    : number;
  return `<!doctype html>
<html lang="${escapeHtml(content.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="webchat-style-nonce" content="${escapeHtml(content.nonce)}">
<meta name="chat-token-path" content="${escapeHtml(content.tokenPath)}">
<meta name="chat-locale" content="${escapeHtml(content.locale)}">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/page.css">
<script src="/assets/start.js"></script>
<script src="/assets/webchat.js" defer></script>
<script src="/assets/page.js" defer></script>
</head>
<body>
<div class="layout">
<div class="emergency" role="region" aria-label="Emergency help">
<p>In an emergency call ${dial}</p>
</div>
<main id="main" class="main">
<h1>${title}</h1>
<section id="chat" class="chat" aria-label="Chat">
<p id="chat-status" class="chat-status" role="status">Connecting to the chat…</p>
<noscript><p class="chat-status">The chat needs JavaScript. In an emergency call ${number}.</p></noscript>
</section>
</main>
</div>
</body>
</html>
`;
}
