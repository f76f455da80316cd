export { registerWebChatPage, type WebChatPageOptions } from './registerWebChatPage';
export { contentSecurityPolicy } from './contentSecurityPolicy';
export { escapeHtml } from './escapeHtml';
