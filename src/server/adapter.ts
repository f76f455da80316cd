import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import type { Settings } from '../config';

/** How the adapter answered an activity: the turn ran (with its HTTP status and body), or the token check said no. */
export type TurnResult =
  | { readonly ok: true; readonly status: number; readonly body?: unknown }
  | { readonly ok: false; readonly status: 401; readonly code: 'unauthorized' }
  | { readonly ok: false; readonly status: 503; readonly code: 'token_check_unavailable'; readonly cause: unknown };

/**
 * `CloudAdapter` with the HTTP side left to our server. `CloudAdapter.process` prints each rejected
 * request's stack to the console and answers with the library's internal error text; here the token
 * check is a tagged result (401, or 503 when it could not be completed) and the server words the answer.
 */
export class BotAdapter extends CloudAdapter {
  /**
   * Check the request's token, then run the turn. A throw is the turn's failure after `onTurnError`
   * (the token check never throws).
   */
  async processTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<TurnResult> {
    let authenticated;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      // botframework-connector's AuthenticationError carries the status it means; anything else (the key
      // or metadata endpoint unreachable, a 5xx from it) is a check that could not be completed.
      const status = (error as { statusCode?: unknown } | null)?.statusCode;
      if (status === 400 || status === 401 || status === 403) return { ok: false, status: 401, code: 'unauthorized' };
      return { ok: false, status: 503, code: 'token_check_unavailable', cause: error };
    }
    const invokeResponse = await this.processActivity(authenticated, activity, logic);
    return { ok: true, status: invokeResponse?.status ?? 200, ...(invokeResponse?.body !== undefined ? { body: invokeResponse.body } : {}) };
  }
}

/** Where the adapter checks tokens; only tests point it elsewhere. */
export interface AdapterEndpoints {
  /** OpenID metadata of the Bot Framework channel and the Emulator (default: Microsoft's). */
  readonly openIdMetadataUrl?: string;
}

/**
 * The Bot Framework adapter for the settings' mode. In local mode there is no app id, so inbound
 * requests need no token and replies are sent without one, as the Emulator expects. In azure mode
 * every inbound request must carry a valid Bot Framework token (401 otherwise).
 */
export function createAdapter(settings: Pick<Settings, 'azure'>, endpoints: AdapterEndpoints = {}): BotAdapter {
  const azure = settings.azure;
  const identity = azure
    ? {
        MicrosoftAppId: azure.appId,
        MicrosoftAppType: azure.appType,
        ...(azure.appPassword !== undefined ? { MicrosoftAppPassword: azure.appPassword } : {}),
        ...(azure.tenantId !== undefined ? { MicrosoftAppTenantId: azure.tenantId } : {}),
      }
    : {};
  const credentials = new ConfigurationServiceClientCredentialFactory(identity);
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      ...(azure ? { MicrosoftAppId: azure.appId } : {}),
      ...(azure?.tenantId !== undefined ? { MicrosoftAppTenantId: azure.tenantId } : {}),
      ...(endpoints.openIdMetadataUrl !== undefined
        ? {
            ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
            ToBotFromEmulatorOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
            // Overriding one endpoint drops the public cloud's defaults for the rest.
            ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
          }
        : {}),
    },
    credentials,
  );
  return new BotAdapter(auth);
}
