/**
 * Content as the app loads it: `knowledge/` and `dialogs/` validated together, through a cache of
 * their validated form that a changed or broken file can never get past.
 */
export { loadContent, contentKey, defaultContentCache, cacheFileName, DEFAULT_CONTENT_DIRS, BUILT_CACHE_DIR, WRITABLE_CACHE_DIR, type ContentDirs, type LoadedContent } from './loadContent';
export { FileContentCache, type CacheRead, type ContentCache } from './contentCache';
export { codeVersion } from './codeVersion';
