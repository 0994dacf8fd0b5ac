// One interaction (a click) as a timeline across processes: the extension host's and the renderer's
// busy stretches from their CPU profiles, and the renderer's style, layout and paint work from a
// Chromium trace, all on the monotonic clock (CPU profiles, trace events and process.hrtime share it
// on Linux), relative to the moment of the click.
import type { Sample } from './cpuProfileSummary';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
}

/** Trace events worth naming: the browser's rendering work and garbage collection. */
const RENDERING = new Set(['Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'ParseHTML', 'MajorGC', 'MinorGC', 'V8.GC_MARK_COMPACTOR', 'ScheduleStyleRecalculation', 'HitTest']);
/** Samples closer than this belong to one busy stretch. */
const GAP_US = 3000;
/** Shorter stretches and events are left out. */
const MIN_US = 5000;

function stretches(samples: Sample[]): Sample[][] {
  const busy = samples.filter((s) => s.category !== '(idle)');
  const runs: Sample[][] = [];
  for (const sample of busy) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (last && sample.time - (last.time + last.duration) <= GAP_US) run.push(sample);
    else runs.push([sample]);
  }
  return runs.filter((run) => run[run.length - 1].time + run[run.length - 1].duration - run[0].time >= MIN_US);
}

/** The functions a stretch spent most of its time in (inclusive), skipping generic frames seen in all of it. */
function describe(run: Sample[]): string {
  const total = new Map<string, number>();
  const self = new Map<string, number>();
  let all = 0;
  for (const s of run) {
    all += s.duration;
    self.set(s.key, (self.get(s.key) ?? 0) + s.duration);
    for (const key of s.stack) total.set(key, (total.get(key) ?? 0) + s.duration);
  }
  const named = (map: Map<string, number>, n: number, filter: (k: string) => boolean) =>
    [...map]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => `${k.replace(/^\[[^\]]+\] /, '')} ${((t / all) * 100).toFixed(0)}%`);
  const ours = (k: string) => k.startsWith('[extension]') || k.startsWith('[payload view');
  const parts = [`self: ${named(self, 3, () => true).join(', ')}`];
  const inclusive = named(total, 4, ours);
  if (inclusive.length) parts.push(`ours: ${inclusive.join(', ')}`);
  return parts.join('; ');
}

const at = (micros: number, t0: number) => `${((micros - t0) / 1000).toFixed(0).padStart(6)} ms`;

export function interactionTimeline(t0: number, profiles: Array<{ name: string; samples: Sample[] }>, trace: TraceEvent[], until: number): string {
  const rows: Array<{ start: number; text: string }> = [];
  for (const { name, samples } of profiles) {
    for (const run of stretches(samples.filter((s) => s.time >= t0 - 50_000 && s.time <= until))) {
      const start = run[0].time;
      const end = run[run.length - 1].time + run[run.length - 1].duration;
      rows.push({ start, text: `${at(start, t0)} +${((end - start) / 1000).toFixed(0).padStart(5)} ms  ${name.padEnd(15)} ${describe(run)}` });
    }
  }
  for (const event of trace) {
    if (event.ph !== 'X' || !RENDERING.has(event.name) || (event.dur ?? 0) < MIN_US || event.ts < t0 - 50_000 || event.ts > until) continue;
    rows.push({ start: event.ts, text: `${at(event.ts, t0)} +${((event.dur ?? 0) / 1000).toFixed(0).padStart(5)} ms  ${'renderer trace'.padEnd(15)} ${event.name}` });
  }
  return rows.sort((a, b) => a.start - b.start).map((r) => r.text).join('\n');
}
