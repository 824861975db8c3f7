/**
 * One term's postings in one field — document number -> term frequency — read in place from the flat Int32Array
 * of a snapshot's index (index-codec.ts), instead of copied into a Map. A loaded passage index holds millions
 * of postings; as Map entries they took a third of a warm start to make and a large share of the memory, and
 * the garbage collector traced them all. The knowledge base never changes its index once built, so these are
 * read-only: the ways MiniSearch and top-matches.ts read a term's postings (size, get, has, keys, values,
 * entries, iteration in ascending document order, as a Map built in that order gives them) work; changing
 * one throws.
 */
export class PackedPostings extends Map<number, number> {
  /** `[doc, freq, doc, freq, ...]` in ascending document order, from `start` to `end`. */
  readonly flat: Int32Array;
  readonly start: number;
  readonly end: number;

  constructor(flat: Int32Array, start: number, count: number) {
    super();
    this.flat = flat;
    this.start = start;
    this.end = start + 2 * count;
  }

  override get size(): number {
    return (this.end - this.start) / 2;
  }

  /** Position of `doc`'s pair (binary search), or -1. */
  #find(doc: number): number {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.start + 2 * middle;
      const found = this.flat[at] as number;
      if (found === doc) return at;
      if (found < doc) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  override get(doc: number): number | undefined {
    const at = this.#find(doc);
    return at < 0 ? undefined : this.flat[at + 1];
  }

  override has(doc: number): boolean {
    return this.#find(doc) >= 0;
  }

  override *keys(): MapIterator<number> {
    for (let at = this.start; at < this.end; at += 2) yield this.flat[at] as number;
  }

  override *values(): MapIterator<number> {
    for (let at = this.start; at < this.end; at += 2) yield this.flat[at + 1] as number;
  }

  override *entries(): MapIterator<[number, number]> {
    for (let at = this.start; at < this.end; at += 2)
      yield [this.flat[at] as number, this.flat[at + 1] as number];
  }

  override [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }

  override forEach(
    callback: (value: number, key: number, map: Map<number, number>) => void,
    thisArg?: unknown,
  ): void {
    for (let at = this.start; at < this.end; at += 2) {
      callback.call(thisArg, this.flat[at + 1] as number, this.flat[at] as number, this);
    }
  }

  override set(): this {
    throw new TypeError('the postings of a loaded index are read-only');
  }

  override delete(): boolean {
    throw new TypeError('the postings of a loaded index are read-only');
  }

  override clear(): void {
    throw new TypeError('the postings of a loaded index are read-only');
  }
}
