import { join } from 'node:path';
import { mergeEnv, readEnvFile } from './envFile';
import { parseSettings, SETTING_NAMES, type SettingsResult } from './settings';

export { parseSettings, contactsOf, SETTING_NAMES, EXPECTED, APP_TYPES, LOG_LEVELS } from './settings';
export { LOCAL_MODE_HOST, AZURE_MODE_HOST } from './settings';
export type { ConversationLimits, Settings, SettingsError, SettingsResult, AzureIdentity, Mode, AppType, LogLevel, SettingName, StorageSettings } from './settings';
export { parseEnvFile, readEnvFile, mergeEnv } from './envFile';

/** Where `loadSettings` found its values, for the start-up line and warnings. */
export interface LoadedSettings {
  readonly result: SettingsResult;
  /** Names in `.env` that are not settings (likely typos), to warn about. */
  readonly unknownInEnvFile: readonly string[];
}

/**
 * Read settings the way `npm start` does: `.env` in `cwd` (optional) under the real environment.
 */
export function loadSettings(
  processEnv: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): LoadedSettings {
  const file = readEnvFile(join(cwd, '.env'));
  if (!file.ok) return { result: { ok: false, error: file.error }, unknownInEnvFile: [] };
  const known: ReadonlySet<string> = new Set(SETTING_NAMES);
  return {
    result: parseSettings(mergeEnv(file.values, processEnv)),
    unknownInEnvFile: Object.keys(file.values).filter((name) => !known.has(name)),
  };
}
