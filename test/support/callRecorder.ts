/**
 * Records the calls a function receives and lets a test wait for the n-th one: an ordering signal
 * instead of a sleep. No timeout of its own; mocha's test timeout bounds the wait.
 */
export class CallRecorder<T> {
  readonly calls: T[] = [];
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  /** The function to hand to the code under test. */
  readonly record = async (value: T): Promise<void> => {
    this.calls.push(value);
    const due = this.waiters.filter((w) => this.calls.length >= w.count);
    this.waiters = this.waiters.filter((w) => this.calls.length < w.count);
    for (const waiter of due) waiter.resolve();
  };

  /** Resolves with the calls once there are at least `count` of them. */
  async called(count: number): Promise<T[]> {
    if (this.calls.length < count) await new Promise<void>((resolve) => this.waiters.push({ count, resolve }));
    return this.calls;
  }
}
