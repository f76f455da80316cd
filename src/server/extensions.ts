import { registerDirectLine, registerDirectLineTokenEndpoint, AZURE_DIRECT_LINE_DOMAIN } from '../directline';
import { registerCallScriptRoute } from '../script';
import { registerWebChatPage } from '../webchat';
import type { Mode } from '../config';
import type { ServerExtension } from './createServer';

/**
 * The routes beyond `/api/messages` and `/healthz`, each as a `ServerExtension` so `src/index.ts`
 * only lists them. Adding a route means adding one function here.
 */

export interface WebChatSettings {
  readonly emergencyNumber: string;
  /** In azure mode `/api/messages` needs Bot Framework tokens, which the built-in Direct Line cannot send. */
  readonly mode: Mode;
  /** Azure Direct Line secret: tokens then come from Azure, and the page talks to Azure. */
  readonly directLineSecret?: string;
}

/**
 * The web chat: the embedded Direct Line (so the page works with no Azure), the token endpoint the
 * page calls, and the page itself at `GET /`.
 */
export function webChat(settings: WebChatSettings): ServerExtension {
  return {
    name: 'web-chat',
    register(server, context) {
      const logger = context.logger.child({ component: 'directline' });
      if (settings.mode === 'azure' && !settings.directLineSecret) {
        logger.warn({ code: 'web_chat_needs_direct_line_secret' }, 'web chat: set DIRECT_LINE_SECRET; in azure mode the built-in Direct Line cannot reach the bot');
      }
      const directLine = registerDirectLine(server, {
        botEndpoint: context.messagesUrl,
        serviceUrl: context.baseUrl,
        logger,
      });
      registerDirectLineTokenEndpoint(server, {
        directLine,
        ...(settings.directLineSecret ? { directLineSecret: settings.directLineSecret } : {}),
        logger,
      });
      registerWebChatPage(server, {
        emergencyNumber: settings.emergencyNumber,
        ...(settings.directLineSecret ? { connectOrigins: [new URL(AZURE_DIRECT_LINE_DOMAIN).origin] } : {}),
      });
      return { close: () => directLine.close() };
    },
  };
}

/** The helpline call script at `GET /script`, rendered once from the loaded content. */
export function callScript(html: string): ServerExtension {
  return {
    name: 'call-script',
    register(server) {
      registerCallScriptRoute(server, html);
    },
  };
}
