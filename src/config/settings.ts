import { z } from 'zod';
import { DEFAULT_CONTACTS, type Contacts } from '../knowledge/schema';

/**
 * Settings: every value the bot reads from its environment, parsed once at start-up.
 *
 * An empty variable counts as unset. A bad value gives one line that names the variable and what
 * it accepts; `src/index.ts` prints that line and exits 1.
 */

/** The app types Azure Bot Service knows; `SingleTenant` is the default once an app id is set. */
export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];

/** pino's level names. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `local`: no app id, no auth, as the Emulator expects. `azure`: Bot Framework tokens required. */
export type Mode = 'local' | 'azure';

/** Every setting name, in the order `.env.example` and the README list them. */
export const SETTING_NAMES = [
  'PORT',
  'MicrosoftAppType',
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppTenantId',
  'EMERGENCY_NUMBER',
  'POISON_CONTROL_NUMBER',
  'CRISIS_LINE',
  'LOG_LEVEL',
  'LOG_PATIENT_TEXT',
  'DIRECT_LINE_SECRET',
  'DIRECT_LINE_TOKEN_SECRET',
  'STAFF_USER_IDS',
  'BODY_LIMIT_BYTES',
  // Read only by `npm run teams:package` (src/teams/manifest.ts checks them there, refusing
  // placeholders); listed so that `.env` may hold them. Never checked at start-up.
  'TEAMS_APP_ID',
  'TEAMS_DEVELOPER_NAME',
  'TEAMS_DEVELOPER_URL',
  'TEAMS_PRIVACY_URL',
  'TEAMS_TERMS_URL',
  'TEAMS_SCOPES',
  'HOST',
  'TRUST_PROXY',
  'NEW_CONVERSATIONS_PER_MINUTE',
  'CONVERSATIONS_PER_CLIENT',
  'MAX_CONVERSATIONS',
  'SHUTDOWN_DRAIN_SECONDS',
  'STORAGE',
  'DATA_DIR',
  'DATABASE_URL',
  'CONVERSATION_TTL_HOURS',
  'AUDIT_RETENTION_DAYS',
] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** Settings whose value must never be echoed in an error message or a log. */
const SECRET_SETTINGS: ReadonlySet<SettingName> = new Set(['MicrosoftAppPassword', 'DIRECT_LINE_SECRET', 'DIRECT_LINE_TOKEN_SECRET', 'DATABASE_URL']);

/** `auto`: PostgreSQL when `DATABASE_URL` is set, else the embedded PGlite in `DATA_DIR`. */
export const STORAGE_CHOICES = ['auto', 'memory', 'pglite', 'postgres'] as const;
export type StorageChoice = (typeof STORAGE_CHOICES)[number];

const PHONE = /^\+?[0-9(][0-9 ()-]{1,30}$/;
const PHONE_EXPECTED = 'a phone number of digits, spaces, brackets or dashes, optionally starting with +';
// A host name or an IPv4/IPv6 address to listen on; no scheme, port or path.
const HOST = /^(?:[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*|[0-9A-Fa-f:.]{2,45})$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A whole number within bounds, read from a string. */
function wholeNumber(min: number, max: number, expected: string) {
  return z
    .string()
    .regex(/^[0-9]+$/, expected)
    .transform(Number)
    .pipe(z.number().int().min(min, expected).max(max, expected));
}

function boolean(expected: string) {
  return z
    .string()
    .transform((value) => BOOLEAN_WORDS[value.toLowerCase()])
    .pipe(z.boolean(expected));
}

function phone() {
  return z.string().regex(PHONE, PHONE_EXPECTED);
}

function oneOf<const T extends readonly string[]>(values: T, expected: string) {
  return z
    .string()
    .transform((value) => values.find((v) => v.toLowerCase() === value.toLowerCase()))
    .pipe(z.enum(values, expected));
}

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
};

/** What each variable accepts, worded for the one-line error. */
export const EXPECTED: Readonly<Record<SettingName, string>> = {
  PORT: 'a whole number from 0 to 65535 (0 picks a free port)',
  MicrosoftAppType: `one of ${APP_TYPES.join(', ')}`,
  MicrosoftAppId: 'the bot\'s Microsoft app id, a GUID such as 00000000-0000-0000-0000-000000000000, or empty for local mode',
  MicrosoftAppPassword: 'the app\'s client secret, or empty for local mode',
  MicrosoftAppTenantId: 'the Azure directory (tenant) id, a GUID',
  EMERGENCY_NUMBER: PHONE_EXPECTED,
  POISON_CONTROL_NUMBER: PHONE_EXPECTED,
  CRISIS_LINE: PHONE_EXPECTED,
  LOG_LEVEL: `one of ${LOG_LEVELS.join(', ')}`,
  LOG_PATIENT_TEXT: 'true or false',
  DIRECT_LINE_SECRET: 'the Direct Line channel secret from Azure, or empty',
  DIRECT_LINE_TOKEN_SECRET: 'at least 32 characters (e.g. from `openssl rand -base64 32`), or empty to use the key stored in the database',
  STAFF_USER_IDS: 'a comma-separated list of user ids',
  BODY_LIMIT_BYTES: 'a whole number of bytes from 1024 to 10485760',
  TEAMS_APP_ID: 'the Teams app id, a GUID, or empty to reuse MicrosoftAppId (read by npm run teams:package)',
  TEAMS_DEVELOPER_NAME: 'the name of the organisation that publishes the Teams app (read by npm run teams:package)',
  TEAMS_DEVELOPER_URL: "an https address of your organisation's page about the app (read by npm run teams:package)",
  TEAMS_PRIVACY_URL: "an https address of the app's privacy statement (read by npm run teams:package)",
  TEAMS_TERMS_URL: "an https address of the app's terms of use (read by npm run teams:package)",
  TEAMS_SCOPES: 'a comma-separated list of personal, team, groupChat including personal (read by npm run teams:package)',
  HOST: 'an address to listen on, such as 127.0.0.1, 0.0.0.0 or ::, or a host name',
  TRUST_PROXY: 'true or false',
  NEW_CONVERSATIONS_PER_MINUTE: 'a whole number from 1 to 100000',
  CONVERSATIONS_PER_CLIENT: 'a whole number from 1 to 100000',
  MAX_CONVERSATIONS: 'a whole number from 1 to 1000000',
  SHUTDOWN_DRAIN_SECONDS: 'a whole number of seconds from 1 to 600',
  STORAGE: `one of ${STORAGE_CHOICES.join(', ')}`,
  DATA_DIR: 'a folder for the embedded database, absolute or relative to where the bot starts',
  DATABASE_URL: 'a PostgreSQL connection string such as postgres://user:password@host:5432/dbname',
  CONVERSATION_TTL_HOURS: 'a whole number of hours from 1 to 8760',
  AUDIT_RETENTION_DAYS: 'a whole number of days from 1 to 36500',
};

/** One schema per variable, each given the raw (trimmed, non-empty) string. */
const FIELDS = {
  PORT: wholeNumber(0, 65535, EXPECTED.PORT).default(3978),
  MicrosoftAppType: oneOf(APP_TYPES, EXPECTED.MicrosoftAppType).optional(),
  MicrosoftAppId: z.string().regex(GUID, EXPECTED.MicrosoftAppId).optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppTenantId: z.string().regex(GUID, EXPECTED.MicrosoftAppTenantId).optional(),
  EMERGENCY_NUMBER: phone().default(DEFAULT_CONTACTS.emergency_number),
  POISON_CONTROL_NUMBER: phone().default(DEFAULT_CONTACTS.poison_control_number),
  CRISIS_LINE: phone().default(DEFAULT_CONTACTS.crisis_line),
  LOG_LEVEL: oneOf(LOG_LEVELS, EXPECTED.LOG_LEVEL).default('info'),
  LOG_PATIENT_TEXT: boolean(EXPECTED.LOG_PATIENT_TEXT).default(false),
  DIRECT_LINE_SECRET: z.string().optional(),
  DIRECT_LINE_TOKEN_SECRET: z.union([z.literal(''), z.string().min(32)]).optional(),
  STAFF_USER_IDS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id.length > 0),
    )
    .default([]),
  BODY_LIMIT_BYTES: wholeNumber(1024, 10 * 1024 * 1024, EXPECTED.BODY_LIMIT_BYTES).default(256 * 1024),
  TEAMS_APP_ID: z.string().optional(),
  TEAMS_DEVELOPER_NAME: z.string().optional(),
  TEAMS_DEVELOPER_URL: z.string().optional(),
  TEAMS_PRIVACY_URL: z.string().optional(),
  TEAMS_TERMS_URL: z.string().optional(),
  TEAMS_SCOPES: z.string().optional(),
  HOST: z.string().regex(HOST, EXPECTED.HOST).optional(),
  TRUST_PROXY: boolean(EXPECTED.TRUST_PROXY).default(false),
  NEW_CONVERSATIONS_PER_MINUTE: wholeNumber(1, 100_000, EXPECTED.NEW_CONVERSATIONS_PER_MINUTE).default(20),
  CONVERSATIONS_PER_CLIENT: wholeNumber(1, 100_000, EXPECTED.CONVERSATIONS_PER_CLIENT).default(20),
  MAX_CONVERSATIONS: wholeNumber(1, 1_000_000, EXPECTED.MAX_CONVERSATIONS).default(1000),
  SHUTDOWN_DRAIN_SECONDS: wholeNumber(1, 600, EXPECTED.SHUTDOWN_DRAIN_SECONDS).default(10),
  STORAGE: oneOf(STORAGE_CHOICES, EXPECTED.STORAGE).default('auto'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, EXPECTED.DATABASE_URL).optional(),
  CONVERSATION_TTL_HOURS: wholeNumber(1, 8760, EXPECTED.CONVERSATION_TTL_HOURS).default(24),
  AUDIT_RETENTION_DAYS: wholeNumber(1, 36500, EXPECTED.AUDIT_RETENTION_DAYS).default(365),
} satisfies Record<SettingName, z.ZodType>;

/** The Bot Framework identity, present only in azure mode. */
export interface AzureIdentity {
  readonly appType: AppType;
  readonly appId: string;
  /** Absent for UserAssignedMSI. */
  readonly appPassword?: string;
  /** Required for SingleTenant and UserAssignedMSI. */
  readonly tenantId?: string;
}

/** The parsed settings the rest of the code sees. */
export interface Settings {
  readonly port: number;
  readonly mode: Mode;
  /** Undefined in local mode. */
  readonly azure?: AzureIdentity;
  readonly emergencyNumber: string;
  readonly poisonControlNumber: string;
  readonly crisisLine: string;
  readonly logLevel: LogLevel;
  readonly logPatientText: boolean;
  readonly directLineSecret?: string;
  /** Signs the built-in Direct Line's tokens; without it, a key generated once and stored in the database. */
  readonly directLineTokenSecret?: string;
  readonly staffUserIds: readonly string[];
  readonly bodyLimitBytes: number;
  /** Where to listen: loopback in local mode, every interface in azure mode, unless HOST says otherwise. */
  readonly host: string;
  /** Read the client's address from the last X-Forwarded-For entry (behind one reverse proxy). */
  readonly trustProxy: boolean;
  /** Limits on the web chat's conversations, per client address and in all. */
  readonly conversationLimits: ConversationLimits;
  /** How long a shutdown waits for turns in flight before it answers them with the fail-safe message. */
  readonly shutdownDrainMs: number;
  readonly storage: StorageSettings;
  /** Conversations idle this long are deleted. */
  readonly conversationTtlHours: number;
  /** Audit rows older than this are deleted. */
  readonly auditRetentionDays: number;
}

/** How many web chat conversations a client may start and hold, and how many the server holds. */
export interface ConversationLimits {
  readonly newPerMinutePerClient: number;
  readonly livePerClient: number;
  readonly maxLive: number;
}

/** Loopback in local mode, so an Emulator setup is not reachable from the network. */
export const LOCAL_MODE_HOST = '127.0.0.1';
/** Every interface in azure mode, where a platform's front end forwards to the bot. */
export const AZURE_MODE_HOST = '0.0.0.0';

/** Where conversation state and the audit trail live. */
export type StorageSettings =
  | { readonly kind: 'memory' }
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly databaseUrl: string };

/** Why the settings were refused: the variable, what it accepts, and the one line to print. */
export interface SettingsError {
  readonly code: 'invalid_setting' | 'missing_setting' | 'invalid_env_file';
  readonly variable: string;
  readonly expected: string;
  readonly message: string;
}

export type SettingsResult =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly error: SettingsError };

function invalid(variable: SettingName, raw: string): SettingsError {
  const shown = SECRET_SETTINGS.has(variable) ? ' (value hidden)' : `=${JSON.stringify(raw)}`;
  return {
    code: 'invalid_setting',
    variable,
    expected: EXPECTED[variable],
    message: `Invalid setting ${variable}${shown}: expected ${EXPECTED[variable]}.`,
  };
}

function missing(variable: SettingName, why: string): SettingsError {
  return {
    code: 'missing_setting',
    variable,
    expected: EXPECTED[variable],
    message: `Missing setting ${variable}: ${why}.`,
  };
}

/** Trimmed value, with empty strings counted as unset. */
function rawValue(env: Readonly<Record<string, string | undefined>>, name: SettingName): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Parse settings from an environment-like record. Pure: pass `process.env` merged with `.env`
 * (see `loadSettings`) or a literal object in tests. Reports the first bad variable only.
 */
export function parseSettings(env: Readonly<Record<string, string | undefined>>): SettingsResult {
  const values: Partial<Record<SettingName, unknown>> = {};
  for (const name of SETTING_NAMES) {
    const raw = rawValue(env, name);
    const parsed = FIELDS[name].safeParse(raw);
    if (!parsed.success) return { ok: false, error: invalid(name, raw ?? '') };
    values[name] = parsed.data;
  }
  const v = values as { [K in SettingName]: z.output<(typeof FIELDS)[K]> };

  const identity = azureIdentity(v);
  if (!identity.ok) return identity;
  const storage = storageSettings(v);
  if (!storage.ok) return storage;

  return {
    ok: true,
    settings: {
      port: v.PORT,
      mode: identity.azure ? 'azure' : 'local',
      ...(identity.azure ? { azure: identity.azure } : {}),
      emergencyNumber: v.EMERGENCY_NUMBER,
      poisonControlNumber: v.POISON_CONTROL_NUMBER,
      crisisLine: v.CRISIS_LINE,
      logLevel: v.LOG_LEVEL,
      logPatientText: v.LOG_PATIENT_TEXT,
      ...(v.DIRECT_LINE_SECRET ? { directLineSecret: v.DIRECT_LINE_SECRET } : {}),
      ...(v.DIRECT_LINE_TOKEN_SECRET ? { directLineTokenSecret: v.DIRECT_LINE_TOKEN_SECRET } : {}),
      staffUserIds: v.STAFF_USER_IDS,
      bodyLimitBytes: v.BODY_LIMIT_BYTES,
      host: v.HOST ?? (identity.azure ? AZURE_MODE_HOST : LOCAL_MODE_HOST),
      trustProxy: v.TRUST_PROXY,
      conversationLimits: {
        newPerMinutePerClient: v.NEW_CONVERSATIONS_PER_MINUTE,
        livePerClient: v.CONVERSATIONS_PER_CLIENT,
        maxLive: v.MAX_CONVERSATIONS,
      },
      shutdownDrainMs: v.SHUTDOWN_DRAIN_SECONDS * 1000,
      storage: storage.storage,
      conversationTtlHours: v.CONVERSATION_TTL_HOURS,
      auditRetentionDays: v.AUDIT_RETENTION_DAYS,
    },
  };
}

/** `STORAGE=auto` picks PostgreSQL when `DATABASE_URL` is set; `postgres` needs it. */
function storageSettings(v: { STORAGE: StorageChoice; DATA_DIR: string; DATABASE_URL?: string }): { ok: true; storage: StorageSettings } | { ok: false; error: SettingsError } {
  const kind = v.STORAGE === 'auto' ? (v.DATABASE_URL !== undefined ? 'postgres' : 'pglite') : v.STORAGE;
  if (kind === 'memory') return { ok: true, storage: { kind } };
  if (kind === 'pglite') return { ok: true, storage: { kind, dataDir: v.DATA_DIR } };
  if (v.DATABASE_URL === undefined) return { ok: false, error: missing('DATABASE_URL', 'STORAGE=postgres needs the PostgreSQL connection string') };
  return { ok: true, storage: { kind, databaseUrl: v.DATABASE_URL } };
}

/** The cross-field rules of the Bot Framework identity: what each app type needs. */
function azureIdentity(v: {
  MicrosoftAppType?: AppType;
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppTenantId?: string;
}): { ok: true; azure?: AzureIdentity } | { ok: false; error: SettingsError } {
  const { MicrosoftAppId: appId, MicrosoftAppPassword: appPassword, MicrosoftAppTenantId: tenantId } = v;
  if (appId === undefined) {
    if (appPassword !== undefined) {
      return { ok: false, error: missing('MicrosoftAppId', 'MicrosoftAppPassword is set, so set MicrosoftAppId too, or leave both empty for local mode') };
    }
    if (v.MicrosoftAppType !== undefined || tenantId !== undefined) {
      const which = v.MicrosoftAppType !== undefined ? 'MicrosoftAppType' : 'MicrosoftAppTenantId';
      return { ok: false, error: missing('MicrosoftAppId', `${which} is set, so set MicrosoftAppId too, or leave them all empty for local mode`) };
    }
    return { ok: true };
  }
  const appType = v.MicrosoftAppType ?? 'SingleTenant';
  if (appType !== 'UserAssignedMSI' && appPassword === undefined) {
    return { ok: false, error: missing('MicrosoftAppPassword', `MicrosoftAppType ${appType} needs the app's client secret`) };
  }
  if (appType !== 'MultiTenant' && tenantId === undefined) {
    return { ok: false, error: missing('MicrosoftAppTenantId', `MicrosoftAppType ${appType} needs the Azure directory (tenant) id`) };
  }
  return {
    ok: true,
    azure: {
      appType,
      appId,
      ...(appType !== 'UserAssignedMSI' && appPassword !== undefined ? { appPassword } : {}),
      ...(tenantId !== undefined ? { tenantId } : {}),
    },
  };
}

/** The numbers content placeholders are filled with: `{emergency_number}` and friends. */
export function contactsOf(settings: Settings): Contacts {
  return {
    emergency_number: settings.emergencyNumber,
    poison_control_number: settings.poisonControlNumber,
    crisis_line: settings.crisisLine,
  };
}
