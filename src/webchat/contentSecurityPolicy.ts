const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

/**
 * The page's Content-Security-Policy: everything from this origin only. Web Chat injects its styles as
 * `<style>` elements carrying the per-response `nonce`; no inline script is allowed at all.
 * `connectOrigins` adds e.g. Azure Direct Line (`https://…`, and its `wss://…` twin) when a secret is used.
 */
export function contentSecurityPolicy(nonce: string, connectOrigins: readonly string[] = []): string {
  const connect = ["'self'", ...connectOrigins.flatMap((origin) => [origin, origin.replace(/^https:/, 'wss:')])];
  return [
    "default-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "script-src 'self'",
    // One emotion style sheet inside webchat.js is created without the nonce; it starts empty and is then filled
    // through CSSOM (insertRule), so allowing exactly the empty <style> (its sha256) lets it work without 'unsafe-inline'.
    `style-src 'self' 'nonce-${nonce}' '${EMPTY_STYLE_HASH}'`,
    // Web Chat draws its typing indicator and spinner from blob: URLs; cards may carry data: images.
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src ${[...new Set(connect)].join(' ')}`,
  ].join('; ');
}
