import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDialogs, DEFAULT_DIALOGS_DIR } from '../src/bot';
import { contactsOf, loadSettings } from '../src/config';
import { loadKnowledge, ContentError } from '../src/triage';
import { renderCallScript } from '../src/script';

/** `npm run script`: renders the helpline call script to build/call-script.md and build/call-script.html. */
function main(): void {
  const knowledge = loadKnowledge();
  const dialogs = loadDialogs(DEFAULT_DIALOGS_DIR, knowledge);
  // The same settings as the running bot (environment over .env), so the numbers match.
  const loaded = loadSettings();
  if (!loaded.result.ok) throw new Error(loaded.result.error.message);
  const contacts = contactsOf(loaded.result.settings);
  const script = renderCallScript(knowledge, dialogs, contacts, new Date());
  const out = resolve(__dirname, '..', 'build');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'call-script.md'), script.markdown);
  writeFileSync(join(out, 'call-script.html'), script.html);
  const lines = script.markdown.split('\n').length;
  const words = script.markdown.split(/\s+/).filter(Boolean).length;
  console.log(`Wrote build/call-script.md and build/call-script.html (${lines} lines, ${words} words, ${(script.html.length / 1024).toFixed(0)} KiB of HTML).`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof ContentError ? error.message : `script: ${(error as Error).message}`);
  process.exitCode = 1;
}
