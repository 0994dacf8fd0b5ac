import type { CaptureSummary } from '../capture';
import type { Disposable } from '../disposable';
import type { Event } from '../events';
import { DuplicateTracker } from './duplicateDeliveries';

/** What duplicate tracking needs from a capture store: its captures and their comings and goings. */
export interface CaptureFeed {
  list(): CaptureSummary[];
  readonly onDidAdd: Event<CaptureSummary>;
  readonly onDidRemove: Event<{ summaries: CaptureSummary[] }>;
  /** Everything known is gone or replaced: read list() again. */
  readonly onDidClear: Event<void>;
}

/**
 * Which kept captures repeat an earlier one's provider delivery id (a sender's retry or redelivery),
 * followed from the store's events; the store itself only keeps the delivery id it was given.
 */
export class CapturedDuplicates implements Disposable {
  private readonly tracker = new DuplicateTracker();
  /** Undefined until the first question: a store nobody asks (a benchmark, a script) pays nothing per capture. */
  private subscriptions: Disposable[] | undefined;

  constructor(private readonly feed: CaptureFeed) {}

  /** The id of the earliest kept capture with the same provider delivery id, when this one repeats it. */
  duplicateOf(id: string): string | undefined {
    this.follow();
    return this.tracker.duplicateOf(id);
  }

  dispose(): void {
    for (const s of this.subscriptions ?? []) s.dispose();
    this.subscriptions = [];
    this.tracker.clear();
  }

  private follow(): void {
    if (this.subscriptions) return;
    const feed = this.feed;
    this.subscriptions = [
      feed.onDidAdd((summary) => void this.tracker.observe(summary)),
      feed.onDidRemove(({ summaries }) => summaries.forEach((s) => this.tracker.forget(s.id))),
      feed.onDidClear(() => this.reset()),
    ];
    this.reset();
  }

  private reset(): void {
    this.tracker.clear();
    for (const summary of this.feed.list()) this.tracker.observe(summary);
  }
}
