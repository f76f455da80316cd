import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDialogs, DEFAULT_DIALOGS_DIR } from '../src/bot';
import { loadKnowledge, ContentError, DEFAULT_CONTACTS } from '../src/triage';
import { renderCallScript } from '../src/script';

/** `npm run script`: renders the helpline call script to build/call-script.md and build/call-script.html. */
function main(): void {
  const knowledge = loadKnowledge();
  const dialogs = loadDialogs(DEFAULT_DIALOGS_DIR, knowledge);
  const contacts = {
    emergency_number: process.env.EMERGENCY_NUMBER || DEFAULT_CONTACTS.emergency_number,
    poison_control_number: process.env.POISON_CONTROL_NUMBER || DEFAULT_CONTACTS.poison_control_number,
    crisis_line: process.env.CRISIS_LINE || DEFAULT_CONTACTS.crisis_line,
  };
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
