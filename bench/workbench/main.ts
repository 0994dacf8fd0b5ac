// The extension as users feel it: code-server with the packaged .vsix installed (default settings but
// a free listener port), the Webhooks view open in headless Chromium, the listener started, then
//   burst    N small JSON deliveries at R/s from an open-loop sender process → sender latency p50/p99/max
//   visible  the last delivery's 2xx → its row painted in the tree
//   palette  F1 → the command palette painted, during each burst and with no traffic
//   rss      the extension host's VmRSS after each burst settles (quiet, then --settle seconds idle), against before the first
//   open     click a small capture → its JSON painted in the payload view (p50/p95 over many captures)
//   open5mb  click a 5 MB JSON capture → its JSON tree's first rows painted (from the body's first
//            part, which the view shows while the rest crosses), and when the whole document is
//   raw5mb   click the Raw tab of that capture, focus already in the view → how long the view is
//            blocked: the click's Event Timing duration (input → next frame presented) or the longest
//            task after it. The first click into the view also moves focus from the tree, which costs
//            the workbench the same on any tab: printed apart, for a first click on Raw and on Headers
// and prints one figure per line, then `workbench idle: …` and `workbench: …` as its last line.
//   npm run bench:workbench [-- --profile | --memory | --spaces] [--bursts 3] [--count 5000] [--rate 500] [--clicks 30] [--big 3] [--settle 10]
// --profile installs a non-minified build and records CPU profiles (extension host and renderer) of
// the first burst and of opening the 5 MB capture, heap snapshots of the extension host before and
// after the bursts, and summaries of them, under bench/results/ (its timings are then not "clean"),
// with what the extension host allocated during each burst that reached V8's old generation.
// --memory reads the extension host's process.memoryUsage() and V8's heap spaces after each burst,
// before and after a full GC, to tell the live heap from garbage not yet collected and the V8 heap
// from the rest of the RSS. --spaces reads the same without ever forcing a GC, so the RSS figures
// stay those of a plain run.
import { execFileSync, fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { Workbench } from '../../test/e2e/workbench';
import { syntheticOrders } from '../syntheticOrders';
import { BURST_ROUTE, burstPath, markerOfRow } from './burstDeliveries';
import { anonymousByMapping, cpuMs, findExtensionHost, residentMb, residentParts, runQueueWaitMs, waitUntilQuiet } from './extensionHost';
import { Inspector } from './inspector';
import { installTabProbe, installWatch, longestTaskSoFar, tabProbeResult, visibleTreeRows, watched } from './probes';
import type { RawProbeResult, RowBox, Watch } from './probes';
import { collectGarbage, CpuProfile, extensionHostTarget, heapSnapshot, heapSpaces, memoryUsage, monotonicMicros, RendererTrace, rendererTarget } from './profiling';
import type { Sample } from './cpuProfileSummary';
import { interactionTimeline } from './timeline';
import type { TraceEvent } from './timeline';
import type { BurstPlan, BurstResult } from './sender';
import { median, ms, percentile, spread } from './stats';
import { readSamples, summariseCpuProfile } from './cpuProfileSummary';
import { diffHeapSnapshots } from './heapSummary';
import { AllocationProfile, summariseAllocationProfile } from './allocationProfile';

/* eslint-disable @typescript-eslint/no-require-imports */
const paths = require('../../../test/harness/paths.js') as { repo: string };
const { provision } = require('../../../test/harness/provision.js') as { provision: () => void };
const { ensureNode24 } = require('../../../test/harness/withNode24.js') as { ensureNode24: (script: string) => void };
/* eslint-enable @typescript-eslint/no-require-imports */

interface Options {
  profile: boolean;
  /** Attach to the extension host only to read process.memoryUsage() after each burst. */
  memory: boolean;
  /** Attach to the extension host only to read V8's heap spaces after each burst, with no forced GC. */
  spaces: boolean;
  bursts: number;
  count: number;
  rate: number;
  clicks: number;
  big: number;
  /** Seconds of idle time after each burst before its RSS is read. */
  settle: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: number) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  return { profile: argv.includes('--profile'), memory: argv.includes('--memory'), spaces: argv.includes('--spaces'), bursts: value('bursts', 3), count: value('count', 5000), rate: value('rate', 500), clicks: value('clicks', 30), big: value('big', 3), settle: value('settle', 10) };
}

const sleep = (msec: number) => new Promise((r) => setTimeout(r, Math.max(0, msec)));
/** The longest the bench waits for anything it watches before it gives up with an error. */
const WAIT_MS = 120_000;

function within<T>(promise: Promise<T>, msec: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Gave up waiting ${msec / 1000} s for ${what}.`)), msec);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
/** `+1.5` / `-0.3`: a change, with its sign. */
const signed = (value: number, digits = 1) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const BIG_ROUTE = '/bench/large';
const QUIET_WINDOWS = 2;
/** In --profile mode, how long after a burst's last row shows the profiles go on. */
const PROFILE_TAIL_MS = 3000;
const BURST_START_TIMELINE_MS = 1500;
/** The tree is watched for the burst's last row from this long before that delivery is due. */
const LAST_ROW_WATCH_LEAD_MS = 300;
/** Latency is also reported per window of the burst, to show when the slow answers came. */
const WINDOW_MS = 500;
const SLOW_WINDOW_MS = 250;
const bigPath = (k: number) => `${BIG_ROUTE}?n=${k}-end`;
const bigMarker = (k: number) => `open5mb-${k}-end`;

/** The share of both cores the whole machine was busy between two /proc/stat readings (0..1). */
function machineBusy(): () => number {
  const read = () => {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + fields[4];
    return { idle, total: fields.reduce((a, b) => a + b, 0) };
  };
  const start = read();
  return () => {
    const end = read();
    return 1 - (end.idle - start.idle) / Math.max(1, end.total - start.total);
  };
}

/** Only for the inspector, which must be told its port up front. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function packagedVsix(): string {
  const { version, name } = JSON.parse(fs.readFileSync(path.join(paths.repo, 'package.json'), 'utf8')) as { version: string; name: string };
  const file = path.join(paths.repo, `${name}-${version}.vsix`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run bench:workbench\`, which packages the extension first.`);
  return file;
}

/** A .vsix of the non-minified development build, so profiles name the extension's functions. */
function packageProfileBuild(dir: string): string {
  const file = path.join(dir, 'webhook-workbench-profile.vsix');
  execFileSync(process.execPath, [path.join(paths.repo, 'esbuild.js')], { cwd: paths.repo, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(paths.repo, 'test', 'harness', 'packageVsix.js'), '--out', file], { cwd: paths.repo, stdio: ['ignore', 'ignore', 'inherit'] });
  return file;
}

/** The sender process (bench/workbench/sender.ts), started once and reused for every burst. */
class BurstSender {
  private readonly child: ChildProcess = fork(path.join(__dirname, 'sender.js'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

  send(plan: BurstPlan): Promise<BurstResult> {
    return new Promise((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`The sender exited (${code}) before reporting.`));
      this.child.once('exit', exited);
      this.child.once('message', (result) => {
        this.child.off('exit', exited);
        resolve(result as BurstResult);
      });
      this.child.send(plan);
    });
  }

  close(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

async function postCapture(port: number, urlPath: string, body: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}${urlPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${urlPath} was answered ${response.status}.`);
}

async function waitForTreeRow(page: Page, text: string): Promise<number> {
  await page.evaluate(installWatch, { key: '__benchRow', kind: 'treeRow', text } satisfies Watch);
  return within(page.evaluate(watched, '__benchRow'), WAIT_MS, `the tree row ${text}`);
}

/** F1 → the palette painted with its list, in ms; then closes it again. */
async function timePalette(page: Page): Promise<number> {
  await page.evaluate(installWatch, { key: '__benchPalette', kind: 'palette' } satisfies Watch);
  const start = Date.now();
  await page.keyboard.press('F1');
  const shown = await within(page.evaluate(watched, '__benchPalette'), WAIT_MS, 'the command palette');
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
  return shown - start;
}

/** Clicks a tree row and returns ms until the payload view has painted a JSON row containing `marker`. */
async function timeOpen(page: Page, frame: Frame, row: RowBox, marker: string, clicked?: (monotonic: number) => void): Promise<number> {
  return (await timeOpenWhole(page, frame, row, marker, clicked)).shown;
}

/**
 * A row's hover card, shown when the mouse rested on the last row clicked, can lie over the next row
 * to click and take the click: if one is up, the mouse leaves and the card is awaited gone. Otherwise
 * the mouse stays where it is, as it did before this check, so the click's timing is unchanged.
 */
async function dismissHover(page: Page): Promise<void> {
  const card = page.locator('.workbench-hover-container').first();
  if (!(await card.isVisible())) return;
  await page.mouse.move(1, 1);
  await card.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/**
 * Clicks a tree row; `shown`: ms until the payload view painted a JSON row containing `marker` (the
 * first screen: for a large body, from its first part); `whole`: until it painted the whole document.
 */
async function timeOpenWhole(page: Page, frame: Frame, row: RowBox, marker: string, clicked?: (monotonic: number) => void): Promise<{ shown: number; whole: number }> {
  await frame.evaluate(installWatch, { key: '__benchOpen', kind: 'jsonRow', text: marker } satisfies Watch);
  await frame.evaluate(installWatch, { key: '__benchOpenWhole', kind: 'jsonWhole', text: marker } satisfies Watch);
  await dismissHover(page);
  clicked?.(monotonicMicros());
  const start = Date.now();
  await page.mouse.click(row.x, row.y);
  const shown = (await within(frame.evaluate(watched, '__benchOpen'), WAIT_MS, `the payload view showing ${marker}`)) - start;
  const whole = (await within(frame.evaluate(watched, '__benchOpenWhole'), WAIT_MS, `the payload view showing all of ${marker}'s body`)) - start;
  return { shown, whole };
}

/** After the Raw tab's first paint, how long long tasks are still looked for (a chunked render goes on). */
const RAW_SETTLE_MS = 1000;

/**
 * Clicks a tab (Raw, or Headers for comparison) and reports when the frame after the click was painted (from the browser's own
 * input timestamp) and the long tasks that blocked the view from the click on.
 */
async function timeTab(page: Page, frame: Frame, tab: 'raw' | 'headers', onClick?: (monotonic: number) => void): Promise<RawProbeResult> {
  await frame.evaluate(installTabProbe);
  const raw = (await frame.locator(`button.tab[data-tab="${tab}"]`).boundingBox())!;
  onClick?.(monotonicMicros());
  await page.mouse.click(raw.x + raw.width / 2, raw.y + raw.height / 2);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const result = await frame.evaluate(tabProbeResult, RAW_SETTLE_MS);
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`The ${tab} tab never painted.`);
    await sleep(100);
  }
}

interface BurstFigures {
  run: number;
  /** The slowest answer in each WINDOW_MS of the schedule. */
  windowMaxMs: number[];
  /** How long the extension host's main thread waited for a CPU while runnable. */
  runQueueWaitMs: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  /** The first few failures' messages. */
  errors: string[];
  senderLagMs: number;
  visibleMs: number;
  paletteMs: number[];
  settledMs: number;
  extensionHostCpuMs: number;
  /** VmRSS when the extension host went quiet after the burst. */
  rssQuietMb: number;
  /** VmRSS every second of the idle time that follows, ending with the settled figure. */
  rssTrace: number[];
  rssMb: number;
  rssAnonymousMb: number;
  machineBusy: number;
  loadBefore: string;
}

interface BigCaptureFigures {
  /** Click → the 5 MB capture's JSON tree painted (its first screen). */
  open: number[];
  /** Click → the tree of the whole document painted (the last part of the body in). */
  openWhole: number[];
  /** The longest the view's main thread was blocked from the click until then. */
  openLongestTask: number[];
  /**
   * How long the Raw tab keeps the view from responding, with focus already in the view (after a
   * Headers click): the click's event duration or a longer task after it.
   */
  raw: number[];
  /** The same, when the Raw click is the first click into the view (focus moves from the tree). */
  rawFirst: number[];
  /** A Headers click as the first click into the view: what moving focus from the tree costs on its own. */
  headersFirst: number[];
  /** Raw click → a message posted from the next animation frame handled (behind tasks already queued). */
  rawPainted: number[];
  /** The Raw click's Event Timing duration: input → the next frame presented. */
  rawClick: number[];
  /** The longest the view's main thread was blocked from the click on. */
  longestTask: number[];
  /** Then Headers click → the frame after it painted: the same click with nothing to build. */
  headersPainted: number[];
  headersClick: number[];
}

class WorkbenchBench {
  private readonly figures: Record<string, unknown> = {};
  private readonly sender = new BurstSender();
  private inspector: Inspector | undefined;
  /** With --memory or --profile: the live heap (after a full GC) and the RSS then, at each checkpoint. */
  private readonly liveHeap: Array<{ name: string; heapUsed: number; rss: number }> = [];

  constructor(
    private readonly options: Options,
    private readonly wb: Workbench,
    private readonly port: number,
    private readonly host: number,
    private readonly results: string,
  ) {}

  get page(): Page {
    return this.wb.page;
  }

  async run(inspectPort: number | undefined): Promise<void> {
    try {
      await this.measure(inspectPort);
    } finally {
      this.sender.close();
      this.inspector?.close();
    }
  }

  private async measure(inspectPort: number | undefined): Promise<void> {
    if (inspectPort) this.inspector = await Inspector.connect(inspectPort);
    const { options, page } = this;
    // A short warm-up: the tree exists (not the welcome view) and the code paths have run once.
    await this.burst(0, 50, 50, false);
    await waitUntilQuiet(this.host);
    const idleBefore = [await timePalette(page), await timePalette(page), await timePalette(page)];
    line(`palette idle, 50 captures: ${spread(idleBefore)} ms`);
    // With an inspector, the checkpoint collects garbage first: the RSS growth is then measured from a collected heap.
    await this.heapCheckpoint('0-before');
    const rssBefore = residentMb(this.host);
    const partsBefore = residentParts(this.host);
    line(`rss before the bursts: ${rssBefore.toFixed(1)} MB (anonymous ${partsBefore.anonymous.toFixed(1)}, file-backed ${partsBefore.file.toFixed(1)}; extension host pid ${this.host})`);

    const bursts: BurstFigures[] = [];
    const idle: number[] = [];
    for (let run = 1; run <= options.bursts; run++) {
      const figures = await this.burst(run, options.count, options.rate, true);
      bursts.push(figures);
      line(
        `burst ${run}: ${options.count} at ${options.rate}/s: sender latency p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)}, max ${ms(figures.max)} ms` +
          `${figures.failed ? `, ${figures.failed} FAILED (${figures.errors.join('; ')})` : ''}; last 2xx → row visible ${ms(figures.visibleMs)} ms; palette ${figures.paletteMs.map(ms).join(', ')} ms;` +
          ` extension host CPU ${(figures.extensionHostCpuMs / 1000).toFixed(1)} s (its main thread waited ${(figures.runQueueWaitMs / 1000).toFixed(1)} s for a core),` +
          ` quiet ${(figures.settledMs / 1000).toFixed(1)} s after the last answer;` +
          ` rss when quiet ${figures.rssQuietMb.toFixed(1)} MB (${signed(figures.rssQuietMb - rssBefore)}),` +
          ` ${options.settle} s later ${figures.rssMb.toFixed(1)} MB (${signed(figures.rssMb - rssBefore)}; anonymous ${signed(figures.rssAnonymousMb - partsBefore.anonymous)});` +
          ` sender lag max ${ms(figures.senderLagMs)} ms;` +
          ` machine ${(figures.machineBusy * 100).toFixed(0)}% busy, load before ${figures.loadBefore}`,
      );
      line(`  rss over the ${options.settle} s after it went quiet (MB, every 5 s): ${figures.rssTrace.filter((_, i) => i % 5 === 0).map((r) => r.toFixed(0)).join(' → ')}`);
      const slow = figures.windowMaxMs.map((max, i) => [i, max]).filter(([, max]) => max > SLOW_WINDOW_MS);
      if (slow.length) line(`  answers over ${SLOW_WINDOW_MS} ms, by ${WINDOW_MS} ms window of the schedule: ${slow.map(([i, max]) => `${((i * WINDOW_MS) / 1000).toFixed(1)} s: ${ms(max)}`).join(', ')}`);
      await this.heapCheckpoint(`${run}-after-burst`);
      idle.push(await timePalette(page), await timePalette(page));
    }
    if (this.inspector && options.memory) {
      await collectGarbage(this.inspector);
      line(`memory after a full GC (MB): ${JSON.stringify(await memoryUsage(this.inspector))}; anonymous resident by mapping ${this.anonymousMappings()}`);
    }
    const p99s = bursts.map((b) => b.p99);
    const visible = bursts.map((b) => b.visibleMs);
    const palette = bursts.flatMap((b) => b.paletteMs);
    const rssFirst = bursts[0].rssMb - rssBefore;
    const rssLater = bursts.slice(1).map((b, i) => b.rssMb - bursts[i].rssMb);
    line(`burst p99: ${spread(p99s)} ms; p50 ${spread(bursts.map((b) => b.p50))} ms; max ${spread(bursts.map((b) => b.max))} ms`);
    line(`visible: ${spread(visible)} ms`);
    line(`palette during a burst: ${spread(palette)} ms; idle (after each burst) ${spread(idle)} ms`);
    const rssLast = bursts[bursts.length - 1].rssMb;
    line(
      `rss: ${signed(rssFirst)} MB after the first burst` +
        `${rssLater.length ? `, then ${rssLater.map((d) => signed(d)).join(', ')} MB per further burst` : ''}` +
        ` (${rssBefore.toFixed(0)} → ${rssLast.toFixed(0)} MB)`,
    );

    const open = await this.openSmallCaptures();
    line(`open small capture: p50 ${ms(percentile(open.samples, 50))}, p95 ${ms(percentile(open.samples, 95))}, max ${ms(Math.max(...open.samples))} ms over ${open.samples.length} clicks; first open (new view) ${ms(open.coldMs)} ms`);
    const big = await this.openBigCaptures();
    line(`open5mb: ${spread(big.open)} ms; the whole document painted ${spread(big.openWhole)} ms; longest task in the view until then ${spread(big.openLongestTask)} ms`);
    line(
      `raw5mb: ${spread(big.raw)} ms (focus already in the view); the Raw click's event duration (input → next frame presented) ${spread(big.rawClick)} ms;` +
        ` longest task in the view from the click on ${spread(big.longestTask)} ms; a message from the next animation frame handled ${spread(big.rawPainted)} ms`,
    );
    line(
      `first click into the view (focus moves from the tree): on Raw ${spread(big.rawFirst)} ms, on Headers ${spread(big.headersFirst)} ms;` +
        ` a Headers click after Raw: event duration ${spread(big.headersClick)} ms, message handled ${spread(big.headersPainted)} ms`,
    );
    line(`load at the end: ${load()}`);

    Object.assign(this.figures, { options, rssBefore, bursts, idleBefore, idle, open, big, loadEnd: load() });
    fs.writeFileSync(path.join(this.results, 'figures.json'), JSON.stringify(this.figures, null, 2));
    line(`raw figures: ${path.relative(paths.repo, path.join(this.results, 'figures.json'))}`);
    if (this.liveHeap.length > 1) {
      const [first, ...later] = this.liveHeap;
      line(
        `live heap after a full GC: ${first.heapUsed.toFixed(1)} MB before the bursts, then ${later.map((c, i) => signed(c.heapUsed - this.liveHeap[i].heapUsed)).join(', ')} MB per burst` +
          ` (rss after each GC ${this.liveHeap.map((c) => c.rss.toFixed(0)).join(' → ')} MB)`,
      );
    }
    line(`workbench idle: palette ${ms(median(idle))}, Headers tab click ${ms(median(big.headersClick))}`);
    line(
      `workbench: burst p99 ${ms(median(p99s))}, visible ${ms(median(visible))}, palette ${ms(median(palette))}, rss ${signed(rssFirst, 0)}, ` +
        `open5mb ${ms(median(big.open))}, raw5mb ${ms(median(big.raw))}, open p95 ${ms(percentile(open.samples, 95))}`,
    );
  }

  private async burst(run: number, count: number, perSecond: number, measure: boolean): Promise<BurstFigures> {
    const { page } = this;
    const profiles = measure && this.options.profile ? await this.startProfiles(false) : undefined;
    const loadBefore = load();
    const busy = machineBusy();
    const cpuBefore = cpuMs(this.host);
    const waitBefore = runQueueWaitMs(this.host);
    const startedMonotonic = monotonicMicros();
    const started = Date.now();
    const duration = (count / perSecond) * 1000;
    const sending = this.sender.send({ port: this.port, run, count, perSecond });
    let done = false;
    void sending.finally(() => (done = true));
    const paletteMs: number[] = [];
    for (const at of measure ? [0.25, 0.5, 0.75] : []) {
      await sleep(started + at * duration - Date.now());
      if (!done) paletteMs.push(await timePalette(page));
    }
    // Watching the tree costs the renderer a query per frame: start shortly before the last delivery is due.
    await sleep(started + duration - LAST_ROW_WATCH_LEAD_MS - Date.now());
    await page.evaluate(installWatch, { key: '__benchBurstRow', kind: 'treeRow', text: `POST ${burstPath(run, count - 1)}` } satisfies Watch);
    const lastRow = page.evaluate(watched, '__benchBurstRow');
    const result = await sending;
    const lastRowText = `the burst's last row (${result.latencies.length - result.latencies.filter((l) => l >= 0).length} deliveries failed: ${result.errors.join('; ') || 'none'})`;
    const seenAt = await within(lastRow, WAIT_MS, lastRowText);
    if (profiles) {
      // The sampling profiler keeps the process from looking idle: stop it a little after the burst's end.
      await sleep(PROFILE_TAIL_MS);
      const { extensionHost, renderer } = await profiles.stop(`burst-${run}`);
      // The slowest answers come at the start of a burst: what both processes did in its first moments.
      const sources = [{ name: 'extension host', samples: extensionHost }, { name: 'renderer', samples: renderer }];
      const file = path.join(this.results, `burst-${run}.start-timeline.txt`);
      fs.writeFileSync(file, `the first ${BURST_START_TIMELINE_MS} ms of burst ${run} (t=0: the sender is told to start):\n${interactionTimeline(startedMonotonic, sources, [], startedMonotonic + BURST_START_TIMELINE_MS * 1000)}\n`);
      line(`timeline of the burst's start: ${path.relative(paths.repo, file)}`);
    }
    const quietFrom = Date.now();
    // Quiet means QUIET_WINDOWS seconds of an idle extension host: it went quiet when they began.
    const quietAt = quietFrom + (await waitUntilQuiet(this.host, { quietWindows: QUIET_WINDOWS })) - QUIET_WINDOWS * 1000;
    const machine = busy();
    const rssQuietMb = residentMb(this.host);
    const rssTrace = await this.idleRss(measure ? this.options.settle : 0);
    const latencies = result.latencies.filter((l) => l >= 0);
    const perWindow = Math.max(1, Math.round((WINDOW_MS / 1000) * perSecond));
    const windows: number[] = [];
    for (let i = 0; i < result.latencies.length; i += perWindow) windows.push(Math.max(...result.latencies.slice(i, i + perWindow)));
    return {
      windowMaxMs: windows,
      runQueueWaitMs: runQueueWaitMs(this.host) - waitBefore,
      run,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      failed: count - latencies.length,
      errors: result.errors,
      senderLagMs: result.maxSendLagMs,
      visibleMs: seenAt - result.lastAnsweredAt,
      paletteMs,
      settledMs: Math.max(0, quietAt - result.lastAnsweredAt),
      extensionHostCpuMs: cpuMs(this.host) - cpuBefore,
      rssQuietMb,
      rssTrace,
      rssMb: rssTrace[rssTrace.length - 1],
      rssAnonymousMb: residentParts(this.host).anonymous,
      machineBusy: machine,
      loadBefore,
    };
  }

  /** The RSS once a second for `seconds` of idle time (V8 gives memory back some seconds after a burst). */
  private async idleRss(seconds: number): Promise<number[]> {
    const trace = [residentMb(this.host)];
    for (let s = 0; s < seconds; s++) {
      await sleep(1000);
      trace.push(residentMb(this.host));
    }
    return trace;
  }

  /** Opens one capture to create the payload view, then times clicks on other visible captures. */
  private async openSmallCaptures(): Promise<{ samples: number[]; coldMs: number }> {
    const { page, wb } = this;
    const rows = (await page.evaluate(visibleTreeRows)).filter((r) => markerOfRow(r.text));
    if (rows.length < 3) throw new Error(`Only ${rows.length} burst capture rows are visible in the tree.`);
    const coldStart = Date.now();
    await page.mouse.click(rows[0].x, rows[0].y);
    const frame = await wb.payloadFrame();
    await frame.waitForFunction((m) => Array.from(document.querySelectorAll('.payload-view .json-row')).some((r) => r.textContent?.includes(m)), markerOfRow(rows[0].text)!, { polling: 'raf', timeout: 30_000 });
    const coldMs = Date.now() - coldStart;
    const samples: number[] = [];
    for (let i = 1; samples.length < this.options.clicks; i++) {
      const row = rows[i % rows.length];
      if (i % rows.length === 0) continue; // the first row may still be the one on show
      samples.push(await timeOpen(page, frame, row, markerOfRow(row.text)!));
    }
    return { samples, coldMs };
  }

  /** Sends the 5 MB captures, then for each: open a small one, time opening the big one, time its Raw tab. */
  private async openBigCaptures(): Promise<BigCaptureFigures> {
    const { page, wb } = this;
    const orders = syntheticOrders(5 * 1024 * 1024);
    // Two captures per round: the first click into the view is on Raw in one, on Headers in the other.
    const captures = this.options.big * 2;
    for (let k = 0; k < captures; k++) {
      const seen = waitForTreeRow(page, `POST ${bigPath(k)}`);
      await postCapture(this.port, bigPath(k), `{"bench_marker":"${bigMarker(k)}","object":"list","url":"/v1/orders","has_more":false,"data":${orders}}`);
      await seen;
    }
    await waitUntilQuiet(this.host);
    const frame = await wb.payloadFrame();
    const figures: BigCaptureFigures = {
      open: [], openWhole: [], openLongestTask: [], raw: [], rawPainted: [], longestTask: [], headersPainted: [], headersClick: [], rawClick: [],
      rawFirst: [], headersFirst: [],
    };
    for (let k = 0; k < captures; k++) {
      // Read each time: the tree may have repainted since the last click.
      const rows = await page.evaluate(visibleTreeRows);
      const small = rows.filter((r) => markerOfRow(r.text));
      const bigRow = rows.find((r) => r.text.includes(`POST ${bigPath(k)}`));
      if (!bigRow) throw new Error(`The row of ${bigPath(k)} is not visible in the tree.`);
      await timeOpen(page, frame, small[k % small.length], markerOfRow(small[k % small.length].text)!);
      const profiles = k === 0 && this.options.profile ? await this.startProfiles(true) : undefined;
      let openClick = 0;
      let rawClick = 0;
      await frame.evaluate(installTabProbe);
      const opened = await timeOpenWhole(page, frame, bigRow, bigMarker(k), (t) => (openClick = t));
      figures.open.push(opened.shown);
      figures.openWhole.push(opened.whole);
      figures.openLongestTask.push(await frame.evaluate(longestTaskSoFar));
      const rawFirst = k % 2 === 0;
      // The first click into the view also moves focus from the tree to the editor, and the
      // workbench restyles for that whichever tab is clicked: measured apart, on Raw and on Headers.
      const headersBefore = rawFirst ? undefined : await timeTab(page, frame, 'headers');
      const raw = await timeTab(page, frame, 'raw', (t) => (rawClick = t));
      if (!raw.rawTextShown) throw new Error('The Raw tab did not show the body text.');
      const headersAfter = rawFirst ? await timeTab(page, frame, 'headers') : undefined;
      if (profiles) {
        const { extensionHost, renderer, trace } = await profiles.stop('open5mb');
        const sources = [{ name: 'extension host', samples: extensionHost }, { name: 'renderer', samples: renderer }];
        const openEnd = openClick + (figures.open[k] + 200) * 1000;
        const rawEnd = rawClick + (Math.max(raw.raw.painted - raw.raw.input, raw.longTasks.longest) + 200) * 1000;
        const text = `click on the 5 MB capture (t=0) → its JSON painted at ${ms(figures.open[k])} ms:\n${interactionTimeline(openClick, sources, trace, openEnd)}\n\n` +
          `click on Raw, the first click into the view (t=0):\n${interactionTimeline(rawClick, sources, trace, rawEnd)}\n`;
        const file = path.join(this.results, 'open5mb.timeline.txt');
        fs.writeFileSync(file, text);
        line(`timeline (${path.relative(paths.repo, file)}):\n${text}`);
      }
      // How long the view is blocked: the click until its frame is presented, or a longer task after it.
      const blocked = Math.max(raw.clickDuration, raw.longTasks.longest);
      if (rawFirst) {
        figures.rawFirst.push(blocked);
        figures.headersClick.push(headersAfter!.clickDuration);
        figures.headersPainted.push(headersAfter!.raw.painted - headersAfter!.raw.input);
      } else {
        figures.headersFirst.push(headersBefore!.clickDuration);
        figures.raw.push(blocked);
        figures.rawClick.push(raw.clickDuration);
        figures.rawPainted.push(raw.raw.painted - raw.raw.input);
        figures.longestTask.push(raw.longTasks.longest);
      }
      await waitUntilQuiet(this.host);
    }
    return figures;
  }

  /** CPU profiles of the extension host and the renderer (and a trace of the renderer) until stop(). */
  private async startProfiles(trace: boolean): Promise<{ stop(name: string): Promise<{ extensionHost: Sample[]; renderer: Sample[]; trace: TraceEvent[] }> }> {
    const extensionHost = await CpuProfile.start(extensionHostTarget(this.inspector!));
    const allocations = await AllocationProfile.start(extensionHostTarget(this.inspector!));
    const renderer = await CpuProfile.start(await rendererTarget(this.page));
    const tracing = trace ? await RendererTrace.start(this.page) : undefined;
    return {
      stop: async (name) => {
        const hostFile = path.join(this.results, `${name}.extension-host.cpuprofile`);
        const allocationFile = path.join(this.results, `${name}.extension-host.heapprofile`);
        const rendererFile = path.join(this.results, `${name}.renderer.cpuprofile`);
        await extensionHost.stop(hostFile);
        await allocations.stop(allocationFile);
        await renderer.stop(rendererFile);
        const events = tracing ? await tracing.stop(path.join(this.results, `${name}.renderer-trace.json`)) : [];
        // The profile build's bundle, whose `// src/…` markers name the extension's source files.
        const bundle = path.join(paths.repo, 'dist', 'extension.js');
        fs.writeFileSync(`${hostFile}.txt`, summariseCpuProfile(hostFile, { bundle }));
        fs.writeFileSync(`${rendererFile}.txt`, summariseCpuProfile(rendererFile, {}));
        fs.writeFileSync(`${allocationFile}.txt`, summariseAllocationProfile(allocationFile, { bundle }));
        line(`allocations that reached the old generation: ${path.relative(paths.repo, allocationFile)}(.txt)`);
        line(`profiles: ${path.relative(paths.repo, hostFile)}(.txt), ${path.relative(paths.repo, rendererFile)}(.txt)`);
        return { extensionHost: readSamples(hostFile, bundle), renderer: readSamples(rendererFile), trace: events };
      },
    };
  }

  private anonymousMappings(): string {
    const parts = anonymousByMapping(this.host);
    return `(MB): malloc main arena ${parts.mainArena.toFixed(1)}, malloc thread arenas ${parts.threadArenas.toFixed(1)}, other (V8 pages, large blocks, stacks) ${parts.other.toFixed(1)}`;
  }

  /**
   * With --memory: the extension host's process.memoryUsage(). With --profile also after a full
   * collection, and a heap snapshot diffed against the previous one.
   */
  private async heapCheckpoint(name: string): Promise<void> {
    const inspector = this.inspector;
    if (!inspector) return;
    const before = await memoryUsage(inspector);
    const mappingsBefore = this.anonymousMappings();
    const spacesBefore = await heapSpaces(inspector);
    if (this.options.spaces) {
      line(`memory ${name} (MB): ${JSON.stringify(before)}, anonymous resident by mapping ${mappingsBefore}`);
      line(`  V8 heap spaces, committed (used) MB: ${spacesBefore}`);
      return;
    }
    // A full collection tells what is kept from what is garbage not yet collected. It also gives
    // memory back, so the RSS of later bursts starts lower than in a plain run.
    await collectGarbage(inspector);
    const after = await memoryUsage(inspector);
    this.liveHeap.push({ name, heapUsed: after.heapUsed, rss: residentMb(this.host) });
    if (!this.options.profile) {
      line(`memory ${name} (MB): ${JSON.stringify(before)}, anonymous resident by mapping ${mappingsBefore}; after a full GC ${JSON.stringify(after)}, ${this.anonymousMappings()}`);
      line(`  V8 heap spaces, committed (used) MB: ${spacesBefore}; after the GC: ${await heapSpaces(inspector)}`);
      return;
    }
    line(`memory ${name}: ${JSON.stringify(before)}; after a full GC ${JSON.stringify(after)}`);
    const file = path.join(this.results, `${name}.heapsnapshot`);
    await heapSnapshot(inspector, file);
    const snapshots = fs.readdirSync(this.results).filter((f) => f.endsWith('.heapsnapshot')).sort();
    if (snapshots.length >= 2) {
      const previous = snapshots[snapshots.length - 2];
      const diffFile = path.join(this.results, `${name}.heapdiff.txt`);
      fs.writeFileSync(diffFile, diffHeapSnapshots(path.join(this.results, previous), file));
      line(`heap diff ${previous} → ${name}: ${path.relative(paths.repo, diffFile)}`);
    }
  }
}

let logFile: string | undefined;

/** Prints a line and keeps it in the run's output.txt. */
function line(text: string): void {
  console.log(text);
  if (logFile) fs.appendFileSync(logFile, `${text}\n`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const results = path.join(paths.repo, 'bench', 'results', `workbench-${new Date().toISOString().replace(/[:.]/g, '-')}${options.profile ? '-profile' : ''}`);
  fs.mkdirSync(results, { recursive: true });
  logFile = path.join(results, 'output.txt');
  const vsix = options.profile ? packageProfileBuild(results) : packagedVsix();
  line(`extension: ${path.relative(paths.repo, vsix)} installed into code-server; ${options.bursts} bursts of ${options.count} at ${options.rate}/s; ${os.cpus().length} cores, load ${load()}`);
  if (options.profile) line('profile mode: the profiler, snapshots and the non-minified build change the timings and the RSS; take figures from a run without --profile');
  if (options.memory) line('memory mode: the extension host runs with an inspector attached, read only between bursts');
  if (options.spaces) line('spaces mode: the extension host runs with an inspector attached, read only between bursts, and never collects garbage on request');
  const inspectPort = options.profile || options.memory || options.spaces ? await freePort() : undefined;
  const wb = await Workbench.open({ 'webhookWorkbench.port': 0 }, undefined, { vsix, inspectExtensions: inspectPort });
  // Ctrl+C or a kill still stops code-server and Chromium.
  const stop = () => void wb.close().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await wb.openWebhooksView();
    const port = await wb.startListener();
    const host = await findExtensionHost(wb.serverPid);
    line(`listener on :${port}, extension host pid ${host}, route ${BURST_ROUTE}`);
    await new WorkbenchBench(options, wb, port, host, results).run(inspectPort);
  } catch (error) {
    const shot = path.join(results, 'failure.png');
    await wb.page.screenshot({ path: shot }).catch(() => undefined);
    line(`failed; the workbench at that moment: ${path.relative(paths.repo, shot)}`);
    throw error;
  } finally {
    await wb.close();
  }
}

provision();
ensureNode24(__filename);
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
