// Runs in <head>, before the large Web Chat bundle is parsed: gets a token and starts the conversation at
// once, so the bot's welcome turn runs while the bundle loads. page.js picks the result up from
// window.chatStart; Web Chat then joins the already-started conversation (the server treats a second
// start with the same token as "resume") and finds the welcome waiting.
(function () {
  'use strict';

  function meta(name, fallback) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return (element && element.getAttribute('content')) || fallback;
  }

  function json(response) {
    if (!response.ok) throw new Error('chat start answered ' + response.status);
    return response.json();
  }

  var tokenPath = meta('chat-token-path', '/api/directline/token');
  var locale = meta('chat-locale', 'en-US');
  var random = new Uint8Array(12);
  window.crypto.getRandomValues(random);
  var userId = 'r_' + Array.prototype.map.call(random, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');

  window.chatStart = fetch(tokenPath, { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(json)
    .then(function (grant) {
      var domain = grant.domain || window.location.origin + '/v3/directline';
      var started = { token: grant.token, domain: domain, userId: userId, locale: locale };
      // Azure's Direct Line starts the conversation itself when Web Chat connects.
      if (grant.domain) return started;
      return fetch(domain + '/conversations', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + grant.token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId }, locale: locale }),
      })
        .then(json)
        .then(function () { return started; });
    });
  // page.js reports failures; this only keeps an early failure from being logged as unhandled.
  window.chatStart.catch(function () {});
})();
