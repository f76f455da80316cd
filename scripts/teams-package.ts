/**
 * `npm run teams:package [-- --out <file>]`: builds the Teams app package, build/teams-app.zip.
 *
 * Reads MicrosoftAppId, TEAMS_DEVELOPER_NAME, TEAMS_DEVELOPER_URL, TEAMS_PRIVACY_URL and
 * TEAMS_TERMS_URL (required), TEAMS_APP_ID and TEAMS_SCOPES (optional) from the environment, or from
 * .env at the repository root; a non-empty environment variable wins. On a problem it prints one line
 * for each and exits with status 1. The work itself is in src/teams/manifest.ts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { z } from 'zod';
import { mergeEnv, readEnvFile } from '../src/config';
import { describeProblem, packageTeamsApp } from '../src/teams/manifest';

const root = resolve(__dirname, '..');

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${relative(root, path)} is not readable JSON: ${(error as Error).message}`);
  }
}

function outputPath(args: readonly string[]): string {
  const index = args.indexOf('--out');
  const given = index >= 0 ? args[index + 1] : undefined;
  return given === undefined ? resolve(root, 'build', 'teams-app.zip') : resolve(given);
}

function main(): number {
  // The same .env reading as the bot's own settings, so both see the same values.
  const dotEnv = readEnvFile(resolve(root, '.env'));
  if (!dotEnv.ok) {
    console.error(`teams:package: ${dotEnv.error.message}`);
    return 1;
  }
  const result = packageTeamsApp({
    env: mergeEnv(dotEnv.values, process.env),
    template: z.json().parse(readJson(resolve(root, 'appPackage', 'manifest.json'))),
    schema: z.record(z.string(), z.unknown()).parse(
      readJson(resolve(root, 'appPackage', 'schema', 'MicrosoftTeams.v1.30.schema.json')),
    ),
    color: readFileSync(resolve(root, 'appPackage', 'color.png')),
    outline: readFileSync(resolve(root, 'appPackage', 'outline.png')),
  });
  if (!result.ok) {
    for (const problem of result.problems) console.error(`teams:package: ${describeProblem(problem)}`);
    return 1;
  }
  const out = outputPath(process.argv.slice(2));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, result.value.zip);
  const { ids, scopes } = result.value;
  const shown = relative(process.cwd(), out);
  console.log(`Wrote ${shown.startsWith('..') ? out : shown} (bot ${ids.botId}, Teams app ${ids.appId}, scopes ${scopes.join(', ')}).`);
  if (scopes.length > 1) console.log('Warning: in a team channel or group chat, every member can read the symptoms a person types (TEAMS_SCOPES, docs/teams.md).');
  console.log('Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.');
  return 0;
}

process.exitCode = main();
