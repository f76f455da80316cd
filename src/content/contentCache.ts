import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseTagged, stringifyTagged } from './taggedJson';

/** What a cache had for a key. A miss says why, for the start-up log. */
export type CacheRead =
  | { readonly status: 'hit'; readonly value: unknown }
  | { readonly status: 'miss'; readonly reason: 'absent' | 'other_content' | 'corrupt' };

/** Where validated content is kept between starts, keyed by a hash of every content file and of the code. */
export interface ContentCache {
  read(key: string): CacheRead;
  /** Stores `value` under `key`; false when no location could be written (read-only is not an error). */
  write(key: string, value: unknown): boolean;
}

/** Written on the first line, so a file from another format or for other content is told apart before its body is parsed. */
interface Header {
  readonly format: typeof FORMAT;
  readonly key: string;
  /** Of the body, so a torn or altered file is a miss, never content. */
  readonly sha256: string;
}

const FORMAT = 1;

type CacheMiss = Extract<CacheRead, { status: 'miss' }>;
/** Which reason a miss reports when several files missed: the one that most needs a look. */
const MISS_RANK: Record<CacheMiss['reason'], number> = { absent: 0, other_content: 1, corrupt: 2 };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A content cache in files: read from each of `readFrom` in turn (a read-only copy made by
 * `npm run build`, then the writable one), written to `writeTo` atomically (a temporary file renamed
 * over it), so that a reader sees the old file or the new one, never half of one.
 */
export class FileContentCache implements ContentCache {
  constructor(
    readonly readFrom: readonly string[],
    readonly writeTo?: string,
  ) {}

  read(key: string): CacheRead {
    let miss: CacheMiss = { status: 'miss', reason: 'absent' };
    for (const file of this.readFrom) {
      const found = readCacheFile(file, key);
      if (found.status === 'hit') return found;
      if (MISS_RANK[found.reason] > MISS_RANK[miss.reason]) miss = found;
    }
    return miss;
  }

  write(key: string, value: unknown): boolean {
    if (this.writeTo === undefined) return false;
    return writeCacheFile(this.writeTo, key, value);
  }
}

/** Reads one cache file; anything unexpected in it is a miss. */
export function readCacheFile(file: string, key: string): CacheRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { status: 'miss', reason: 'absent' };
  }
  try {
    const newline = text.indexOf('\n');
    if (newline < 0) return { status: 'miss', reason: 'corrupt' };
    const header = JSON.parse(text.slice(0, newline)) as Partial<Header> | null;
    if (header?.format !== FORMAT || typeof header.sha256 !== 'string') return { status: 'miss', reason: 'corrupt' };
    if (header.key !== key) return { status: 'miss', reason: 'other_content' };
    const body = text.slice(newline + 1);
    if (sha256(body) !== header.sha256) return { status: 'miss', reason: 'corrupt' };
    return { status: 'hit', value: parseTagged(body) };
  } catch {
    return { status: 'miss', reason: 'corrupt' };
  }
}

/** Writes one cache file atomically; false when the location cannot be written. */
export function writeCacheFile(file: string, key: string, value: unknown): boolean {
  const body = stringifyTagged(value);
  const header: Header = { format: FORMAT, key, sha256: sha256(body) };
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify(header)}\n${body}`);
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder cannot be reached at all, so nothing was left in it.
    }
    return false;
  }
}
