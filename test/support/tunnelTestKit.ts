import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PublicTunnel, TunnelState } from '../../src/core';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface TargetServer {
  readonly port: number;
  readonly received: ReceivedRequest[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

/** A real local HTTP server standing in for the webhook receiver. */
export async function startTargetServer(): Promise<TargetServer> {
  const received: ReceivedRequest[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ received: body.length }));
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Records every state a tunnel goes through and waits for the next one of a kind. */
export function recordStates(tunnel: PublicTunnel): { states: TunnelState[]; next(kind: TunnelState['kind'], timeoutMs?: number): Promise<TunnelState> } {
  const states: TunnelState[] = [];
  let waiters: Array<{ kind: TunnelState['kind']; resolve(state: TunnelState): void }> = [];
  tunnel.onDidChangeState((state) => {
    states.push(state);
    const matched = waiters.filter((w) => w.kind === state.kind);
    waiters = waiters.filter((w) => w.kind !== state.kind);
    for (const waiter of matched) waiter.resolve(state);
  });
  return {
    states,
    next: (kind, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no '${kind}' state within ${timeoutMs} ms; saw ${states.map((s) => s.kind).join(', ')}`)), timeoutMs);
        waiters.push({ kind, resolve: (state) => (clearTimeout(timer), resolve(state)) });
      }),
  };
}

/** Collects uncaught exceptions and unhandled rejections while a test runs, so it can assert there were none. */
export function watchEscapedErrors(): { errors: unknown[]; dispose(): void } {
  const errors: unknown[] = [];
  const listener = (error: unknown): void => {
    errors.push(error);
  };
  process.on('uncaughtException', listener);
  process.on('unhandledRejection', listener);
  return {
    errors,
    dispose: () => {
      process.off('uncaughtException', listener);
      process.off('unhandledRejection', listener);
    },
  };
}

/** Resolves once `condition()` holds, checking every few milliseconds; the test's timeout bounds the wait. */
export async function until(condition: () => boolean, everyMs = 10): Promise<void> {
  while (!condition()) await delay(everyMs);
}

/**
 * Runs `work` while sampling this process's resident memory, and reports the peak growth over
 * what it was before. Sampling stops while the event loop is blocked; the sample taken after
 * `work` still sees what it left behind.
 */
export async function measurePeakMemoryGrowth<T>(work: () => Promise<T>): Promise<{ result: T; peakGrowthBytes: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const sampler = setInterval(sample, 20);
  try {
    const result = await work();
    sample();
    return { result, peakGrowthBytes: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

export const MB = 1024 * 1024;

export const noKeepAlive = new http.Agent({ keepAlive: false });

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
