import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { Settings } from '../config';

/**
 * The Bot Framework adapter for the settings' mode. In local mode there is no app id, so inbound
 * requests need no token and replies are sent without one, as the Emulator expects. In azure mode
 * every inbound request must carry a valid Bot Framework token (401 otherwise).
 */
export function createAdapter(settings: Pick<Settings, 'azure'>): CloudAdapter {
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
    },
    credentials,
  );
  return new CloudAdapter(auth);
}
