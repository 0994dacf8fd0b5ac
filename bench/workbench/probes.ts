/// <reference lib="dom" />
// Functions that run inside the workbench page or the payload view's frame (Playwright serialises
// them, so each is self-contained). Times are Date.now() values: the page, its frames and the bench
// share the system clock, so a time taken in Node before a click and one taken in a frame after the
// paint subtract to what the user waited.

export type WatchKind = 'treeRow' | 'palette' | 'jsonRow' | 'jsonWhole';

export interface Watch {
  /** The window property that receives the promise of the time it was seen painted. */
  key: string;
  kind: WatchKind;
  /**
   * For treeRow: text of the tree row; for jsonRow: text in a row of the payload's JSON tree; for
   * jsonWhole: the same, once the whole body is in (no part still arriving).
   */
  text?: string;
}

/**
 * Stores in window[key] a promise of the time the first frame showing the thing was painted: checked
 * in every animation frame; a message posted from the frame's own callback runs after its paint.
 */
export function installWatch(watch: Watch): void {
  const found = (): boolean => {
    switch (watch.kind) {
      case 'treeRow':
        return Array.from(document.querySelectorAll('.monaco-list-row')).some((row) => row.textContent?.includes(watch.text!));
      case 'palette': {
        const widget = document.querySelector<HTMLElement>('.quick-input-widget');
        return !!widget && widget.style.display !== 'none' && widget.offsetParent !== null && !!widget.querySelector('.quick-input-list .monaco-list-row');
      }
      case 'jsonRow':
        return Array.from(document.querySelectorAll('.payload-view .json-row')).some((row) => row.textContent?.includes(watch.text!));
      case 'jsonWhole':
        return !document.querySelector('.payload-view .arriving-note') && Array.from(document.querySelectorAll('.payload-view .json-row')).some((row) => row.textContent?.includes(watch.text!));
    }
  };
  (window as unknown as Record<string, Promise<number>>)[watch.key] = new Promise<number>((resolve) => {
    const check = () => {
      if (!found()) {
        requestAnimationFrame(check);
        return;
      }
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(Date.now());
      channel.port2.postMessage(0);
    };
    requestAnimationFrame(check);
  });
}

/** The promise installWatch stored. */
export function watched(key: string): Promise<number> {
  return (window as unknown as Record<string, Promise<number>>)[key];
}

export interface TabTimings {
  /** performance.now() timebase: when the browser created the click, when its handler ran, when the frame after it was painted. */
  input: number;
  handled: number;
  painted: number;
}

export interface RawProbeResult {
  raw: TabTimings;
  /**
   * The click's Event Timing duration (the measure behind Interaction to Next Paint): from the input
   * to the next frame presented after its handlers, in 8 ms steps; 16 when under the 16 ms the API reports.
   */
  clickDuration: number;
  /** Long tasks in this frame from the click on: their count, longest and total (ms). */
  longTasks: { count: number; longest: number; total: number };
  rawTextShown: boolean;
}

/**
 * Times the next click on a tab of the payload view (the Raw tab): until the frame after it is
 * painted, and which long tasks (the frame's main thread blocked for 50 ms or more) follow it.
 */
export function installTabProbe(): void {
  const w = window as unknown as { __benchTab?: TabTimings; __benchLongTasks: PerformanceEntry[]; __benchEvents: PerformanceEntry[]; __benchObservers?: PerformanceObserver[] };
  w.__benchTab = undefined;
  w.__benchLongTasks = [];
  w.__benchEvents = [];
  for (const observer of w.__benchObservers ?? []) observer.disconnect();
  w.__benchObservers = [];
  try {
    const longTasks = new PerformanceObserver((list) => w.__benchLongTasks.push(...list.getEntries()));
    longTasks.observe({ type: 'longtask' });
    const events = new PerformanceObserver((list) => w.__benchEvents.push(...list.getEntries()));
    events.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
    w.__benchObservers.push(longTasks, events);
  } catch {
    // Long-task and event timing are Chromium features; without them only the click timing is reported.
  }
  const listener = (event: Event) => {
    if (!(event.target as Element).closest?.('button.tab')) return;
    document.removeEventListener('click', listener, true);
    const timing: TabTimings = { input: event.timeStamp, handled: performance.now(), painted: 0 };
    w.__benchTab = timing;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (timing.painted = performance.now());
      channel.port2.postMessage(0);
    });
  };
  document.addEventListener('click', listener, true);
}

/** The probe's findings once the click's frame has painted and `settleMs` more have passed; else undefined. */
export function tabProbeResult(settleMs: number): RawProbeResult | undefined {
  const w = window as unknown as { __benchTab?: TabTimings; __benchLongTasks: PerformanceEntry[]; __benchEvents: PerformanceEntry[] };
  const raw = w.__benchTab;
  if (!raw?.painted || performance.now() < raw.painted + settleMs) return undefined;
  const click = w.__benchEvents.find((e) => e.name === 'click' && Math.abs(e.startTime - raw.input) < 1);
  const tasks = w.__benchLongTasks.filter((t) => t.startTime + t.duration >= raw.input);
  const rawText = document.querySelector<HTMLElement>('.tab-panel[data-tab="raw"] .raw-text');
  return {
    raw,
    clickDuration: click ? click.duration : 16,
    longTasks: { count: tasks.length, longest: Math.max(0, ...tasks.map((t) => t.duration)), total: tasks.reduce((sum, t) => sum + t.duration, 0) },
    rawTextShown: !!rawText && !rawText.closest<HTMLElement>('[hidden]') && (rawText.textContent?.length ?? 0) > 0,
  };
}

export interface RowBox {
  text: string;
  x: number;
  y: number;
}

/** The tree rows wholly inside their list's viewport, with their text and a point on their label (page coordinates). */
export function visibleTreeRows(): RowBox[] {
  const rows: RowBox[] = [];
  for (const row of Array.from(document.querySelectorAll<HTMLElement>('.monaco-list-row'))) {
    const list = row.closest('.monaco-list');
    if (!list || !row.textContent) continue;
    const box = row.getBoundingClientRect();
    const viewport = list.getBoundingClientRect();
    if (box.height > 0 && box.top >= viewport.top && box.bottom <= viewport.bottom) rows.push({ text: row.textContent, x: box.left + Math.min(box.width / 3, 120), y: box.top + box.height / 2 });
  }
  return rows;
}

/** The longest task (ms) the observer installTabProbe started has seen so far, 0 if none. */
export function longestTaskSoFar(): number {
  const tasks = (window as unknown as { __benchLongTasks?: PerformanceEntry[] }).__benchLongTasks ?? [];
  return Math.max(0, ...tasks.map((t) => t.duration));
}
