import type { FrameworkTemplate } from './frameworkTemplate';
import { fileStem } from './identifiers';
import { RUN_WITH_SET_IMMEDIATE } from './schedule';
import { code } from './sourceText';

export const nodeHttpTemplate: FrameworkTemplate = {
  displayName: 'node:http',
  dependencies: [],
  imports: () => ["import { createServer } from 'node:http';", "import type { Server } from 'node:http';"],
  fileName: (_spec, provider) => `${fileStem(provider)}.ts`,
  exportsInternals: true,
  usage: () =>
    'Start it with `createWebhookServer().listen(3000)`.',
  adapter: ({ answersText }) => code`
    export function createWebhookServer(): Server {
      return createServer((req, res) => {
        const url = req.url ?? '/';
        if (url.split('?')[0] !== ROUTE_PATH) {
          res.writeHead(404).end();
          return;
        }
        if (req.method !== 'POST') {
          res.writeHead(405, { allow: 'POST' }).end();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (chunk: Buffer) => {
          size += chunk.length;
          // Past the limit the rest is read and dropped, so the client still gets its 413.
          if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        req.on('error', (error) => {
          console.error('Webhook request failed:', error);
          res.destroy();
        });
        req.on('end', () => {
          if (size > MAX_BODY_BYTES) {
            res.writeHead(413).end();
            return;
          }
          const reception = receiveDelivery({
            method: req.method ?? 'POST',
            url,
            rawBody: Buffer.concat(chunks),
            header: (name) => firstHeader(req.headers[name.toLowerCase()]),
          });
          ${answersText ? `if (reception.text) {
            res.writeHead(reception.status, { 'content-type': reception.text.contentType });
            res.end(reception.text.content);
          } else ` : ''}if (reception.body === undefined) {
            res.writeHead(reception.status).end();
          } else {
            res.writeHead(reception.status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(reception.body));
          }
          if (reception.work) runAfterResponse(reception.work);
        });
      });
    }`,
  runAfterResponse: () => RUN_WITH_SET_IMMEDIATE,
};
