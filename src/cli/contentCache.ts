import { join } from 'node:path';
import { BUILT_CACHE_DIR, cacheFileName, DEFAULT_CONTENT_DIRS, FileContentCache, loadContent } from '../content';
import { ContentError } from '../triage';

/**
 * Run by `npm run build` on the compiled code: validates the shipped content and keeps its
 * validated form beside the code (`dist/content-cache/`), so that the first start of a deployment
 * skips parsing it. Content that does not validate fails the build with every problem listed.
 */
function main(): void {
  const file = join(BUILT_CACHE_DIR, cacheFileName(DEFAULT_CONTENT_DIRS));
  // Read from nowhere: the content is always validated here, never taken from an older cache.
  const cache = new FileContentCache([], file);
  try {
    loadContent(DEFAULT_CONTENT_DIRS, cache);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Content validated and cached in ${file}\n`);
}

main();
