/**
 * A small least-recently-used map: at most `capacity` values, the one used longest ago dropped first. A Map
 * keeps insertion order, so moving a key to the end on each use is all the bookkeeping there is.
 */
export interface Lru<K, V> {
  get: (key: K) => V | undefined;
  set: (key: K, value: V) => void;
  readonly size: number;
}

export function createLru<K, V>(capacity: number): Lru<K, V> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('an LRU holds at least one value');
  const map = new Map<K, V>();
  return {
    get(key) {
      const value = map.get(key);
      if (value !== undefined) {
        map.delete(key);
        map.set(key, value);
      }
      return value;
    },
    set(key, value) {
      map.delete(key);
      map.set(key, value);
      if (map.size > capacity) map.delete(map.keys().next().value as K);
    },
    get size() {
      return map.size;
    },
  };
}
