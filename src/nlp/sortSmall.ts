/**
 * Sorts in place, stably. The lists sorted while reading a message are short (the matches of one
 * window), and `Array.prototype.sort` copies every list it sorts: an insertion sort allocates
 * nothing, which keeps garbage collection pauses out of a message's time.
 */
export function sortSmall<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > 32) return items.sort(compare);
  for (let i = 1; i < items.length; i += 1) {
    const item = items[i];
    let j = i - 1;
    while (j >= 0 && compare(items[j], item) > 0) {
      items[j + 1] = items[j];
      j -= 1;
    }
    items[j + 1] = item;
  }
  return items;
}
