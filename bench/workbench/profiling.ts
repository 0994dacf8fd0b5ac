// CPU profiles and heap snapshots, for the bench's --profile mode: the extension host through its
// inspector, the workbench's renderer (which also runs the payload view's frames) through Playwright.
import * as fs from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import type { Inspector } from './inspector';
import type { TraceEvent } from './timeline';

/** Microseconds between samples: fine enough to see per-delivery work, coarse enough not to drown it. */
const SAMPLING_INTERVAL_US = 250;

/** A CDP endpoint to profile through: the extension host's inspector or a renderer's session. */
export interface ProfileTarget {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
}

export class CpuProfile {
  private constructor(private readonly target: ProfileTarget) {}

  static async start(target: ProfileTarget): Promise<CpuProfile> {
    await target.send('Profiler.enable');
    await target.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await target.send('Profiler.start');
    return new CpuProfile(target);
  }

  /** Stops and writes the profile (a .cpuprofile file DevTools opens). */
  async stop(file: string): Promise<void> {
    const { profile } = (await this.target.send('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(profile));
  }
}

export function extensionHostTarget(inspector: Inspector): ProfileTarget {
  return { send: (method, params) => inspector.send(method, params) };
}

export async function rendererTarget(page: Page): Promise<ProfileTarget> {
  const session = await page.context().newCDPSession(page);
  return { send: (method, params) => session.send(method as 'Profiler.start', params) };
}

export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** process.memoryUsage() of the extension host, in MB. */
export async function memoryUsage(inspector: Inspector): Promise<MemoryUsage> {
  const usage = await inspector.evaluate<Record<keyof MemoryUsage, number>>('({ ...process.memoryUsage() })');
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return { rss: mb(usage.rss), heapTotal: mb(usage.heapTotal), heapUsed: mb(usage.heapUsed), external: mb(usage.external), arrayBuffers: mb(usage.arrayBuffers) };
}

/** V8's heap spaces of the extension host: committed (used) MB of each, e.g. `new 16.0 (2.1)`. */
export async function heapSpaces(inspector: Inspector): Promise<string> {
  const spaces = await inspector.evaluate<Array<{ space_name: string; space_size: number; space_used_size: number }>>(
    "process.getBuiltinModule('v8').getHeapSpaceStatistics()",
  );
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return spaces
    .filter((s) => s.space_size > 0)
    .map((s) => `${s.space_name.replace(/_space$/, '')} ${mb(s.space_size)} (${mb(s.space_used_size)})`)
    .join(', ');
}

export async function collectGarbage(inspector: Inspector): Promise<void> {
  await inspector.send('HeapProfiler.collectGarbage');
}

/** Writes a heap snapshot of the extension host (after a full collection) to `file`. */
export async function heapSnapshot(inspector: Inspector, file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  const stop = inspector.on('HeapProfiler.addHeapSnapshotChunk', (params) => out.write((params as { chunk: string }).chunk));
  await inspector.send('HeapProfiler.enable');
  await inspector.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  stop();
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** A Chromium trace of the renderer's rendering work (style, layout, paint, GC), for timelines. */
export class RendererTrace {
  private readonly events: TraceEvent[] = [];

  private constructor(private readonly session: CDPSession) {
    session.on('Tracing.dataCollected', (e) => this.events.push(...(e.value as unknown as TraceEvent[])));
  }

  static async start(page: Page): Promise<RendererTrace> {
    const session = await page.context().newCDPSession(page);
    const trace = new RendererTrace(session);
    await session.send('Tracing.start', {
      traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] },
      transferMode: 'ReportEvents',
    });
    return trace;
  }

  /** Stops, writes the trace (a file DevTools' Performance panel loads) and returns its events. */
  async stop(file: string): Promise<TraceEvent[]> {
    const complete = new Promise((resolve) => this.session.once('Tracing.tracingComplete', resolve));
    await this.session.send('Tracing.end');
    await complete;
    fs.writeFileSync(file, JSON.stringify({ traceEvents: this.events }));
    return this.events;
  }
}

/** Now on the monotonic clock CPU profiles and traces use, in microseconds. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
