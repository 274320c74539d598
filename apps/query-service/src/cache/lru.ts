/**
 * A bounded map that drops its least recently used entry when full. A hit re-inserts the key
 * (a Map iterates in insertion order, so the first key is the least recently used), but only
 * when the entry is not among the most recently used quarter: hot entries cost a lookup only.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; tick: number }>();
  private tick = 0;

  constructor(
    readonly capacity: number,
    /** Told of every entry dropped for room (not of `delete`). */
    private readonly onEvict?: (key: K, value: V) => void,
  ) {
    if (!(capacity >= 1)) throw new Error('an Lru needs a capacity of at least 1');
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const slot = this.map.get(key);
    if (slot === undefined) return undefined;
    if (this.tick - slot.tick > this.capacity >> 2) {
      this.map.delete(key);
      slot.tick = ++this.tick;
      this.map.set(key, slot);
    }
    return slot.value;
  }

  set(key: K, value: V): void {
    const slot = this.map.get(key);
    if (slot !== undefined) this.map.delete(key);
    this.map.set(key, { value, tick: ++this.tick });
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value as K;
      const dropped = this.map.get(oldest)!;
      this.map.delete(oldest);
      this.onEvict?.(oldest, dropped.value);
    }
  }

  delete(key: K): V | undefined {
    const slot = this.map.get(key);
    if (slot === undefined) return undefined;
    this.map.delete(key);
    return slot.value;
  }

  values(): IterableIterator<V> {
    const it = this.map.values();
    return (function* () {
      for (const slot of it) yield slot.value;
    })();
  }

  clear(): void {
    const entries = [...this.map.entries()];
    this.map.clear();
    for (const [key, slot] of entries) this.onEvict?.(key, slot.value);
  }
}
