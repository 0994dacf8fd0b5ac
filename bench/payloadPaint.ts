// Time from posting showCapture with a ~5 MB JSON body to the first paint of its tree, in real
// Chromium with the real bundle, against JSON.parse of the same text in the same page (the floor any
// JSON view pays) and the paint of a 5 KB payload; then, in that 5 MB body, a search's Enter → its
// match shown, for a match 90% of the way down the data array against one in the first rows.
//   node out/bench/payloadPaint.js [runs=5]
import type { CaptureSnapshot } from '../src/shared/protocol';
import { PayloadViewHost } from '../test/support/payloadViewPage';
import type { Page } from 'playwright-core';
import { syntheticOrders } from './syntheticOrders';

const runs = Number(process.argv[2] ?? 5);
const TARGET_MS = 500;

function capture(id: string, text: string): CaptureSnapshot {
  return {
    id, method: 'POST', url: '/hooks/orders', httpVersion: '1.1', receivedAt: Date.now(), bodySize: text.length, truncated: false,
    responseStatus: 200, remoteAddress: '127.0.0.1', headers: [['Content-Type', 'application/json']], contentType: 'application/json',
    body: { encoding: 'utf8', text }, signature: { status: 'unsigned', detail: 'No known signature header was sent.' },
  };
}

interface PageGlobals {
  document: { querySelector(selector: string): unknown };
  Event: new (type: string) => unknown;
  KeyboardEvent: new (type: string, init: { key: string }) => unknown;
  performance: { now(): number };
  requestAnimationFrame(callback: () => void): void;
  postMessage(message: unknown, origin: string): void;
  MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(value: unknown): void } };
}

/** Posts the capture and resolves after the first frame that shows its tree has been painted. */
function timeFirstPaint(page: Page, message: CaptureSnapshot): Promise<number> {
  return page.evaluate((c) => new Promise<number>((resolve) => {
    const g = globalThis as unknown as PageGlobals;
    const start = g.performance.now();
    g.postMessage({ type: 'showCapture', capture: c }, '*');
    const check = () => {
      if (!g.document.querySelector(`.payload-view[data-capture-id="${c.id}"] .json-row`)) {
        g.requestAnimationFrame(check);
        return;
      }
      // rAF callbacks run before the frame's paint; a message posted from one is handled after it.
      g.requestAnimationFrame(() => {
        const channel = new g.MessageChannel();
        channel.port1.onmessage = () => resolve(g.performance.now() - start);
        channel.port2.postMessage(0);
      });
    };
    g.requestAnimationFrame(check);
  }), message);
}

/** Types `query` into the search box, presses Enter, and resolves after the frame that shows the match. */
function timeSearchReveal(page: Page, query: string): Promise<number> {
  return page.evaluate((q) => new Promise<number>((resolve) => {
    const g = globalThis as unknown as PageGlobals;
    const input = g.document.querySelector('.search-input') as { value: string; dispatchEvent(event: unknown): void };
    const start = g.performance.now();
    input.value = q;
    input.dispatchEvent(new g.Event('input'));
    input.dispatchEvent(new g.KeyboardEvent('keydown', { key: 'Enter' }));
    g.requestAnimationFrame(() => {
      const channel = new g.MessageChannel();
      channel.port1.onmessage = () => resolve(g.document.querySelector('.current-match') ? g.performance.now() - start : Number.NaN);
      channel.port2.postMessage(0);
    });
  }), query);
}

function timeParse(page: Page, text: string): Promise<number> {
  return page.evaluate((t) => {
    const g = globalThis as unknown as PageGlobals;
    const start = g.performance.now();
    JSON.parse(t);
    return g.performance.now() - start;
  }, text);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const big = `{"object":"list","url":"/v1/orders","has_more":false,"data":${syntheticOrders(5 * 1024 * 1024)}}`;
  const small = `{"object":"list","data":${syntheticOrders(5 * 1024)}}`;
  console.log(`payload: ${(big.length / 1024 / 1024).toFixed(2)} MB JSON, ${(JSON.parse(big) as { data: unknown[] }).data.length} orders`);
  const host = await PayloadViewHost.start();
  try {
    const view = await host.open();
    await timeFirstPaint(view.page, capture('warm-up', small));
    const paints: number[] = [];
    const parses: number[] = [];
    const smallPaints: number[] = [];
    for (let run = 0; run < runs; run++) {
      const paint = await timeFirstPaint(view.page, capture(`big-${run}`, big));
      const parse = await timeParse(view.page, big);
      const smallPaint = await timeFirstPaint(view.page, capture(`small-${run}`, small));
      paints.push(paint);
      parses.push(parse);
      smallPaints.push(smallPaint);
      console.log(`run ${run + 1}: 5 MB first paint ${paint.toFixed(1)} ms, JSON.parse ${parse.toFixed(1)} ms, 5 KB first paint ${smallPaint.toFixed(1)} ms`);
    }
    const rows = await view.page.locator('.json-row').count();
    console.log(`rows in the DOM after a 5 KB paint: ${rows}`);
    await timeFirstPaint(view.page, capture('rows', big));
    console.log(`rows in the DOM after the 5 MB paint: ${await view.page.locator('.json-row').count()}`);
    // Order ids run ord_1 … ord_N: "ord_<90% of N>" matches that order alone, "ord_2" first matches the second order.
    const deep = `ord_${Math.floor(((JSON.parse(big) as { data: unknown[] }).data.length * 9) / 10)}`;
    const deepSearches: number[] = [];
    const shallowSearches: number[] = [];
    for (let run = 0; run < runs; run++) {
      await timeFirstPaint(view.page, capture(`search-deep-${run}`, big));
      deepSearches.push(await timeSearchReveal(view.page, deep));
      await timeFirstPaint(view.page, capture(`search-shallow-${run}`, big));
      shallowSearches.push(await timeSearchReveal(view.page, 'ord_2'));
      console.log(`run ${run + 1}: search Enter → match shown: "${deep}" ${deepSearches[run].toFixed(1)} ms, "ord_2" (in the first rows) ${shallowSearches[run].toFixed(1)} ms`);
    }
    console.log(`payload-search: 5 MB JSON, Enter → a match 90% down shown ${median(deepSearches).toFixed(1)} ms, a match in the first rows ${median(shallowSearches).toFixed(1)} ms (medians of ${runs})`);
    const paint = median(paints);
    const parse = median(parses);
    console.log(`5 KB payload first paint ${median(smallPaints).toFixed(1)} ms (median of ${runs})`);
    console.log(`payload-paint: 5 MB JSON first paint ${paint.toFixed(1)} ms (median of ${runs}), JSON.parse alone ${parse.toFixed(1)} ms, ratio ${(paint / parse).toFixed(2)}; target <= ${TARGET_MS} ms`);
    await view.close();
  } finally {
    await host.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
