import AdmZip from 'adm-zip';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { z } from 'zod';
import {
  buildPackage,
  checkIcon,
  describeProblem,
  fillManifest,
  packageTeamsApp,
  PACKAGE_ENTRIES,
  readTeamsAppIds,
  readTeamsPackageSettings,
  schemaUrlFor,
  validateManifest,
  withScopes,
  type JsonValue,
  type ManifestValues,
  type PackageProblem,
  type PackageResult,
  type TeamsAppIds,
} from '../../src/teams/manifest';

const root = resolve(__dirname, '..', '..');
const appPackage = (file: string): string => resolve(root, 'appPackage', file);
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const template = z.json().parse(readJson(appPackage('manifest.json')));
const schema = z.record(z.string(), z.unknown()).parse(readJson(appPackage('schema/MicrosoftTeams.v1.30.schema.json')));
const color = readFileSync(appPackage('color.png'));
const outline = readFileSync(appPackage('outline.png'));

const BOT_ID = '11111111-2222-3333-4444-555555555555';
const APP_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const IDS: TeamsAppIds = { botId: BOT_ID, appId: APP_ID };
const DEVELOPER = {
  TEAMS_DEVELOPER_NAME: 'Spasticity Service, St Elsewhere',
  TEAMS_DEVELOPER_URL: 'https://spasticity.st-elsewhere.nhs.uk/baclofen-bot',
  TEAMS_PRIVACY_URL: 'https://spasticity.st-elsewhere.nhs.uk/baclofen-bot/privacy',
  TEAMS_TERMS_URL: 'https://spasticity.st-elsewhere.nhs.uk/baclofen-bot/terms',
};
const VALUES: ManifestValues = {
  ...IDS,
  developer_name: DEVELOPER.TEAMS_DEVELOPER_NAME,
  developer_websiteUrl: DEVELOPER.TEAMS_DEVELOPER_URL,
  developer_privacyUrl: DEVELOPER.TEAMS_PRIVACY_URL,
  developer_termsOfUseUrl: DEVELOPER.TEAMS_TERMS_URL,
};
/** Everything packaging needs, for the bot id given. */
const packageEnv = (MicrosoftAppId: string, more: Record<string, string> = {}): Record<string, string> => ({ MicrosoftAppId, ...DEVELOPER, ...more });

/** The parts of a manifest these tests look at. */
const ManifestView = z.object({
  $schema: z.string(),
  manifestVersion: z.string(),
  id: z.string(),
  name: z.object({ short: z.string(), full: z.string() }),
  description: z.object({ short: z.string(), full: z.string() }),
  developer: z.object({ name: z.string(), websiteUrl: z.string(), privacyUrl: z.string(), termsOfUseUrl: z.string() }),
  bots: z.array(
    z.object({
      botId: z.string(),
      scopes: z.array(z.string()),
      supportsFiles: z.boolean(),
      commandLists: z.array(z.object({ scopes: z.array(z.string()), commands: z.array(z.object({ title: z.string() })) })),
    }),
  ),
});

function valueOf<T>(result: PackageResult<T>): T {
  if (!result.ok) throw new Error(result.problems.map(describeProblem).join('\n'));
  return result.value;
}

const problemsOf = <T>(result: PackageResult<T>): readonly PackageProblem[] => (result.ok ? [] : result.problems);

const filledManifest = (): JsonValue => valueOf(fillManifest(template, VALUES));

/** A copy of `value` with the value at `path` replaced. */
function withChange(value: JsonValue, path: readonly string[], replacement: JsonValue): JsonValue {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) {
    return value.map((item, index) => (String(index) === head ? withChange(item, rest, replacement) : item));
  }
  if (value !== null && typeof value === 'object') {
    return { ...value, [head]: withChange(value[head] ?? null, rest, replacement) };
  }
  throw new Error(`no object at ${head}`);
}

function decode(png: Buffer): PNG {
  return PNG.sync.read(png);
}

function solidPng(size: number, rgba: readonly [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let offset = 0; offset < png.data.length; offset += 4) png.data.set(rgba, offset);
  return PNG.sync.write(png);
}

describe('the Teams manifest template', () => {
  const view = ManifestView.parse(template);

  it('is valid against the official Teams manifest schema once the ids are filled in', () => {
    expect(problemsOf(validateManifest(filledManifest(), schema))).toEqual([]);
  });

  it('names the official schema URL of the manifest version that the vendored schema describes', () => {
    const vendored = z.object({ properties: z.object({ manifestVersion: z.object({ const: z.string() }) }) }).parse(schema);
    expect(view.manifestVersion).toBe(vendored.properties.manifestVersion.const);
    expect(view.$schema).toBe(schemaUrlFor(view.manifestVersion));
    expect(view.$schema).toMatch(/^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.\d+\/MicrosoftTeams\.schema\.json$/);
  });

  it('commits placeholders, never real ids or made-up developer pages', () => {
    expect(view.id).toBe('{{TEAMS_APP_ID}}');
    expect(view.bots.map((bot) => bot.botId)).toEqual(['{{BOT_ID}}']);
    expect(view.developer).toEqual({ name: '{{DEVELOPER_NAME}}', websiteUrl: '{{DEVELOPER_URL}}', privacyUrl: '{{PRIVACY_URL}}', termsOfUseUrl: '{{TERMS_URL}}' });
  });

  it('is one bot for personal chats only, that takes no files', () => {
    expect(view.bots).toHaveLength(1);
    expect(view.bots[0].scopes).toEqual(['personal']);
    expect(view.bots[0].commandLists.map((list) => list.scopes)).toEqual([['personal']]);
    expect(view.bots[0].supportsFiles).toBe(false);
  });

  it('offers help and restart as commands', () => {
    const titles = view.bots[0].commandLists.flatMap((list) => list.commands.map((command) => command.title));
    expect(titles).toEqual(['help', 'restart']);
  });

  it('is named Baclofen triage', () => {
    expect(view.name.short).toBe('Baclofen triage');
  });

  it.each(['short', 'full'] as const)('says in its %s description that it is no clinician and to call the emergency number', (length) => {
    const text = view.description[length];
    expect(text).toMatch(/not a clinician|does not replace your doctor/i);
    expect(text).toMatch(/emergency.*call your (local )?emergency number|emergency\? call your emergency number/i);
  });

  it('is valid with team and group chat scopes too, when a setting asks for them', () => {
    expect(problemsOf(validateManifest(withScopes(filledManifest(), ['personal', 'team', 'groupChat']), schema))).toEqual([]);
  });
});

describe('reading the package settings', () => {
  it('takes the developer name and pages from settings, and the personal scope by default', () => {
    expect(readTeamsPackageSettings(packageEnv(BOT_ID))).toEqual({
      ok: true,
      value: {
        ids: { botId: BOT_ID, appId: BOT_ID },
        developer: { name: DEVELOPER.TEAMS_DEVELOPER_NAME, websiteUrl: DEVELOPER.TEAMS_DEVELOPER_URL, privacyUrl: DEVELOPER.TEAMS_PRIVACY_URL, termsOfUseUrl: DEVELOPER.TEAMS_TERMS_URL },
        scopes: ['personal'],
      },
    });
  });

  it.each([
    ['an example.org page', { TEAMS_PRIVACY_URL: 'https://example.org/privacy' }, /^TEAMS_PRIVACY_URL=https:\/\/example\.org\/privacy is a placeholder, not a real page/],
    ['a page on this machine', { TEAMS_TERMS_URL: 'https://localhost/terms' }, /^TEAMS_TERMS_URL=.* is a placeholder/],
    ['a page left with a fill-in mark', { TEAMS_DEVELOPER_URL: 'https://<your-host>/bot' }, /^TEAMS_DEVELOPER_URL=https:\/\/<your-host>\/bot is a placeholder/],
    ['a plain http page', { TEAMS_DEVELOPER_URL: 'http://spasticity.st-elsewhere.nhs.uk/' }, /^TEAMS_DEVELOPER_URL is not an https address/],
    ['no developer name', { TEAMS_DEVELOPER_NAME: ' ' }, /^TEAMS_DEVELOPER_NAME is not set: .*organisation/],
  ])('refuses %s, in one line naming the setting', (_case, change, wording) => {
    const lines = problemsOf(readTeamsPackageSettings({ ...packageEnv(BOT_ID), ...change })).map(describeProblem);
    expect(lines).toEqual([expect.stringMatching(wording)]);
  });

  it('names every missing page at once', () => {
    const problems = problemsOf(readTeamsPackageSettings({ MicrosoftAppId: BOT_ID, TEAMS_DEVELOPER_NAME: 'x' }));
    expect(problems).toEqual(['TEAMS_DEVELOPER_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL'].map((variable) => ({ code: 'setting_missing', variable })));
  });

  it.each([
    ['personal', ['personal']],
    ['personal, team', ['personal', 'team']],
    ['personal,team,groupchat', ['personal', 'team', 'groupChat']],
  ])('adds team and group chat scopes only when TEAMS_SCOPES=%s asks', (value, scopes) => {
    const result = readTeamsPackageSettings(packageEnv(BOT_ID, { TEAMS_SCOPES: value }));
    expect(result.ok && result.value.scopes).toEqual(scopes);
  });

  it.each(['team', 'personal,channel'])('refuses TEAMS_SCOPES=%s, saying why the scope matters', (value) => {
    const lines = problemsOf(readTeamsPackageSettings(packageEnv(BOT_ID, { TEAMS_SCOPES: value }))).map(describeProblem);
    expect(lines).toEqual([expect.stringMatching(/^TEAMS_SCOPES=.* is not accepted: .*includes personal.*everyone there read/)]);
  });
});

describe('the schema check', () => {
  const mistakes: [string, string[], JsonValue, string][] = [
    ['a short description over 80 characters', ['description', 'short'], 'x'.repeat(81), '/description/short'],
    ['a bot id that is not a GUID', ['bots', '0', 'botId'], 'my-bot', '/bots/0/botId'],
    ['a scope Teams does not know', ['bots', '0', 'scopes'], ['personal', 'channel'], '/bots/0/scopes/1'],
    ['a key the schema does not define', ['staffMode'], true, '/'],
  ];

  it.each(mistakes)('rejects %s', (_case, path, replacement, where) => {
    const result = validateManifest(withChange(filledManifest(), path, replacement), schema);
    expect(problemsOf(result)).toContainEqual(expect.objectContaining({ code: 'schema_violation', path: where }));
  });

  it('rejects a $schema URL that does not match manifestVersion', () => {
    const older = withChange(filledManifest(), ['$schema'], schemaUrlFor('1.19'));
    expect(problemsOf(validateManifest(older, schema))).toEqual([
      { code: 'schema_url_mismatch', expected: schemaUrlFor('1.30') },
    ]);
  });
});

describe('the icons', () => {
  it.each([
    ['color.png', 192, color],
    ['outline.png', 32, outline],
  ])('%s is %i pixels square', (_file, size, png) => {
    const image = decode(png);
    expect([image.width, image.height]).toEqual([size, size]);
  });

  it('outline.png is white on transparent only, and not empty', () => {
    const { data } = decode(outline);
    let opaque = 0;
    let clear = 0;
    for (let offset = 0; offset < data.length; offset += 4) {
      const [r, g, b, a] = data.subarray(offset, offset + 4);
      if (a === 0) clear += 1;
      else expect([r, g, b]).toEqual([255, 255, 255]);
      if (a === 255) opaque += 1;
    }
    expect(opaque).toBeGreaterThan(100);
    expect(clear).toBeGreaterThan(100);
  });

  it('color.png is in full colour, with the accent colour behind a white symbol', () => {
    const { data } = decode(color);
    const colours = new Set<string>();
    for (let offset = 0; offset < data.length; offset += 4) {
      if (data[offset + 3] === 255) colours.add(data.subarray(offset, offset + 3).toString('hex'));
    }
    expect(colours).toContain('2e6b8a');
    expect(colours).toContain('ffffff');
  });

  it('pass the packaging checks', () => {
    expect([...checkIcon('color', color), ...checkIcon('outline', outline)]).toEqual([]);
  });

  it.each([
    ['an outline of the wrong size', 'outline', () => color, /outline\.png is 192x192, Teams needs 32x32/],
    ['a coloured outline', 'outline', () => solidPng(32, [46, 107, 138, 255]), /neither white nor transparent at x=0, y=0/],
    ['a file that is not a PNG', 'color', () => Buffer.from('not a png'), /color\.png is not a readable PNG/],
  ] as const)('are refused when given %s', (_case, kind, png, message) => {
    const problems = checkIcon(kind, png());
    expect(problems.map(describeProblem)).toEqual([expect.stringMatching(message)]);
  });
});

describe('filling in the ids', () => {
  it('puts the Teams app id and the bot id in their places', () => {
    const view = ManifestView.parse(filledManifest());
    expect(view.id).toBe(APP_ID);
    expect(view.bots[0].botId).toBe(BOT_ID);
    expect(JSON.stringify(filledManifest())).not.toContain('{{');
  });

  it('reports a placeholder it does not know, with where it is', () => {
    const result = fillManifest({ bots: [{ botId: '{{BOT_ID}}' }, { botId: '{{BOTID}}' }] }, VALUES);
    expect(problemsOf(result)).toEqual([{ code: 'placeholder_unknown', placeholder: '{{BOTID}}', path: '/bots/1/botId' }]);
  });
});

describe('reading the ids from the environment', () => {
  it.each([
    ['MicrosoftAppId is a GUID', { MicrosoftAppId: BOT_ID }, { botId: BOT_ID, appId: BOT_ID }],
    ['TEAMS_APP_ID is given too', { MicrosoftAppId: BOT_ID, TEAMS_APP_ID: APP_ID }, { botId: BOT_ID, appId: APP_ID }],
    ['TEAMS_APP_ID is empty', { MicrosoftAppId: BOT_ID, TEAMS_APP_ID: '' }, { botId: BOT_ID, appId: BOT_ID }],
    ['the values have spaces around them', { MicrosoftAppId: ` ${BOT_ID}\t` }, { botId: BOT_ID, appId: BOT_ID }],
  ])('accepts them when %s', (_case, env, ids) => {
    expect(readTeamsAppIds(env)).toEqual({ ok: true, value: ids });
  });

  it.each([
    ['MicrosoftAppId is missing', {}, [{ code: 'setting_missing', variable: 'MicrosoftAppId' }]],
    ['MicrosoftAppId is blank', { MicrosoftAppId: '  ' }, [{ code: 'setting_missing', variable: 'MicrosoftAppId' }]],
    ['MicrosoftAppId is not a GUID', { MicrosoftAppId: 'my-bot' }, [{ code: 'setting_not_guid', variable: 'MicrosoftAppId' }]],
    ['TEAMS_APP_ID is not a GUID', { MicrosoftAppId: BOT_ID, TEAMS_APP_ID: '42' }, [{ code: 'setting_not_guid', variable: 'TEAMS_APP_ID' }]],
  ])('refuses them when %s', (_case, env, problems) => {
    expect(readTeamsAppIds(env)).toEqual({ ok: false, problems });
  });

  it.each([
    ['missing', {}, /^MicrosoftAppId is not set: .*Microsoft App ID/],
    ['not a GUID', { MicrosoftAppId: 'my-bot' }, /^MicrosoftAppId is not a GUID \(like 00000000-0000-0000-0000-000000000000\)/],
  ])('explains a MicrosoftAppId that is %s in one line that names it', (_case, env, wording) => {
    const lines = problemsOf(readTeamsAppIds(env)).map(describeProblem);
    expect(lines).toEqual([expect.stringMatching(wording)]);
    expect(lines[0]).not.toContain('\n');
  });
});

describe('the package', () => {
  const build = (env: Record<string, string>) => packageTeamsApp({ env, template, schema, color, outline });
  const manifestIn = (zip: Buffer) => ManifestView.parse(JSON.parse(new AdmZip(zip).readAsText('manifest.json')));

  it('holds exactly manifest.json, color.png and outline.png at the zip root', () => {
    const zip = new AdmZip(valueOf(build(packageEnv(BOT_ID))).zip);
    expect(zip.getEntries().map((entry) => entry.entryName).sort()).toEqual([...PACKAGE_ENTRIES].sort());
  });

  it('carries the filled-in manifest and the icons unchanged', () => {
    const zip = new AdmZip(valueOf(build(packageEnv(BOT_ID, { TEAMS_APP_ID: APP_ID }))).zip);
    const manifest = ManifestView.parse(JSON.parse(zip.readAsText('manifest.json')));
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.id).toBe(APP_ID);
    expect(zip.readFile('color.png')).toEqual(color);
    expect(zip.readFile('outline.png')).toEqual(outline);
  });

  it('is the same bytes for the same inputs', () => {
    expect(buildPackage({ manifest: filledManifest(), color, outline })).toEqual(
      buildPackage({ manifest: filledManifest(), color, outline }),
    );
  });

  it('carries the developer pages from settings, and team and group chat scopes only when asked', () => {
    expect(manifestIn(valueOf(build(packageEnv(BOT_ID))).zip).developer.privacyUrl).toBe(DEVELOPER.TEAMS_PRIVACY_URL);
    expect(manifestIn(valueOf(build(packageEnv(BOT_ID))).zip).bots[0].scopes).toEqual(['personal']);
    const wide = manifestIn(valueOf(build(packageEnv(BOT_ID, { TEAMS_SCOPES: 'personal,team,groupChat' }))).zip);
    expect([wide.bots[0].scopes, wide.bots[0].commandLists[0].scopes]).toEqual([['personal', 'team', 'groupChat'], ['personal', 'team', 'groupChat']]);
  });

  it('is not built without a MicrosoftAppId', () => {
    const { MicrosoftAppId: _id, ...rest } = packageEnv(BOT_ID);
    expect(build(rest)).toEqual({ ok: false, problems: [{ code: 'setting_missing', variable: 'MicrosoftAppId' }] });
  });
});

describe('npm run teams:package', () => {
  const run = promisify(execFile);
  const tsx = resolve(root, 'node_modules', '.bin', 'tsx');
  const script = resolve(root, 'scripts', 'teams-package.ts');
  let out: string;

  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'teams-package-'));
  });
  afterEach(() => {
    rmSync(out, { recursive: true, force: true });
  });

  // Non-empty values set here win over any .env a developer keeps at the repository root.
  const envWith = (MicrosoftAppId: string): NodeJS.ProcessEnv => ({ ...process.env, ...packageEnv(MicrosoftAppId), TEAMS_APP_ID: APP_ID });

  it('fails with one line naming MicrosoftAppId when it is not a GUID, and writes nothing', async () => {
    const zipPath = join(out, 'teams-app.zip');
    const failure: unknown = await run(tsx, [script, '--out', zipPath], { cwd: root, env: envWith('my-bot') }).then(
      () => undefined,
      (error: unknown) => error,
    );
    const { code, stderr } = z.object({ code: z.number(), stderr: z.string() }).parse(failure);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^teams:package: MicrosoftAppId is not a GUID/)]);
    expect(existsSync(zipPath)).toBe(false);
  });

  it('writes the zip where --out says', async () => {
    const zipPath = join(out, 'teams-app.zip');
    await run(tsx, [script, '--out', zipPath], { cwd: root, env: envWith(BOT_ID) });
    expect(new AdmZip(readFileSync(zipPath)).getEntries()).toHaveLength(3);
  });
});
