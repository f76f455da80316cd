// The chat page's only script (no inline script, so the CSP can forbid it). Loaded after webchat.js.
(function () {
  'use strict';

  var chat = document.getElementById('chat');
  var status = document.getElementById('chat-status');
  var nonceMeta = document.querySelector('meta[name="webchat-style-nonce"]');
  var nonce = nonceMeta ? nonceMeta.getAttribute('content') : undefined;

  // Calm colours, all at least WCAG AA (4.5:1) against their backgrounds, and a comfortable text size.
  var ink = '#1b2329';
  var accent = '#1d5a80';
  var styleOptions = {
    accent: accent,
    backgroundColor: '#f5f7f8',
    subtle: '#4a5862',
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSizeSmall: '85%',
    rootHeight: '100%',
    rootWidth: '100%',
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#c5d0d7',
    bubbleBorderRadius: 10,
    bubbleBorderWidth: 1,
    bubbleTextColor: ink,
    bubbleFromUserBackground: '#e2eef5',
    bubbleFromUserBorderColor: '#b3cfe0',
    bubbleFromUserBorderRadius: 10,
    bubbleFromUserBorderWidth: 1,
    bubbleFromUserTextColor: ink,
    bubbleMinHeight: 44,
    sendBoxBackground: '#ffffff',
    sendBoxTextColor: ink,
    sendBoxPlaceholderColor: '#56636c',
    sendBoxButtonColor: accent,
    sendBoxHeight: 52,
    hideUploadButton: true,
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: accent,
    suggestedActionBorderRadius: 10,
    suggestedActionBorderWidth: 2,
    suggestedActionTextColor: accent,
    suggestedActionHeight: 44,
    timestampColor: '#4a5862',
    paddingRegular: 12,
    // A long card (the disposition) must be read from its top, where the level and what to do are: stop
    // following new messages once they fill the screen, instead of showing only the card's end.
    autoScrollSnapOnPage: true,
  };

  // The cards (disposition, summary) at the messages' reading size: Adaptive Cards' own default is 14 px,
  // smaller than the 17 px of every other message, for the words that matter most. Section headings sit one
  // step above the text, below the level and its heading. Passing a host config replaces Web Chat's whole
  // default, so its other settings are repeated here; every colour is at least 4.5:1 on white (WCAG AA).
  var adaptiveCardsHostConfig = {
    supportsInteractivity: true,
    fontFamily: styleOptions.primaryFont,
    fontSizes: { small: 15, default: 17, medium: 19, large: 22, extraLarge: 26 },
    textStyles: { heading: { size: 'Medium', weight: 'Bolder', color: 'Default' } },
    textBlock: { headingLevel: 2 },
    containerStyles: {
      default: {
        backgroundColor: '#ffffff',
        foregroundColors: {
          default: { default: ink, subtle: styleOptions.subtle },
          accent: { default: accent, subtle: accent },
          attention: { default: '#d13438', subtle: '#a4262c' },
          dark: { default: '#000000', subtle: styleOptions.subtle },
          good: { default: '#0b6a0b', subtle: '#0b6a0b' },
          light: { default: '#ffffff', subtle: '#ffffff' },
          warning: { default: '#b75c00', subtle: '#8a4600' },
        },
      },
      emphasis: { backgroundColor: '#f5f7f8', foregroundColors: { default: { default: ink, subtle: styleOptions.subtle } } },
    },
    actions: { actionAlignment: 'stretch', actionsOrientation: 'vertical', buttonSpacing: 8, maxActions: 100, showCard: { actionMode: 'inline', inlineTopMargin: 8 }, spacing: 'default' },
    adaptiveCard: { allowCustomStyle: false },
    factSet: {
      title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
      value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 8,
    },
  };

  var ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

  // A disposition (channelData.triage), a summary (channelData.summary) or a question on a card
  // (channelData.cardCarriesText) carries its content twice: as an
  // Adaptive Card and as plain `text` for channels without cards. Web Chat would draw both, so the person
  // would read the advice twice. This takes such a message's text out before Web Chat stores it, so only the
  // card is drawn, and hands the same words to screen readers as Web Chat's `webchat:fallback-text`: the
  // new-message announcement then reads the advice once (instead of the text and then the card again), and
  // the card itself stays in the page with its headings for anyone who moves through it. (An activity
  // middleware could only change the drawing: the announcement would still read the advice twice.)
  function carriesCardAndText(activity) {
    if (!activity || activity.type !== 'message' || !activity.text) return false;
    if (!activity.from || activity.from.role !== 'bot') return false;
    var channelData = activity.channelData;
    if (!channelData || !(channelData.triage || channelData.summary || channelData.cardCarriesText)) return false;
    return (activity.attachments || []).some(function (attachment) { return attachment && attachment.contentType === ADAPTIVE_CARD; });
  }

  function cardOnly(activity) {
    var channelData = Object.assign({}, activity.channelData, { 'webchat:fallback-text': activity.text });
    var copy = Object.assign({}, activity, { channelData: channelData });
    delete copy.text;
    return copy;
  }

  // A Redux middleware for Web Chat's store: ({ dispatch, getState }) => next => action.
  function showCardsWithoutTheirText() {
    return function (next) {
      return function (action) {
        if (action && action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && carriesCardAndText(action.payload.activity)) {
          action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: cardOnly(action.payload.activity) }) });
        }
        return next(action);
      };
    };
  }

  // Web Chat scrolls to the end when the person sends, and that animation runs on until it gets there. When the
  // bot's card is drawn before it has (a fast reply, a busy phone), the animation carries the transcript to the
  // end of the card, past its top; Web Chat's snap (autoScrollSnapOnPage) only stops a scroll, it never scrolls
  // back up, so the person lands on the end of the advice with its level and heading above the screen. So from
  // the moment a card is drawn until the person scrolls, touches, presses a key in the transcript or sends,
  // any scroll that leaves the newest card's top above the view is taken back to it (of several cards in one
  // reply, the first: the advice, not the question after it).
  function keepNewestCardTopInView(host) {
    var TRANSCRIPT = '.webchat__basic-transcript__scrollable';
    var seen = typeof WeakSet === 'function' ? new WeakSet() : null;
    var card = null;

    function bringBack() {
      var view = host.querySelector(TRANSCRIPT);
      if (!card || !view || !card.isConnected) return;
      var above = view.getBoundingClientRect().top - card.getBoundingClientRect().top;
      if (above > 1) view.scrollTop -= above;
    }

    function release() {
      card = null;
    }

    new MutationObserver(function () {
      if (!seen) return;
      var fresh = Array.prototype.filter.call(host.querySelectorAll(TRANSCRIPT + ' .ac-adaptiveCard'), function (c) { return !seen.has(c); });
      if (fresh.length === 0) return;
      fresh.forEach(function (c) { seen.add(c); });
      // A card that follows in the same reply (the summary offer after the advice) does not take the advice's
      // place: the first card's top stays in view until the person moves.
      if (card && card.isConnected) return;
      card = fresh[0];
      bringBack();
    }).observe(host, { childList: true, subtree: true });
    // Scroll events do not bubble, but they do pass an ancestor's capturing listener.
    host.addEventListener('scroll', bringBack, true);
    ['wheel', 'touchstart', 'pointerdown', 'keydown', 'focusin'].forEach(function (type) {
      host.addEventListener(type, function (event) {
        if (event.target && event.target.closest && event.target.closest('.webchat__basic-transcript')) release();
      }, { capture: true, passive: true });
    });
    return release;
  }

  // A Redux middleware: calls `onSend` when the person sends something.
  function onPersonSends(onSend) {
    return function () {
      return function (next) {
        return function (action) {
          if (action && action.type === 'DIRECT_LINE/POST_ACTIVITY') onSend();
          return next(action);
        };
      };
    };
  }

  function showStatus(text) {
    status.textContent = text;
    status.hidden = false;
  }

  // Put the keyboard in the send box once Web Chat has drawn it, so a person can type straight away.
  function focusSendBox(triesLeft) {
    var input = chat.querySelector('[data-id="webchat-sendbox-input"]');
    if (input) return input.focus();
    if (triesLeft > 0) setTimeout(function () { focusSendBox(triesLeft - 1); }, 50);
  }

  function start() {
    return window.chatStart.then(function (started) {
      var directLine = window.WebChat.createDirectLine({ token: started.token, domain: started.domain, webSocket: true });
      status.hidden = true;
      var host = document.createElement('div');
      host.className = 'chat-host';
      chat.appendChild(host);
      var releaseCardTop = keepNewestCardTopInView(host);
      var store = window.WebChat.createStore({}, showCardsWithoutTheirText, onPersonSends(releaseCardTop));
      window.WebChat.renderWebChat(
        { directLine: directLine, store: store, userID: started.userId, locale: started.locale, nonce: nonce, styleOptions: styleOptions, adaptiveCardsHostConfig: adaptiveCardsHostConfig },
        host
      );
      focusSendBox(100);
    });
  }

  if (!window.WebChat || !window.chatStart) {
    showStatus('The chat could not load. Please reload the page.');
    return;
  }
  start().catch(function () {
    showStatus('The chat could not start. Please reload the page in a moment.');
  });
})();
