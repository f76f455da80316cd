import { errorMessage } from '../bot/errorMessage';
import type { Dialogs } from '../dialogs/loadDialogs';
import { registerDirectLine, registerDirectLineTokenEndpoint, AZURE_DIRECT_LINE_DOMAIN, type ConversationRecords } from '../directline';
import { registerCallScriptRoute } from '../script/route';
import type { Contacts } from '../triage';
import { registerWebChatPage } from '../webchat';
import type { ConversationLimits, Mode } from '../config';
import type { Closable, ServerExtension } from './createServer';

/**
 * The routes beyond `/api/messages` and `/healthz`, each as a `ServerExtension` so `src/index.ts`
 * only lists them. Adding a route means adding one function here.
 */

export interface WebChatSettings {
  /** The numbers for the page's emergency banner and the failure message. */
  readonly contacts: Contacts;
  /** For the `error` message the person reads when the bot cannot be reached; a built-in text is used without it. */
  readonly dialogs?: Dialogs;
  /** In azure mode `/api/messages` needs Bot Framework tokens, which the built-in Direct Line cannot send. */
  readonly mode: Mode;
  /** Azure Direct Line secret: tokens then come from Azure, and the page talks to Azure. */
  readonly directLineSecret?: string;
  /** How many conversations a client may start and hold, and how many in all. */
  readonly limits?: ConversationLimits;
  /** Count clients by the last `X-Forwarded-For` entry. */
  readonly trustProxy?: boolean;
  /** Where the built-in Direct Line keeps conversations: the database every instance shares (default: this process's memory). */
  readonly records?: ConversationRecords;
  /** Signs the built-in Direct Line's tokens (default: the key kept with the records). */
  readonly tokenSecret?: string;
}

/**
 * The web chat page at `GET /`, and how it gets a conversation: with `DIRECT_LINE_SECRET`, a token
 * endpoint that exchanges the secret at Azure; in local mode without one, the embedded Direct Line and
 * its token endpoint. In azure mode without a secret neither can work (the embedded Direct Line cannot
 * send the Bot Framework tokens `/api/messages` then needs), so only the page is served: it says the
 * chat could not start, under its emergency banner.
 */
export function webChat(settings: WebChatSettings): ServerExtension {
  return {
    name: 'web-chat',
    register(server, context) {
      const logger = context.logger.child({ component: 'directline' });
      const secret = settings.directLineSecret?.trim() || undefined;
      let closable: Closable | undefined;
      if (secret) {
        registerDirectLineTokenEndpoint(server, {
          directLineSecret: secret,
          logger,
          trustProxy: settings.trustProxy ?? false,
          ...(settings.limits ? { newConversationsPerMinute: settings.limits.newPerMinutePerClient } : {}),
        });
      } else if (settings.mode === 'local') {
        const directLine = registerDirectLine(server, {
          botEndpoint: context.messagesUrl,
          serviceUrl: context.baseUrl,
          failureText: failureText(settings),
          logger,
          trustProxy: settings.trustProxy ?? false,
          ...(settings.records ? { records: settings.records } : {}),
          ...(settings.tokenSecret ? { tokenSecret: settings.tokenSecret } : {}),
          ...(settings.limits
            ? {
                newConversationsPerMinute: settings.limits.newPerMinutePerClient,
                conversationsPerClient: settings.limits.livePerClient,
                maxConversations: settings.limits.maxLive,
              }
            : {}),
        });
        registerDirectLineTokenEndpoint(server, { directLine, logger });
        closable = { close: () => directLine.close() };
      } else {
        logger.warn(
          { code: 'web_chat_needs_direct_line_secret' },
          'web chat: set DIRECT_LINE_SECRET; in azure mode the built-in Direct Line cannot reach the bot, so the page cannot start a chat',
        );
      }
      registerWebChatPage(server, {
        emergencyNumber: settings.contacts.emergency_number,
        ...(secret ? { connectOrigins: [new URL(AZURE_DIRECT_LINE_DOMAIN).origin] } : {}),
      });
      return closable;
    },
  };
}

/** What the page shows when the bot could not handle the person's message: the bot's own error message. */
function failureText(settings: WebChatSettings): string {
  return errorMessage(settings.dialogs, settings.contacts);
}

/** The helpline call script at `GET /script`, rendered once from the loaded content (on the first request when given as a function). */
export function callScript(script: Parameters<typeof registerCallScriptRoute>[1]): ServerExtension {
  return {
    name: 'call-script',
    register(server) {
      registerCallScriptRoute(server, script);
    },
  };
}
