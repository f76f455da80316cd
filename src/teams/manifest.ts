/**
 * The Microsoft Teams app package: fill the manifest template with ids, check it against the
 * vendored Teams manifest JSON schema, check the icons, and zip the three files.
 *
 * Pure functions only; `scripts/teams-package.ts` is the command line around them. This is a
 * packaging tool built on devDependencies (ajv, adm-zip, pngjs): nothing in the running bot
 * imports it.
 */
import AdmZip from 'adm-zip';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { z } from 'zod';

/** A JSON value, as read from a manifest file. */
export type JsonValue = z.infer<ReturnType<typeof z.json>>;

/** The ids written into the manifest template. */
export interface TeamsAppIds {
  /** The Azure Bot's Microsoft App ID (`MicrosoftAppId`). */
  readonly botId: string;
  /** The Teams app's own id (`TEAMS_APP_ID`, by default the bot id). */
  readonly appId: string;
}

/** The files that go into the package, at the zip root. */
export interface PackageFiles {
  readonly manifest: JsonValue;
  readonly color: Buffer;
  readonly outline: Buffer;
}

/** Who publishes the app, as Teams shows it on the app's details page. */
export interface TeamsDeveloper {
  readonly name: string;
  readonly websiteUrl: string;
  readonly privacyUrl: string;
  readonly termsOfUseUrl: string;
}

/** Where the bot can be installed. `team` and `groupChat` let everyone there read what a person types. */
export const TEAMS_SCOPES = ['personal', 'team', 'groupChat'] as const;
export type TeamsScope = (typeof TEAMS_SCOPES)[number];

/** Everything packaging reads from settings. */
export interface TeamsPackageSettings {
  readonly ids: TeamsAppIds;
  readonly developer: TeamsDeveloper;
  readonly scopes: readonly TeamsScope[];
}

/** One thing that stops the package being built, tagged by code; `describeProblem` words it. */
export type PackageProblem =
  | { readonly code: 'setting_missing'; readonly variable: SettingName }
  | { readonly code: 'setting_not_guid'; readonly variable: SettingName }
  | { readonly code: 'setting_not_https'; readonly variable: SettingName }
  | { readonly code: 'setting_placeholder'; readonly variable: SettingName; readonly value: string }
  | { readonly code: 'setting_bad_scopes'; readonly variable: SettingName; readonly value: string }
  | { readonly code: 'placeholder_unknown'; readonly placeholder: string; readonly path: string }
  | { readonly code: 'schema_url_mismatch'; readonly expected: string }
  | { readonly code: 'schema_violation'; readonly path: string; readonly message: string }
  | { readonly code: 'icon_invalid'; readonly file: string; readonly message: string };

/** An expected outcome: the value, or every problem found. */
export type PackageResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly PackageProblem[] };

/** The environment variables that packaging reads. */
export type SettingName =
  | 'MicrosoftAppId'
  | 'TEAMS_APP_ID'
  | 'TEAMS_DEVELOPER_NAME'
  | 'TEAMS_DEVELOPER_URL'
  | 'TEAMS_PRIVACY_URL'
  | 'TEAMS_TERMS_URL'
  | 'TEAMS_SCOPES';

/** The files at the zip root; Teams looks for exactly these names. */
export const PACKAGE_ENTRIES = ['manifest.json', 'color.png', 'outline.png'] as const;

/** Teams' icon rules: colour 192x192; outline 32x32, white on transparent. */
export const ICON_SPECS = {
  color: { file: 'color.png', size: 192, whiteOnTransparent: false },
  outline: { file: 'outline.png', size: 32, whiteOnTransparent: true },
} as const;

const GUID = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** The values placeholders in appPackage/manifest.json are filled with. */
export type ManifestValues = TeamsAppIds & { readonly [K in keyof TeamsDeveloper as `developer_${K}`]: string };

/** Placeholders in appPackage/manifest.json, e.g. `{{BOT_ID}}`, and the value each one takes. */
const PLACEHOLDERS: Readonly<Record<string, keyof ManifestValues>> = {
  BOT_ID: 'botId',
  TEAMS_APP_ID: 'appId',
  DEVELOPER_NAME: 'developer_name',
  DEVELOPER_URL: 'developer_websiteUrl',
  PRIVACY_URL: 'developer_privacyUrl',
  TERMS_URL: 'developer_termsOfUseUrl',
};

const SETTING_HINTS: Readonly<Record<SettingName, string>> = {
  MicrosoftAppId: "the Azure Bot's Microsoft App ID (Azure portal > your Azure Bot > Configuration)",
  TEAMS_APP_ID: 'a GUID of its own for the Teams app, or leave it unset to reuse MicrosoftAppId',
  TEAMS_DEVELOPER_NAME: 'the name of the organisation that publishes the app, as Teams shows it',
  TEAMS_DEVELOPER_URL: "the https address of your organisation's page about the app",
  TEAMS_PRIVACY_URL: "the https address of the app's privacy statement",
  TEAMS_TERMS_URL: "the https address of the app's terms of use",
  TEAMS_SCOPES: `a comma-separated list of ${TEAMS_SCOPES.join(', ')} that includes personal (default: personal)`,
};

// Hosts that stand for "fill this in": documentation domains (RFC 2606) and this machine.
const PLACEHOLDER_HOST = /(^|\.)(example\.(com|org|net)|example|invalid|test|localhost)$|^127\.|^\[?::1\]?$/i;

// An unset and an empty variable mean the same: not given.
const optionalSetting = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().regex(GUID).optional(),
);

const SettingsSchema = z.object({
  MicrosoftAppId: optionalSetting.pipe(z.string()),
  TEAMS_APP_ID: optionalSetting,
});

const trimmed = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** A required https address that is not a placeholder. */
function readUrl(env: Readonly<Record<string, string | undefined>>, variable: SettingName, problems: PackageProblem[]): string {
  const value = trimmed(env[variable]);
  if (value === undefined) {
    problems.push({ code: 'setting_missing', variable });
    return '';
  }
  if (/[{}<>]/.test(value)) {
    problems.push({ code: 'setting_placeholder', variable, value });
    return value;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push({ code: 'setting_not_https', variable });
    return value;
  }
  if (url.protocol !== 'https:') problems.push({ code: 'setting_not_https', variable });
  else if (PLACEHOLDER_HOST.test(url.hostname)) problems.push({ code: 'setting_placeholder', variable, value });
  return value;
}

/** The scopes: personal always, team and group chats only when asked for. */
function readScopes(env: Readonly<Record<string, string | undefined>>, problems: PackageProblem[]): TeamsScope[] {
  const value = trimmed(env.TEAMS_SCOPES);
  if (value === undefined) return ['personal'];
  const given = value.split(',').map((x) => x.trim()).filter((x) => x !== '');
  const scopes = TEAMS_SCOPES.filter((scope) => given.some((x) => x.toLowerCase() === scope.toLowerCase()));
  if (scopes.length !== given.length || !scopes.includes('personal')) {
    problems.push({ code: 'setting_bad_scopes', variable: 'TEAMS_SCOPES', value });
  }
  return scopes;
}

/**
 * Reads everything packaging needs: the ids, who publishes the app (real https pages: a placeholder
 * such as example.org is refused), and the scopes (personal unless TEAMS_SCOPES adds team or groupChat).
 */
export function readTeamsPackageSettings(env: Readonly<Record<string, string | undefined>>): PackageResult<TeamsPackageSettings> {
  const ids = readTeamsAppIds(env);
  const problems: PackageProblem[] = ids.ok ? [] : [...ids.problems];
  const name = trimmed(env.TEAMS_DEVELOPER_NAME);
  if (name === undefined) problems.push({ code: 'setting_missing', variable: 'TEAMS_DEVELOPER_NAME' });
  const developer: TeamsDeveloper = {
    name: name ?? '',
    websiteUrl: readUrl(env, 'TEAMS_DEVELOPER_URL', problems),
    privacyUrl: readUrl(env, 'TEAMS_PRIVACY_URL', problems),
    termsOfUseUrl: readUrl(env, 'TEAMS_TERMS_URL', problems),
  };
  const scopes = readScopes(env, problems);
  if (!ids.ok || problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ids: ids.value, developer, scopes } };
}

/** The values for the manifest's placeholders. */
export function manifestValues(settings: TeamsPackageSettings): ManifestValues {
  const { developer } = settings;
  return {
    ...settings.ids,
    developer_name: developer.name,
    developer_websiteUrl: developer.websiteUrl,
    developer_privacyUrl: developer.privacyUrl,
    developer_termsOfUseUrl: developer.termsOfUseUrl,
  };
}

/** The manifest with every bot and command list limited to `scopes`. */
export function withScopes(manifest: JsonValue, scopes: readonly TeamsScope[]): JsonValue {
  const isObject = (value: JsonValue): value is { [key: string]: JsonValue } => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isObject(manifest) || !Array.isArray(manifest['bots'])) return manifest;
  const bots = manifest['bots'].map((bot) => {
    if (!isObject(bot)) return bot;
    const lists = bot['commandLists'];
    const commandLists = Array.isArray(lists) ? lists.map((list) => (isObject(list) ? { ...list, scopes: [...scopes] } : list)) : lists;
    return { ...bot, scopes: [...scopes], ...(commandLists === undefined ? {} : { commandLists }) };
  });
  return { ...manifest, bots };
}

/** Reads the bot id and the Teams app id from environment variables. */
export function readTeamsAppIds(env: Readonly<Record<string, string | undefined>>): PackageResult<TeamsAppIds> {
  const parsed = SettingsSchema.safeParse({ MicrosoftAppId: env.MicrosoftAppId, TEAMS_APP_ID: env.TEAMS_APP_ID });
  if (parsed.success) {
    const botId = parsed.data.MicrosoftAppId;
    return { ok: true, value: { botId, appId: parsed.data.TEAMS_APP_ID ?? botId } };
  }
  const problems = parsed.error.issues.map((issue): PackageProblem => {
    const variable: SettingName = issue.path[0] === 'TEAMS_APP_ID' ? 'TEAMS_APP_ID' : 'MicrosoftAppId';
    return issue.code === 'invalid_type'
      ? { code: 'setting_missing', variable }
      : { code: 'setting_not_guid', variable };
  });
  return { ok: false, problems };
}

/** Replaces every `{{NAME}}` placeholder in the template's string values with its value. */
export function fillManifest(template: JsonValue, ids: ManifestValues): PackageResult<JsonValue> {
  const problems: PackageProblem[] = [];
  const fill = (value: JsonValue, path: string): JsonValue => {
    if (typeof value === 'string') {
      return value.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
        const key = PLACEHOLDERS[name];
        const filled = key === undefined ? undefined : ids[key];
        if (filled === undefined) {
          problems.push({ code: 'placeholder_unknown', placeholder: whole, path: path || '/' });
          return whole;
        }
        return filled;
      });
    }
    if (Array.isArray(value)) {
      return value.map((item, index) => fill(item, `${path}/${index}`));
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, `${path}/${key}`)]));
    }
    return value;
  };
  const filled = fill(template, '');
  return problems.length === 0 ? { ok: true, value: filled } : { ok: false, problems };
}

/** The official `$schema` URL for a manifest version, e.g. `1.30`. */
export function schemaUrlFor(manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

const compiled = new WeakMap<object, ValidateFunction>();

function compileSchema(schema: Readonly<Record<string, unknown>>): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  // The Teams schema declares draft-04, which Ajv 8 does not bundle. It uses none of the keywords
  // whose meaning changed after draft-04 (`id`, boolean `exclusiveMinimum`/`exclusiveMaximum`),
  // so it validates the same under Ajv's default draft once the declaration is dropped.
  const { $schema: _draft, ...body } = schema;
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  const validate = ajv.compile(body);
  compiled.set(schema, validate);
  return validate;
}

function describeAjvError(error: ErrorObject): string {
  const extra: unknown = error.params['additionalProperty'] ?? error.params['allowedValues'];
  const detail = Array.isArray(extra) ? extra.join(', ') : typeof extra === 'string' ? extra : undefined;
  return detail === undefined ? (error.message ?? error.keyword) : `${error.message ?? error.keyword}: ${detail}`;
}

/** Checks a filled manifest against a Teams manifest JSON schema and its own `$schema` URL. */
export function validateManifest(
  manifest: JsonValue,
  schema: Readonly<Record<string, unknown>>,
): PackageResult<JsonValue> {
  const validate = compileSchema(schema);
  const problems: PackageProblem[] = [];
  if (!validate(manifest)) {
    for (const error of validate.errors ?? []) {
      problems.push({ code: 'schema_violation', path: error.instancePath || '/', message: describeAjvError(error) });
    }
  }
  if (manifest !== null && typeof manifest === 'object' && !Array.isArray(manifest)) {
    const version = manifest['manifestVersion'];
    if (typeof version === 'string' && manifest['$schema'] !== schemaUrlFor(version)) {
      problems.push({ code: 'schema_url_mismatch', expected: schemaUrlFor(version) });
    }
  }
  return problems.length === 0 ? { ok: true, value: manifest } : { ok: false, problems };
}

/** Checks one icon against Teams' size and colour rules. */
export function checkIcon(kind: keyof typeof ICON_SPECS, png: Buffer): PackageProblem[] {
  const spec = ICON_SPECS[kind];
  const problem = (message: string): PackageProblem[] => [{ code: 'icon_invalid', file: spec.file, message }];
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch {
    return problem('is not a readable PNG file');
  }
  if (image.width !== spec.size || image.height !== spec.size) {
    return problem(`is ${image.width}x${image.height}, Teams needs ${spec.size}x${spec.size}`);
  }
  if (spec.whiteOnTransparent) {
    for (let offset = 0; offset < image.data.length; offset += 4) {
      const [r, g, b, a] = image.data.subarray(offset, offset + 4);
      if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
        const pixel = offset / 4;
        return problem(`has a pixel that is neither white nor transparent at x=${pixel % spec.size}, y=${Math.floor(pixel / spec.size)}`);
      }
    }
  }
  return [];
}

// A fixed entry time makes the zip depend on its inputs only: same files, same bytes.
const ENTRY_TIME = new Date(2024, 0, 1);

/** Zips the manifest and icons, each at the zip root. */
export function buildPackage(files: PackageFiles): Buffer {
  const zip = new AdmZip();
  const contents: Record<(typeof PACKAGE_ENTRIES)[number], Buffer> = {
    'manifest.json': Buffer.from(`${JSON.stringify(files.manifest, null, 2)}\n`, 'utf8'),
    'color.png': files.color,
    'outline.png': files.outline,
  };
  for (const name of PACKAGE_ENTRIES) {
    zip.addFile(name, contents[name]).header.time = ENTRY_TIME;
  }
  return zip.toBuffer();
}

/** Everything packaging reads: environment, manifest template, schema and icons. */
export interface PackageInputs {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly template: JsonValue;
  readonly schema: Readonly<Record<string, unknown>>;
  readonly color: Buffer;
  readonly outline: Buffer;
}

/** Reads the ids, fills and validates the manifest, checks the icons and builds the zip. */
export function packageTeamsApp(inputs: PackageInputs): PackageResult<{ zip: Buffer; ids: TeamsAppIds; scopes: readonly TeamsScope[] }> {
  const settings = readTeamsPackageSettings(inputs.env);
  if (!settings.ok) return settings;
  const filled = fillManifest(inputs.template, manifestValues(settings.value));
  if (!filled.ok) return filled;
  const manifest = withScopes(filled.value, settings.value.scopes);
  const valid = validateManifest(manifest, inputs.schema);
  const problems = [
    ...(valid.ok ? [] : valid.problems),
    ...checkIcon('color', inputs.color),
    ...checkIcon('outline', inputs.outline),
  ];
  if (problems.length > 0) return { ok: false, problems };
  const zip = buildPackage({ manifest, color: inputs.color, outline: inputs.outline });
  return { ok: true, value: { zip, ids: settings.value.ids, scopes: settings.value.scopes } };
}

/** One line for a person fixing the problem: what is wrong, where, and what to do. */
export function describeProblem(problem: PackageProblem): string {
  switch (problem.code) {
    case 'setting_missing':
      return `${problem.variable} is not set: set it in the environment or in .env to ${SETTING_HINTS[problem.variable]}.`;
    case 'setting_not_guid':
      return `${problem.variable} is not a GUID (like 00000000-0000-0000-0000-000000000000): set it to ${SETTING_HINTS[problem.variable]}.`;
    case 'setting_not_https':
      return `${problem.variable} is not an https address: set it to ${SETTING_HINTS[problem.variable]}.`;
    case 'setting_placeholder':
      return `${problem.variable}=${problem.value} is a placeholder, not a real page: set it to ${SETTING_HINTS[problem.variable]}.`;
    case 'setting_bad_scopes':
      return `${problem.variable}=${problem.value} is not accepted: set it to ${SETTING_HINTS[problem.variable]}. Team and group chat scopes let everyone there read what a person types (docs/teams.md).`;
    case 'placeholder_unknown':
      return `appPackage/manifest.json ${problem.path}: unknown placeholder ${problem.placeholder}; known ones are ${Object.keys(PLACEHOLDERS).map((name) => `{{${name}}}`).join(', ')}.`;
    case 'schema_url_mismatch':
      return `appPackage/manifest.json /$schema: must be ${problem.expected} to match manifestVersion.`;
    case 'schema_violation':
      return `appPackage/manifest.json ${problem.path}: ${problem.message}.`;
    case 'icon_invalid':
      return `appPackage/${problem.file} ${problem.message}; regenerate it with scripts/make-icons.ts.`;
  }
}
