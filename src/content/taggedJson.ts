/**
 * JSON that keeps `Map` and `Set`: the validated content holds both. A Map is written as
 * `{"__map": [[key, value], …]}` and a Set as `{"__set": […]}`; content can never hold those keys
 * itself (its schemas reject unknown keys and ids are snake_case starting with a letter).
 */

const MAP = '__map';
const SET = '__set';

/** `JSON.stringify` for values holding Maps and Sets. */
export function stringifyTagged(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Map) return { [MAP]: Array.from(item) };
    if (item instanceof Set) return { [SET]: Array.from(item) };
    return item;
  });
}

/** `JSON.parse` for text written by `stringifyTagged`. */
export function parseTagged(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const record = item as Record<string, unknown>;
    const map = record[MAP];
    if (Array.isArray(map) && Object.keys(record).length === 1) return new Map(map as [unknown, unknown][]);
    const set = record[SET];
    if (Array.isArray(set) && Object.keys(record).length === 1) return new Set(set);
    return item;
  });
}
