import { createHash } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import { DEFAULT_DIALOGS_DIR, parseDialogs, readDialogSources, type Dialogs, type DialogSources } from '../dialogs/loadDialogs';
import { DEFAULT_KNOWLEDGE_DIR, parseKnowledge, readKnowledgeSources, type Knowledge, type KnowledgeSources } from '../knowledge/load';
import { compiledPhrases, rememberCompiledPhrases, type PatternToken } from '../nlp/pattern';
import { CODE_ROOT, codeVersion } from './codeVersion';
import { FileContentCache, type CacheRead, type ContentCache } from './contentCache';

/** Where the content files are. */
export interface ContentDirs {
  readonly knowledgeDir: string;
  readonly dialogsDir: string;
}

/** The validated knowledge base and dialog files, and whether the cache spared parsing them. */
export interface LoadedContent {
  readonly knowledge: Knowledge;
  readonly dialogs: Dialogs;
  /** `hit`: taken from the cache; `miss`: parsed and validated (and cached where possible); `off`: no cache given. */
  readonly cache: 'hit' | 'off' | Extract<CacheRead, { status: 'miss' }>['reason'];
}

/** What the cache holds: exactly what parsing and validating produced, and the phrases compiled on the way. */
interface CachedContent {
  readonly knowledge: Knowledge;
  readonly dialogs: Dialogs;
  /** Compiling content phrases is most of building the matchers on a start whose code is not yet optimised. */
  readonly phrases: ReadonlyMap<string, readonly PatternToken[]>;
}

export const DEFAULT_CONTENT_DIRS: ContentDirs = { knowledgeDir: DEFAULT_KNOWLEDGE_DIR, dialogsDir: DEFAULT_DIALOGS_DIR };

/**
 * Reads `knowledge/` and `dialogs/`, then validates them, or, when `cache` holds the validated form
 * of exactly these bytes made by exactly this code, takes that instead. Every file is read on every
 * start and the cache is keyed by all of their bytes, so a changed file is always parsed again and a
 * broken one fails with its `ContentError` as it would without a cache; only content that validated
 * is ever cached.
 */
export function loadContent(dirs: ContentDirs = DEFAULT_CONTENT_DIRS, cache?: ContentCache): LoadedContent {
  const knowledgeSources = readKnowledgeSources(dirs.knowledgeDir);
  const dialogSources = readDialogSources(dirs.dialogsDir);
  const validate = () => {
    const knowledge = parseKnowledge(knowledgeSources, dirs.knowledgeDir);
    return { knowledge, dialogs: parseDialogs(dialogSources, knowledge, dirs.dialogsDir) };
  };
  if (cache === undefined) return { ...validate(), cache: 'off' };
  const key = contentKey(knowledgeSources, dialogSources);
  const stored = cache.read(key);
  if (stored.status === 'hit') {
    // Our own output, checked against its recorded hash and keyed by these bytes and this code.
    const { knowledge, dialogs, phrases } = stored.value as CachedContent;
    rememberCompiledPhrases(phrases);
    return { knowledge, dialogs, cache: 'hit' };
  }
  const { knowledge, dialogs } = validate();
  const cached: CachedContent = { knowledge, dialogs, phrases: compiledPhrases() };
  cache.write(key, cached);
  return { knowledge, dialogs, cache: stored.reason };
}

/** A hash of every content file (name and bytes) and of the code that validates them. */
export function contentKey(knowledge: KnowledgeSources, dialogs: DialogSources, code = codeVersion()): string {
  const hash = createHash('sha256').update(`code\0${code}\0`);
  const add = (folder: string, sources: Readonly<Record<string, string | undefined>>) => {
    for (const name of Object.keys(sources).sort()) {
      const text = sources[name];
      if (text !== undefined) hash.update(`${folder}/${name}\0`).update(text).update('\0');
    }
  };
  add('knowledge', knowledge);
  add('dialogs', dialogs);
  return hash.digest('hex');
}

/** Where `npm run build` leaves the cache of the shipped content, beside the compiled code. */
export const BUILT_CACHE_DIR = join(CODE_ROOT, 'content-cache');
/** Where a start writes the cache when the built one is missing or stale: the usual home of tools' caches. */
export const WRITABLE_CACHE_DIR = resolve(CODE_ROOT, '..', 'node_modules', '.cache', 'baclofen-triage-bot');

/** The cache file for one pair of content folders, so that starts from different folders do not overwrite each other's. */
export function cacheFileName(dirs: ContentDirs): string {
  const where = `${relative(CODE_ROOT, dirs.knowledgeDir)}\0${relative(CODE_ROOT, dirs.dialogsDir)}`;
  return `content-${createHash('sha256').update(where).digest('hex').slice(0, 12)}.json`;
}

/** The cache `npm start` uses: the one built with the code, then one it keeps itself under `node_modules/.cache`. */
export function defaultContentCache(dirs: ContentDirs = DEFAULT_CONTENT_DIRS): FileContentCache {
  const name = cacheFileName(dirs);
  return new FileContentCache([join(BUILT_CACHE_DIR, name), join(WRITABLE_CACHE_DIR, name)], join(WRITABLE_CACHE_DIR, name));
}
