import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PublicTunnel, TunnelState } from '../../src/core';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A real local HTTP server standing in for the webhook receiver. */
export async function startTargetServer(): Promise<{ port: number; received: ReceivedRequest[]; close(): Promise<void> }> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ received: body.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
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

/** Collects uncaught exceptions while a test runs, so it can assert there were none. */
export function watchUncaughtExceptions(): { errors: Error[]; dispose(): void } {
  const errors: Error[] = [];
  const listener = (error: Error): void => {
    errors.push(error);
  };
  process.on('uncaughtException', listener);
  return { errors, dispose: () => process.off('uncaughtException', listener) };
}

export const noKeepAlive = new http.Agent({ keepAlive: false });

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
