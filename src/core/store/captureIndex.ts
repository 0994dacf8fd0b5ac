/**
 * The store's in-memory index: one entry per kept capture, by sequence number, oldest first.
 * Sequence numbers only grow and eviction takes the oldest, so a dense array with a moving start
 * does what a Map would, without hashing every id or rehashing a Map of a hundred thousand entries
 * as it grows (which cost the receiver about a tenth of its throughput).
 */
export class CaptureIndex<T extends { summary: { seq: number } }> {
  /** slots[i] holds the entry with seq `first + i`; undefined for a deleted or never-stored seq. */
  private slots: Array<T | undefined> = [];
  private first = 0;
  /** Every slot before this one is empty. */
  private start = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(seq: number): T | undefined {
    const i = seq - this.first;
    return i >= this.start && i < this.slots.length ? this.slots[i] : undefined;
  }

  /** Adds or replaces the entry for its seq; a seq above every other one (the usual case) is an append. */
  set(entry: T): void {
    const seq = entry.summary.seq;
    if (this.count === 0) this.restart(seq);
    if (seq < this.first) this.growDown(seq);
    const i = seq - this.first;
    while (this.slots.length < i) this.slots.push(undefined);
    if (i === this.slots.length) this.slots.push(entry);
    else {
      if (this.slots[i] === undefined) this.start = Math.min(this.start, i);
      else this.count -= 1;
      this.slots[i] = entry;
    }
    this.count += 1;
  }

  delete(seq: number): boolean {
    const i = seq - this.first;
    if (i < this.start || i >= this.slots.length || this.slots[i] === undefined) return false;
    this.slots[i] = undefined;
    this.count -= 1;
    while (this.start < this.slots.length && this.slots[this.start] === undefined) this.start += 1;
    // Drop the empty front now and then, so evicting forever does not grow the array forever.
    if (this.start > 1024 && this.start * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.start);
      this.first += this.start;
      this.start = 0;
    }
    return true;
  }

  clear(): void {
    this.restart(0);
  }

  /** The entries, oldest first. */
  values(): T[] {
    const entries: T[] = [];
    for (let i = this.start; i < this.slots.length; i++) {
      const entry = this.slots[i];
      if (entry !== undefined) entries.push(entry);
    }
    return entries;
  }

  /** The `count` oldest entries (fewer when there are fewer). */
  oldest(count: number): T[] {
    const entries: T[] = [];
    for (let i = this.start; i < this.slots.length && entries.length < count; i++) {
      const entry = this.slots[i];
      if (entry !== undefined) entries.push(entry);
    }
    return entries;
  }

  private restart(first: number): void {
    this.slots = [];
    this.first = first;
    this.start = 0;
    this.count = 0;
  }

  /** Only a hand-edited journal lists a seq below the first one; keep it rather than lose it. */
  private growDown(seq: number): void {
    const gap = this.first - seq;
    this.slots = [...new Array<T | undefined>(gap).fill(undefined), ...this.slots];
    this.first = seq;
    this.start = 0;
    while (this.start < this.slots.length && this.slots[this.start] === undefined) this.start += 1;
  }
}
