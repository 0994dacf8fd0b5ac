// Heap cost of the capture store's in-memory index: 100,000 captures appended, then the same store
// reopened from disk. Run with --expose-gc:  node --expose-gc out/bench/storeMemory.js [count]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CaptureStore, labelDelivery } from '../src/core';
import type { IncomingDelivery } from '../src/core';

const count = Number(process.argv[2] ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;

function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

/** Labelled as the receiver labels it, so the index holds what it holds in use. */
function delivery(i: number): IncomingDelivery {
  return labelDelivery({
    method: 'POST',
    url: `/webhooks/github?delivery=${i}`,
    httpVersion: '1.1',
    rawHeaders: [
      'Host', '127.0.0.1:7878', 'User-Agent', 'GitHub-Hookshot/abc123', 'Content-Type', 'application/json',
      'X-GitHub-Event', 'pull_request', 'X-GitHub-Delivery', `72d3162e-cc78-11e3-81ab-${String(i).padStart(12, '0')}`,
      'X-Hub-Signature-256', `sha256=${'ab'.repeat(32)}`, 'Content-Length', '2048',
    ],
    remoteAddress: '127.0.0.1',
    receivedAt: Date.now(),
    readMs: 0.3,
    truncated: false,
    responseStatus: 200,
    body: Buffer.from(JSON.stringify({ action: 'opened', number: i, pad: 'x'.repeat(1900) })),
  });
}

async function main(): Promise<void> {
  if (!gc) throw new Error('Run with node --expose-gc');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-memory-'));
  const baseline = heapMb();
  const store = await CaptureStore.open({ folder, retention: count * 2 });
  // The captures view asks for duplicates as soon as it shows: the duplicate index is part of the cost.
  store.duplicateOf('');
  const started = Date.now();
  for (let i = 0; i < count; i += 1000) {
    await Promise.all(Array.from({ length: Math.min(1000, count - i) }, (_, j) => store.append(delivery(i + j))));
  }
  const appendMs = Date.now() - started;
  const afterAppend = heapMb() - baseline;
  await store.close();
  const beforeReopen = heapMb();
  const reopenStarted = Date.now();
  const reopened = await CaptureStore.open({ folder, retention: count * 2 });
  reopened.duplicateOf('');
  const reopenMs = Date.now() - reopenStarted;
  const afterReopen = heapMb() - beforeReopen;
  const size = reopened.size;
  await reopened.close();
  fs.rmSync(folder, { recursive: true, force: true });
  console.log(`appended ${count} captures in ${appendMs} ms; reopened ${size} in ${reopenMs} ms`);
  console.log(`store-memory: ${count} captures, heap growth ${afterAppend.toFixed(1)} MB after appending, ${afterReopen.toFixed(1)} MB after reopening (target <= 100 MB), ${((afterReopen * 1024 * 1024) / count).toFixed(0)} bytes per capture`);
}

void main();
