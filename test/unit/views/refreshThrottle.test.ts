import * as assert from 'node:assert/strict';
import type { Clock } from '../../../src/host/views/refreshThrottle';
import { RefreshThrottle } from '../../../src/host/views/refreshThrottle';

/** A clock that moves only when told to, running what is due in order. */
class FakeClock implements Clock {
  private time = 1_000;
  private timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.time;
  }

  schedule(run: () => void, delayMs: number): () => void {
    const timer = { at: this.time + delayMs, run, cancelled: false };
    this.timers.push(timer);
    return () => (timer.cancelled = true);
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.run();
    }
    this.time = end;
  }
}

describe('RefreshThrottle', () => {
  it('flushes the first change at once, and later ones at most once per interval, none lost', () => {
    const clock = new FakeClock();
    const flushes: number[] = [];
    const throttle = new RefreshThrottle(210, () => flushes.push(clock.now()), clock);
    throttle.request();
    throttle.request();
    clock.advance(0);
    assert.deepEqual(flushes, [1_000], 'one flush for the batch, without waiting');
    clock.advance(50);
    throttle.request();
    clock.advance(100);
    assert.deepEqual(flushes, [1_000], 'held: the last flush is more recent than the interval');
    throttle.request();
    clock.advance(60);
    assert.deepEqual(flushes, [1_000, 1_210], 'both changes in one flush when the interval is up');
    clock.advance(1_000);
    throttle.request();
    clock.advance(0);
    assert.deepEqual(flushes, [1_000, 1_210, 2_210], 'after a quiet spell, at once again');
  });

  describe('paced for bursts', () => {
    const pacing = { busyIntervalMs: 1000, quietMs: 60 };

    /** A throttle paced for bursts on a fake clock, and the times it flushed at. */
    function pacedThrottle(): { clock: FakeClock; flushes: number[]; throttle: RefreshThrottle } {
      const clock = new FakeClock();
      const flushes: number[] = [];
      return { clock, flushes, throttle: new RefreshThrottle(210, () => flushes.push(clock.now()), clock, pacing) };
    }

    /** Requests a change every `everyMs` from now until `untilMs` from now. */
    function changes(clock: FakeClock, throttle: RefreshThrottle, everyMs: number, untilMs: number): void {
      for (let t = 0; t < untilMs; t += everyMs) {
        throttle.request();
        clock.advance(everyMs);
      }
    }

    it('flushes a lone change at once, as without pacing', () => {
      const { clock, flushes, throttle } = pacedThrottle();
      throttle.request();
      clock.advance(0);
      assert.deepEqual(flushes, [1_000]);
      clock.advance(5_000);
      throttle.request();
      clock.advance(0);
      assert.deepEqual(flushes, [1_000, 6_000]);
    });

    it('flushes a burst at its start, once per busy interval while it lasts, and soon after it ends', () => {
      const { clock, flushes, throttle } = pacedThrottle();
      // 500 changes a second for 3.5 s, the last at 4_498.
      changes(clock, throttle, 2, 3_500);
      clock.advance(500);
      assert.deepEqual(flushes, [1_000, 2_002, 3_002, 4_002, 4_558], 'the start, each second of it, and 60 ms after the last change');
    });

    it('paces changes a little apart as without pacing: one flush per interval', () => {
      const { clock, flushes, throttle } = pacedThrottle();
      // Ten a second: each pause is longer than quietMs.
      changes(clock, throttle, 100, 1_000);
      clock.advance(1_000);
      assert.deepEqual(flushes, [1_000, 1_260, 1_470, 1_680, 1_890, 2_100], 'every change within the interval of the flush before it');
    });

    it('holds the flush after a pause until the interval since the last one is up (VS Code debounces closer repaints)', () => {
      const { clock, flushes, throttle } = pacedThrottle();
      throttle.request();
      clock.advance(10);
      changes(clock, throttle, 5, 30);
      clock.advance(1_000);
      assert.deepEqual(flushes, [1_000, 1_210]);
    });
  });

  it('runs nothing after dispose', () => {
    const clock = new FakeClock();
    let flushed = 0;
    const throttle = new RefreshThrottle(210, () => flushed++, clock);
    throttle.request();
    throttle.dispose();
    clock.advance(500);
    assert.equal(flushed, 0);
  });
});
