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

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** Most connector clients kept: one per bot app id, channel service URL and audience in use. */
const MAX_CACHED_CLIENTS = 64;

/**
 * `ConfigurationBotFrameworkAuthentication` that reuses its HTTP clients. `CloudAdapter` asks for a
 * new connector client and user-token client on every turn, and each builds a fresh Azure HTTP
 * pipeline (a large share of an echo turn's CPU), even when the replies travel in the response. The
 * clients hold no per-turn state (their credentials fetch and cache tokens themselves), so one per
 * app id, service URL and audience serves every turn, as botbuilder's older `BotFrameworkAdapter` did.
 */
class ReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokens = new Map<string, Promise<UserTokenClient>>();

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  // The adapter takes the turn's connector factory from the authentication result.
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) } : result;
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return remember(this.userTokens, claimsIdentity.getClaimValue('aud') ?? '', () => super.createUserTokenClient(claimsIdentity));
  }

  private reusing(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = claimsIdentity.getClaimValue('aud') ?? '';
    return {
      create: (serviceUrl: string, audience?: string) =>
        remember(this.connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience)),
    };
  }
}

/** The cached value for `key`, made once; the oldest entry goes past the bound, and a failed one is not kept. */
function remember<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const made = make();
  cache.set(key, made);
  made.catch(() => cache.delete(key));
  if (cache.size > MAX_CACHED_CLIENTS) cache.delete(cache.keys().next().value as string);
  return made;
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
  const auth = new ReusingAuthentication(
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
