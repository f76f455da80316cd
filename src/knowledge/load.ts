import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ContentError, type ContentProblem } from './contentError';
import { parseContentFile } from './contentFile';
import { checkReferences } from './references';
import {
  AdviceFile, ContextFile, FindingsFile, QuestionsFile, RealWordsFile, TopicsFile,
  type Concept, type ContextFile as ContextFileType, type Disposition, type Finding, type Modifier, type Question, type Rule, type Topic,
} from './schema';

/** The validated knowledge base: every cross-reference checked. */
export interface Knowledge {
  /** Changes whenever any content file changes: the versions declared plus a hash of the files. */
  readonly version: string;
  readonly findings: ReadonlyMap<string, Finding>;
  readonly groups: ReadonlyMap<string, string>;
  readonly concepts: ReadonlyMap<string, Concept>;
  /** A group's short name for lists, where content gives one (the call script falls back to members). */
  readonly groupNames: ReadonlyMap<string, string>;
  readonly modifiers: ReadonlyMap<string, Modifier>;
  readonly rules: readonly Rule[];
  readonly context: ContextFileType;
  readonly questions: ReadonlyMap<string, Question>;
  readonly topics: ReadonlyMap<string, Topic>;
  readonly dispositions: ReadonlyMap<string, Disposition>;
  /** Generated real English words never read as typos (real-words.yaml); empty when the file is absent. */
  readonly realWords: { readonly lexicon: string; readonly words: ReadonlySet<string> };
}

/** The raw text of each knowledge file, by file name; lets tests load inline content. */
export type KnowledgeSources = Readonly<Record<(typeof FILES)[number], string>> & { readonly [REAL_WORDS]?: string };

const FILES = ['findings.yaml', 'context.yaml', 'questions.yaml', 'topics.yaml', 'advice.yaml'] as const;
/** Generated, so optional: without it every typo reading is allowed. */
const REAL_WORDS = 'real-words.yaml';

/** Where the shipped knowledge base lives. */
export const DEFAULT_KNOWLEDGE_DIR = resolve(__dirname, '..', '..', 'knowledge');

function byId<T extends { id: string }>(file: string, list: string, items: readonly T[], problems: ContentProblem[]): Map<string, T> {
  const map = new Map<string, T>();
  items.forEach((item, i) => {
    if (map.has(item.id)) problems.push({ file, path: `${list}[${i}].id`, message: `duplicate id "${item.id}"` });
    map.set(item.id, item);
  });
  return map;
}

/** Validates knowledge from its sources; throws ContentError listing every problem. */
export function parseKnowledge(sources: KnowledgeSources, dir = 'knowledge'): Knowledge {
  const problems: ContentProblem[] = [];
  const name = (file: string) => join(dir, file);
  const findingsFile = parseContentFile(name('findings.yaml'), sources['findings.yaml'], FindingsFile, problems);
  const context = parseContentFile(name('context.yaml'), sources['context.yaml'], ContextFile, problems);
  const questionsFile = parseContentFile(name('questions.yaml'), sources['questions.yaml'], QuestionsFile, problems);
  const topicsFile = parseContentFile(name('topics.yaml'), sources['topics.yaml'], TopicsFile, problems);
  const adviceFile = parseContentFile(name('advice.yaml'), sources['advice.yaml'], AdviceFile, problems);
  const realWordsText = sources[REAL_WORDS];
  const realWords = realWordsText === undefined ? undefined : parseContentFile(name(REAL_WORDS), realWordsText, RealWordsFile, problems);
  if (!findingsFile || !context || !questionsFile || !topicsFile || !adviceFile || (realWordsText !== undefined && !realWords)) throw new ContentError(problems);

  const knowledge: Knowledge = {
    version: contentVersion(sources, [findingsFile, context, questionsFile, topicsFile, adviceFile].map((f) => f.version)),
    findings: byId(name('findings.yaml'), 'findings', findingsFile.findings, problems),
    groups: new Map(Array.from(byId(name('findings.yaml'), 'groups', findingsFile.groups, problems), ([id, g]) => [id, g.description])),
    concepts: byId(name('findings.yaml'), 'concepts', findingsFile.concepts, problems),
    groupNames: new Map(findingsFile.groups.flatMap((g) => (g.name === undefined ? [] : [[g.id, g.name] as const]))),
    modifiers: byId(name('findings.yaml'), 'modifiers', findingsFile.modifiers, problems),
    rules: findingsFile.rules,
    context,
    questions: byId(name('questions.yaml'), 'questions', questionsFile.questions, problems),
    topics: byId(name('topics.yaml'), 'topics', topicsFile.topics, problems),
    dispositions: byId(name('advice.yaml'), 'dispositions', adviceFile.dispositions, problems),
    realWords: { lexicon: realWords?.lexicon ?? '', words: new Set(realWords?.words ?? []) },
  };
  problems.push(...checkReferences(knowledge, name));
  if (problems.length > 0) throw new ContentError(problems);
  return knowledge;
}

function contentVersion(sources: KnowledgeSources, declared: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of FILES) hash.update(file).update('\0').update(sources[file]).update('\0');
  if (sources[REAL_WORDS] !== undefined) hash.update(REAL_WORDS).update('\0').update(sources[REAL_WORDS]).update('\0');
  const newest = [...declared].sort().at(-1) ?? '0';
  return `${newest}+${hash.digest('hex').slice(0, 8)}`;
}

/** Reads and validates the knowledge base in `dir` (the shipped one by default). */
export function loadKnowledge(dir = DEFAULT_KNOWLEDGE_DIR): Knowledge {
  return parseKnowledge(readKnowledgeSources(dir), dir);
}

/** Reads the text of every knowledge file in `dir`; throws ContentError naming each file that cannot be read. */
export function readKnowledgeSources(dir: string): KnowledgeSources {
  const problems: ContentProblem[] = [];
  const sources = {} as Record<(typeof FILES)[number], string>;
  for (const file of FILES) {
    try {
      sources[file] = readFileSync(join(dir, file), 'utf8');
    } catch (error) {
      problems.push({ file: join(dir, file), path: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    }
  }
  if (problems.length > 0) throw new ContentError(problems);
  try {
    return { ...sources, [REAL_WORDS]: readFileSync(join(dir, REAL_WORDS), 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return sources;
}
