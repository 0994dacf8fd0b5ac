import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  rawHeaders: string[];
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RecordingTarget {
  url: string;
  port: number;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export type TargetAnswer = (req: ReceivedRequest) => { status: number; headers?: Record<string, string>; body?: string | Buffer } | Promise<{ status: number; headers?: Record<string, string>; body?: string | Buffer }>;

/** A real HTTP server on loopback that records every request byte-exact and answers as told. */
export async function startRecordingTarget(answer: TargetAnswer = () => ({ status: 204 })): Promise<RecordingTarget> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, headers: req.headers, body: Buffer.concat(chunks) };
      received.push(request);
      Promise.resolve()
        .then(() => answer(request))
        .then(
          (reply) => {
            res.writeHead(reply.status, reply.headers);
            res.end(reply.body);
          },
          // A test's answer that throws is a broken test: say so to the sender instead of hanging it.
          (error: unknown) => res.writeHead(500).end(String(error)),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A loopback port nothing listens on: bound once, then closed. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function namesOf(rawHeaders: readonly string[]): string[] {
  return rawHeaders.filter((_, i) => i % 2 === 0);
}
