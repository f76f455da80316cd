import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONTENT_DIRS, FileContentCache, loadContent, type ContentDirs } from '../../src/content';
import { ContentError } from '../../src/triage';

/**
 * The content cache keeps the validated form of knowledge/ and dialogs/ between starts. It must
 * never let a changed or broken file through: each test works on its own copy of the shipped content.
 */

let root: string;
let dirs: ContentDirs;
let cacheFile: string;
const cache = () => new FileContentCache([cacheFile], cacheFile);
const findingsFile = () => join(dirs.knowledgeDir, 'findings.yaml');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'content-cache-'));
  dirs = { knowledgeDir: join(root, 'knowledge'), dialogsDir: join(root, 'dialogs') };
  cpSync(DEFAULT_CONTENT_DIRS.knowledgeDir, dirs.knowledgeDir, { recursive: true });
  cpSync(DEFAULT_CONTENT_DIRS.dialogsDir, dirs.dialogsDir, { recursive: true });
  cacheFile = join(root, 'cache', 'content.json');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the content cache', () => {
  it('gives a later start exactly what parsing and validating the files gives', () => {
    expect(loadContent(dirs, cache()).cache).toBe('absent');
    const cached = loadContent(dirs, cache());
    const parsed = loadContent(dirs);
    expect(cached.cache).toBe('hit');
    expect(parsed.cache).toBe('off');
    expect(cached.knowledge).toEqual(parsed.knowledge);
    expect(cached.dialogs).toEqual(parsed.dialogs);
  });

  it('parses a changed file again, and its content version changes', () => {
    const before = loadContent(dirs, cache());
    writeFileSync(findingsFile(), `${readFileSync(findingsFile(), 'utf8')}\n# an edit\n`);
    const after = loadContent(dirs, cache());
    expect(after.cache).toBe('other_content');
    expect(after.knowledge.version).not.toBe(before.knowledge.version);
    expect(loadContent(dirs, cache()).cache).toBe('hit');
  });

  it('fails on a broken file with the file and field named, though the good version is cached', () => {
    loadContent(dirs, cache());
    const good = readFileSync(findingsFile(), 'utf8');
    writeFileSync(findingsFile(), good.replace('tier: emergency', 'tier: critical'));
    expect(() => loadContent(dirs, cache())).toThrow(ContentError);
    expect(() => loadContent(dirs, cache())).toThrow(/findings\.yaml at findings\[\d+\]\.tier: /);
    // Nothing of the broken version was kept: the good one is still there for when the file is mended.
    writeFileSync(findingsFile(), good);
    expect(loadContent(dirs, cache()).cache).toBe('hit');
  });

  it('fails on a broken dialog file too', () => {
    loadContent(dirs, cache());
    const routes = join(dirs.dialogsDir, 'routes.yaml');
    writeFileSync(routes, readFileSync(routes, 'utf8').replace(/^version:.*$/m, 'version: 1\nsurprise: true'));
    expect(() => loadContent(dirs, cache())).toThrow(/routes\.yaml.*surprise/);
  });

  it.each([
    ['cut short', (text: string) => text.slice(0, text.length / 2)],
    ['altered', (text: string) => text.replace('"emergency"', '"info"')],
    ['not a cache file', () => 'hello'],
    ['empty', () => ''],
  ])('ignores a cache file that was %s, and writes a good one', (_how, spoil) => {
    loadContent(dirs, cache());
    writeFileSync(cacheFile, spoil(readFileSync(cacheFile, 'utf8')));
    const loaded = loadContent(dirs, cache());
    expect(loaded.cache).toBe('corrupt');
    expect(loaded.knowledge).toEqual(loadContent(dirs).knowledge);
    expect(loadContent(dirs, cache()).cache).toBe('hit');
  });

  it('still loads when the cache cannot be written, and reads a copy it may not write', () => {
    const notAFolder = join(root, 'a-file');
    writeFileSync(notAFolder, '');
    const unwritable = new FileContentCache([join(notAFolder, 'content.json')], join(notAFolder, 'content.json'));
    expect(unwritable.write('key', {})).toBe(false);
    expect(loadContent(dirs, unwritable).cache).toBe('absent');

    // A copy made by the build, read-only to the running bot.
    loadContent(dirs, cache());
    const readOnly = new FileContentCache([cacheFile]);
    expect(loadContent(dirs, readOnly).cache).toBe('hit');
  });
});
