// No 'vscode' here: the tree provider and the status bar use it, plain mocha tests drive it with a fake clock.

export interface Clock {
  now(): number;
  /** Runs `run` after `delayMs`; returns a way to cancel it. */
  schedule(run: () => void, delayMs: number): () => void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  schedule: (run, delayMs) => {
    const timer = setTimeout(run, delayMs);
    return () => clearTimeout(timer);
  },
};

/**
 * Runs `flush` at most once per `intervalMs`: at once (on the next tick, so one batch of changes is
 * flushed together) when the last flush is older than that, otherwise when the interval is up. Every
 * change is flushed within `intervalMs`, however long a burst lasts.
 */
export class RefreshThrottle {
  private lastFlush = Number.NEGATIVE_INFINITY;
  private cancel: (() => void) | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly flush: () => void,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Something changed: flush soon. */
  request(): void {
    if (this.cancel) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.clock.now());
    this.cancel = this.clock.schedule(() => {
      this.cancel = undefined;
      this.lastFlush = this.clock.now();
      this.flush();
    }, wait);
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = undefined;
  }
}
