import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Knowledge } from '../knowledge/load';
import { ContentError, type ContentProblem } from '../knowledge/contentError';
import { parseContentFile } from '../knowledge/contentFile';
import { checkDialogs } from './checkDialogs';
import { CommandsFile, FlowFile, MessagesFile, RoutesFile, type Flow } from './dialogSchema';

/** The validated dialog files: every id they name exists in the knowledge base and in each other. */
export interface Dialogs {
  /** The declared versions of the dialog files, e.g. `commands@1 messages@1 routes@1 triage@2`. */
  readonly version: string;
  readonly commands: CommandsFile;
  readonly messages: MessagesFile;
  readonly routes: RoutesFile;
  /** By flow id. */
  readonly flows: ReadonlyMap<string, Flow>;
}

/** The text of each dialog file, by path relative to the dialogs folder (`routes.yaml`, `flows/triage.yaml`). */
export type DialogSources = Readonly<Record<string, string>>;

/** Where the shipped dialog files live. */
export const DEFAULT_DIALOGS_DIR = resolve(__dirname, '..', '..', 'dialogs');

const FIXED = ['commands.yaml', 'messages.yaml', 'routes.yaml'] as const;

/**
 * Validates dialog files given as text (tests pass inline YAML); throws `ContentError` listing every
 * problem with its file and path.
 */
export function parseDialogs(sources: DialogSources, knowledge: Knowledge, dir = 'dialogs'): Dialogs {
  const problems: ContentProblem[] = [];
  const name = (file: string) => join(dir, file);
  const commands = parseContentFile(name('commands.yaml'), sources['commands.yaml'], CommandsFile, problems);
  const messages = parseContentFile(name('messages.yaml'), sources['messages.yaml'], MessagesFile, problems);
  const routes = parseContentFile(name('routes.yaml'), sources['routes.yaml'], RoutesFile, problems);
  const flows = new Map<string, Flow>();
  const flowFiles = new Map<string, string>();
  for (const file of Object.keys(sources).filter((f) => f.startsWith('flows/')).sort()) {
    const flow = parseContentFile(name(file), sources[file], FlowFile, problems);
    if (flow === undefined) continue;
    if (file !== `flows/${flow.id}.yaml`) {
      problems.push({ file: name(file), path: 'id', message: `flow "${flow.id}" must live in flows/${flow.id}.yaml` });
    }
    if (flows.has(flow.id)) problems.push({ file: name(file), path: 'id', message: `duplicate flow id "${flow.id}"` });
    flows.set(flow.id, flow);
    flowFiles.set(flow.id, name(file));
  }
  for (const file of Object.keys(sources)) {
    if (!(FIXED as readonly string[]).includes(file) && !/^flows\/[^/]+\.yaml$/.test(file)) {
      problems.push({ file: name(file), path: '', message: `unexpected file; the dialogs folder holds ${FIXED.join(', ')} and flows/<id>.yaml` });
    }
  }
  if (!commands || !messages || !routes || problems.length > 0) throw new ContentError(problems);

  const dialogs: Dialogs = {
    version: [
      `commands@${commands.version}`,
      `messages@${messages.version}`,
      `routes@${routes.version}`,
      ...Array.from(flows.values(), (f) => `${f.id}@${f.version}`),
    ].join(' '),
    commands,
    messages,
    routes,
    flows,
  };
  problems.push(...checkDialogs(dialogs, knowledge, { name, flowFile: (id) => flowFiles.get(id) ?? name(`flows/${id}.yaml`) }));
  if (problems.length > 0) throw new ContentError(problems);
  return dialogs;
}

/** Reads and validates the dialog files in `dir` (the shipped ones: `DEFAULT_DIALOGS_DIR`) against the knowledge base. */
export function loadDialogs(dir: string, knowledge: Knowledge): Dialogs {
  return parseDialogs(readDialogSources(dir), knowledge, dir);
}

/** Reads the text of every dialog file in `dir`; throws ContentError naming each file that cannot be read. */
export function readDialogSources(dir: string): DialogSources {
  const sources: Record<string, string> = {};
  const problems: ContentProblem[] = [];
  const read = (file: string) => {
    try {
      sources[file] = readFileSync(join(dir, file), 'utf8');
    } catch (error) {
      problems.push({ file: join(dir, file), path: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    }
  };
  FIXED.forEach(read);
  let flowNames: string[] = [];
  try {
    flowNames = readdirSync(join(dir, 'flows')).filter((f) => f.endsWith('.yaml'));
  } catch {
    problems.push({ file: join(dir, 'flows'), path: '', message: 'folder cannot be read; it holds one <flow id>.yaml per flow' });
  }
  flowNames.forEach((f) => read(`flows/${f}`));
  if (problems.length > 0) throw new ContentError(problems);
  return sources;
}
