// The floor for bench/receiver: the least work a server can do and still answer only after each
// request is durably appended. Every request that completed in one turn of the event loop gets a
// JSON line (method, URL, headers, body length) and its body in a single write; then all of them are
// answered. No labels, no index, no events, no ids: what is left is the price of the rule itself.
import * as fs from 'node:fs';
import * as http from 'node:http';

interface Waiting {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  body: Buffer;
  receivedAt: number;
}

export function minimalDurableServer(log: number): http.Server {
  let waiting: Waiting[] = [];
  const flush = () => {
    const batch = waiting;
    waiting = [];
    const parts: Uint8Array[] = [];
    for (const { req, body, receivedAt } of batch) {
      const line = JSON.stringify({ at: receivedAt, m: req.method, u: req.url, v: req.httpVersion, h: req.rawHeaders, ra: req.socket.remoteAddress, len: body.length });
      parts.push(Buffer.from(line + '\n'), body);
    }
    fs.writevSync(log, parts);
    for (const { res } of batch) res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
  };
  return http.createServer((req, res) => {
    const receivedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (!waiting.length) setImmediate(flush);
      waiting.push({ req, res, receivedAt, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
    });
  });
}
