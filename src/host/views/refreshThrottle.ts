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

/** How a throttle paces flushes while changes keep coming (see RefreshThrottle). */
export interface BusyPacing {
  /** While changes keep coming closer together than `quietMs`, a flush at most this often. */
  busyIntervalMs: number;
  /** A pause this long in the changes ends a busy spell: what is pending is flushed then. */
  quietMs: number;
}

/**
 * Runs `flush` at most once per `intervalMs`: at once (on the next tick, so one batch of changes is
 * flushed together) when the last flush is older than that and changes had paused, otherwise when the
 * interval is up. With `busy` pacing, changes that keep coming closer together than `busy.quietMs`
 * are flushed at most once per `busy.busyIntervalMs`, and `busy.quietMs` after they stop. Every
 * change is flushed within the longer interval, however long a burst lasts.
 */
export class RefreshThrottle {
  private lastFlush = Number.NEGATIVE_INFINITY;
  private lastChange = Number.NEGATIVE_INFINITY;
  /** When the oldest change not flushed yet came; undefined when nothing is pending. */
  private firstPending: number | undefined;
  private cancel: (() => void) | undefined;
  private readonly busy: BusyPacing;

  constructor(
    private readonly intervalMs: number,
    private readonly flush: () => void,
    private readonly clock: Clock = systemClock,
    busy?: BusyPacing,
  ) {
    this.busy = busy ?? { busyIntervalMs: intervalMs, quietMs: 0 };
  }

  /** Something changed: flush soon. */
  request(): void {
    const now = this.clock.now();
    const pausedBefore = now - this.lastChange >= this.busy.quietMs;
    this.lastChange = now;
    if (this.firstPending === undefined) {
      this.firstPending = now;
      if (pausedBefore && now >= this.lastFlush + this.intervalMs) {
        this.reschedule(0, true);
        return;
      }
    }
    if (!this.cancel) this.reschedule(Math.max(0, this.due() - now));
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.firstPending = undefined;
  }

  /** When what is pending is to be flushed, as things stand. */
  private due(): number {
    const busyUntil = Math.min((this.firstPending ?? this.lastChange) + this.busy.busyIntervalMs, this.lastChange + this.busy.quietMs);
    return Math.max(this.lastFlush + this.intervalMs, busyUntil);
  }

  /** `leading`: a first change after a pause, flushed at once. */
  private reschedule(delayMs: number, leading = false): void {
    this.cancel?.();
    this.cancel = this.clock.schedule(() => this.onTimer(leading), delayMs);
  }

  private onTimer(leading: boolean): void {
    this.cancel = undefined;
    const now = this.clock.now();
    // Changes that came since the timer was set can only have moved the flush later.
    const due = leading ? now : this.due();
    if (due > now) {
      this.reschedule(due - now);
      return;
    }
    this.firstPending = undefined;
    this.lastFlush = now;
    this.flush();
  }
}
