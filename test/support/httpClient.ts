import * as http from 'node:http';
import * as net from 'node:net';

export interface SentResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request over real HTTP; `agent` lets callers share keep-alive sockets. */
export function send(
  url: string,
  options: { method?: string; headers?: http.OutgoingHttpHeaders; body?: Uint8Array | string; agent?: http.Agent } = {},
): Promise<SentResponse> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] ??= Buffer.byteLength(options.body);
    const req = http.request(url, { method: options.method ?? 'POST', headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Writes raw bytes on a TCP socket and collects whatever comes back until the server closes it. */
export function rawExchange(port: number, chunks: Array<string | Buffer>, pauseMs = 0): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (d) => received.push(d));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text: Buffer.concat(received).toString('latin1'), closedAfterMs: Date.now() - started }));
    const writeAll = async () => {
      for (const chunk of chunks) {
        socket.write(chunk);
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
    };
    socket.on('connect', () => {
      writeAll().catch(reject);
    });
  });
}
