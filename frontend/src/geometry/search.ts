/** Index of the last item whose key is <= `value` in `items` sorted by key; -1 when none. */
export function lastAtOrBefore<T>(
  items: readonly T[],
  value: number,
  key: (item: T) => number,
): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (key(items[middle] as T) <= value) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
