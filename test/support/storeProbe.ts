// Opens a capture folder in a process of its own and prints, as JSON, what the store made of it:
// its health, every capture's body, and whether an append was taken. The store tests run it as an
// unprivileged user when they run as root, for whom file modes do not stop writes.
//   node out/test/support/storeProbe.js <folder>
import { CaptureStore } from '../../src/core';
import type { StoreHealth } from '../../src/core';

export interface StoreProbeResult {
  health: StoreHealth;
  bodies: Record<string, string>;
  appendError?: string;
}

async function main(): Promise<void> {
  const store = await CaptureStore.open({ folder: process.argv[2], retention: 100_000 });
  const bodies: Record<string, string> = {};
  for (const summary of store.list()) bodies[summary.id] = Buffer.from((await store.readBody(summary.id))!).toString();
  const result: StoreProbeResult = { health: store.health, bodies };
  try {
    await store.append({
      method: 'POST', url: '/probe', httpVersion: '1.1', rawHeaders: [], remoteAddress: '127.0.0.1', receivedAt: Date.now(), readMs: 0,
      truncated: false, responseStatus: 200, body: Buffer.from('probe'),
    });
  } catch (error) {
    result.appendError = error instanceof Error ? error.message : String(error);
  }
  await store.close();
  process.stdout.write(JSON.stringify(result));
}

if (require.main === module) void main();
