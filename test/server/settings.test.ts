import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings, mergeEnv, parseEnvFile, parseSettings, SETTING_NAMES, type Settings } from '../../src/config';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = '66666666-7777-8888-9999-000000000000';

function ok(env: Record<string, string | undefined>): Settings {
  const result = parseSettings(env);
  if (!result.ok) throw new Error(`expected valid settings, got: ${result.error.message}`);
  return result.settings;
}

function errorOf(env: Record<string, string | undefined>): string {
  const result = parseSettings(env);
  if (result.ok) throw new Error('expected the settings to be refused');
  return result.error.message;
}

describe('parseSettings', () => {
  it('gives the documented defaults and local mode for an empty environment', () => {
    expect(ok({})).toEqual({
      port: 3978,
      mode: 'local',
      emergencyNumber: '911',
      poisonControlNumber: '1-800-222-1222',
      crisisLine: '988',
      logLevel: 'info',
      logPatientText: false,
      staffUserIds: [],
      bodyLimitBytes: 262144,
      host: '127.0.0.1',
      trustProxy: false,
      conversationLimits: { newPerMinutePerClient: 20, livePerClient: 20, maxLive: 1000 },
      shutdownDrainMs: 10_000,
      storage: { kind: 'pglite', dataDir: './data' },
      conversationTtlHours: 24,
      auditRetentionDays: 365,
    });
  });

  it('listens on loopback in local mode and on every interface in azure mode, unless HOST says otherwise', () => {
    expect(ok({}).host).toBe('127.0.0.1');
    expect(ok({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT }).host).toBe('0.0.0.0');
    expect(ok({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(ok({ HOST: '::' }).host).toBe('::');
    expect(errorOf({ HOST: 'http://0.0.0.0:80' })).toBe(
      'Invalid setting HOST="http://0.0.0.0:80": expected an address to listen on, such as 127.0.0.1, 0.0.0.0 or ::, or a host name.',
    );
  });

  it('reads the abuse limits and the drain deadline', () => {
    expect(
      ok({ TRUST_PROXY: 'yes', NEW_CONVERSATIONS_PER_MINUTE: '5', CONVERSATIONS_PER_CLIENT: '3', MAX_CONVERSATIONS: '50', SHUTDOWN_DRAIN_SECONDS: '30' }),
    ).toMatchObject({ trustProxy: true, conversationLimits: { newPerMinutePerClient: 5, livePerClient: 3, maxLive: 50 }, shutdownDrainMs: 30_000 });
    expect(errorOf({ SHUTDOWN_DRAIN_SECONDS: '0' })).toContain('expected a whole number of seconds from 1 to 600');
    expect(errorOf({ MAX_CONVERSATIONS: '-1' })).toContain('MAX_CONVERSATIONS');
  });

  it('picks PostgreSQL when DATABASE_URL is set, memory when asked, and needs DATABASE_URL for STORAGE=postgres', () => {
    expect(ok({ DATABASE_URL: 'postgres://bot@db:5432/bot' }).storage).toEqual({ kind: 'postgres', databaseUrl: 'postgres://bot@db:5432/bot' });
    expect(ok({ STORAGE: 'memory', DATABASE_URL: 'postgres://bot@db:5432/bot' }).storage).toEqual({ kind: 'memory' });
    expect(parseSettings({ STORAGE: 'postgres' })).toEqual({ ok: false, error: expect.objectContaining({ message: 'Missing setting DATABASE_URL: STORAGE=postgres needs the PostgreSQL connection string.' }) });
    expect(parseSettings({ DATABASE_URL: 'mysql://x:secret@db/bot' })).toEqual({ ok: false, error: expect.objectContaining({ message: expect.stringContaining('DATABASE_URL (value hidden)') }) });
  });

  it('treats empty and blank variables as unset, as an empty .env line or Emulator setup leaves them', () => {
    expect(ok({ PORT: '', MicrosoftAppId: '', MicrosoftAppPassword: '  ', MicrosoftAppTenantId: '' })).toMatchObject({ port: 3978, mode: 'local' });
  });

  it('reads every setting', () => {
    const settings = ok({
      PORT: '8080',
      EMERGENCY_NUMBER: '999',
      POISON_CONTROL_NUMBER: '0344 892 0111',
      CRISIS_LINE: '+44 116 123',
      LOG_LEVEL: 'DEBUG',
      LOG_PATIENT_TEXT: 'true',
      DIRECT_LINE_SECRET: 'dl-secret',
      STAFF_USER_IDS: ' 29:abc , 29:def ,,',
      BODY_LIMIT_BYTES: '65536',
    });
    expect(settings).toMatchObject({
      port: 8080,
      emergencyNumber: '999',
      poisonControlNumber: '0344 892 0111',
      crisisLine: '+44 116 123',
      logLevel: 'debug',
      logPatientText: true,
      directLineSecret: 'dl-secret',
      staffUserIds: ['29:abc', '29:def'],
      bodyLimitBytes: 65536,
    });
  });

  describe('mode', () => {
    it('is azure with an app id, single tenant by default', () => {
      const settings = ok({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT });
      expect(settings.mode).toBe('azure');
      expect(settings.azure).toEqual({ appType: 'SingleTenant', appId: APP_ID, appPassword: 'pw', tenantId: TENANT });
    });

    it('accepts MultiTenant without a tenant id and app types in any case', () => {
      expect(ok({ MicrosoftAppType: 'multitenant', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pw' }).azure).toEqual({ appType: 'MultiTenant', appId: APP_ID, appPassword: 'pw' });
    });

    it('accepts a user-assigned managed identity without a password', () => {
      expect(ok({ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT }).azure).toEqual({ appType: 'UserAssignedMSI', appId: APP_ID, tenantId: TENANT });
    });
  });

  it.each<[string, Record<string, string>, string]>([
    ['PORT not a number', { PORT: 'abc' }, 'Invalid setting PORT="abc": expected a whole number from 0 to 65535 (0 picks a free port).'],
    ['PORT too big', { PORT: '65536' }, 'Invalid setting PORT="65536": expected a whole number from 0 to 65535 (0 picks a free port).'],
    ['PORT negative', { PORT: '-1' }, 'Invalid setting PORT="-1": expected a whole number from 0 to 65535 (0 picks a free port).'],
    ['PORT fractional', { PORT: '3978.5' }, 'Invalid setting PORT="3978.5": expected a whole number from 0 to 65535 (0 picks a free port).'],
    ['unknown app type', { MicrosoftAppType: 'Personal', MicrosoftAppId: APP_ID }, 'Invalid setting MicrosoftAppType="Personal": expected one of MultiTenant, SingleTenant, UserAssignedMSI.'],
    ['app id not a GUID', { MicrosoftAppId: 'my-bot' }, 'Invalid setting MicrosoftAppId="my-bot": expected the bot\'s Microsoft app id, a GUID such as 00000000-0000-0000-0000-000000000000, or empty for local mode.'],
    ['tenant id not a GUID', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: 'contoso' }, 'Invalid setting MicrosoftAppTenantId="contoso": expected the Azure directory (tenant) id, a GUID.'],
    ['password without app id', { MicrosoftAppPassword: 'pw' }, 'Missing setting MicrosoftAppId: MicrosoftAppPassword is set, so set MicrosoftAppId too, or leave both empty for local mode.'],
    ['tenant without app id', { MicrosoftAppTenantId: TENANT }, 'Missing setting MicrosoftAppId: MicrosoftAppTenantId is set, so set MicrosoftAppId too, or leave them all empty for local mode.'],
    ['app id without password', { MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT }, "Missing setting MicrosoftAppPassword: MicrosoftAppType SingleTenant needs the app's client secret."],
    ['single tenant without tenant id', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pw' }, 'Missing setting MicrosoftAppTenantId: MicrosoftAppType SingleTenant needs the Azure directory (tenant) id.'],
    ['emergency number in words', { EMERGENCY_NUMBER: 'call an ambulance' }, 'Invalid setting EMERGENCY_NUMBER="call an ambulance": expected a phone number of digits, spaces, brackets or dashes, optionally starting with +.'],
    ['poison control with letters', { POISON_CONTROL_NUMBER: '1-800-POISON' }, 'Invalid setting POISON_CONTROL_NUMBER="1-800-POISON": expected a phone number of digits, spaces, brackets or dashes, optionally starting with +.'],
    ['crisis line too short', { CRISIS_LINE: '9' }, 'Invalid setting CRISIS_LINE="9": expected a phone number of digits, spaces, brackets or dashes, optionally starting with +.'],
    ['log level unknown', { LOG_LEVEL: 'verbose' }, 'Invalid setting LOG_LEVEL="verbose": expected one of fatal, error, warn, info, debug, trace, silent.'],
    ['patient text not a boolean', { LOG_PATIENT_TEXT: 'sometimes' }, 'Invalid setting LOG_PATIENT_TEXT="sometimes": expected true or false.'],
    ['body limit too small', { BODY_LIMIT_BYTES: '10' }, 'Invalid setting BODY_LIMIT_BYTES="10": expected a whole number of bytes from 1024 to 10485760.'],
  ])('refuses %s with one line naming the variable and what it accepts', (_name, env, message) => {
    const text = errorOf(env);
    expect(text).toBe(message);
    expect(text).not.toContain('\n');
  });

  it('never echoes a secret in its message', () => {
    // A password alone is refused for the missing app id; the password itself must not appear.
    expect(errorOf({ MicrosoftAppPassword: 'hunter2-very-secret' })).not.toContain('hunter2');
  });

  it('reports the variable and what it accepts as fields, for callers that word it themselves', () => {
    const result = parseSettings({ PORT: 'abc' });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_setting', variable: 'PORT', expected: expect.stringContaining('whole number'), message: expect.any(String) } });
  });
});

describe('.env', () => {
  it('reads NAME=value lines, comments, export prefixes and quotes', () => {
    const text = ['# local settings', '', 'PORT=4000 # not the default', 'export LOG_LEVEL=debug', 'EMERGENCY_NUMBER="999"', "CRISIS_LINE='116 123'", 'MicrosoftAppId='].join('\n');
    expect(parseEnvFile(text)).toEqual({ ok: true, values: { PORT: '4000', LOG_LEVEL: 'debug', EMERGENCY_NUMBER: '999', CRISIS_LINE: '116 123', MicrosoftAppId: '' } });
  });

  it('refuses a line that is not NAME=value with its line number', () => {
    const result = parseEnvFile('PORT=1\nthis is not a setting\n');
    expect(result).toMatchObject({ ok: false, error: { message: 'Invalid line 2 in .env: expected NAME=value or a # comment.' } });
  });

  it('lets the real environment win, except where it is empty', () => {
    expect(mergeEnv({ PORT: '4000', LOG_LEVEL: 'debug' }, { PORT: '5000', LOG_LEVEL: '' })).toEqual({ PORT: '5000', LOG_LEVEL: 'debug' });
  });

  it('loads .env from the folder given, names unknown entries, and works without a .env at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    expect(loadSettings({}, dir).result).toMatchObject({ ok: true, settings: { port: 3978 } });
    writeFileSync(join(dir, '.env'), 'PORT=4000\nPROT=5000\n');
    const loaded = loadSettings({ LOG_LEVEL: 'warn' }, dir);
    expect(loaded.result).toMatchObject({ ok: true, settings: { port: 4000, logLevel: 'warn' } });
    expect(loaded.unknownInEnvFile).toEqual(['PROT']);
  });
});

describe('.env.example', () => {
  it('lists and explains every setting', () => {
    const text = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
    const parsed = parseEnvFile(text, '.env.example');
    expect(parsed.ok).toBe(true);
    for (const name of SETTING_NAMES) {
      expect(text).toMatch(new RegExp(`^#.*\\n${name}=`, 'm'));
    }
    if (parsed.ok) expect(parseSettings(parsed.values).ok).toBe(true);
  });
});

describe('the README', () => {
  it('has every setting in its settings table', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const name of SETTING_NAMES) expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
  });
});
