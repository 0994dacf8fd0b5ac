import type { FrameworkTemplate } from './frameworkTemplate';
import { fileStem } from './identifiers';
import { code } from './sourceText';

export const honoTemplate: FrameworkTemplate = {
  displayName: 'Hono',
  dependencies: ['@hono/node-server', 'hono'],
  imports: () => [
    "import { serve } from '@hono/node-server';",
    "import type { ServerType } from '@hono/node-server';",
    "import { Hono } from 'hono';",
    "import { bodyLimit } from 'hono/body-limit';",
  ],
  fileName: (_spec, provider) => `${fileStem(provider)}.ts`,
  exportsInternals: true,
  usage: () =>
    "Start it with `startServer(3000)` on Node.js, or mount it in your own Hono app with `yourApp.route('/', app)`.",
  adapter: ({ answersText }) => code`
    export const app = new Hono();

    app.post(ROUTE_PATH, bodyLimit({ maxSize: MAX_BODY_BYTES }), async (c) => {
      const url = new URL(c.req.url);
      const reception = receiveDelivery({
        method: c.req.method,
        url: url.pathname + url.search,
        rawBody: Buffer.from(await c.req.arrayBuffer()),
        header: (name) => c.req.header(name),
      });
      if (reception.work) runAfterResponse(reception.work);
      c.status(reception.status);
      ${answersText ? `if (reception.text) {
        c.header('content-type', reception.text.contentType);
        return c.body(reception.text.content);
      }
      ` : ''}return reception.body === undefined ? c.body(null) : c.json(reception.body);
    });

    /** Serves \`app\` on Node.js. */
    export function startServer(port = 3000, hostname?: string): ServerType {
      return serve({ fetch: app.fetch, port, ...(hostname === undefined ? {} : { hostname }) });
    }`,
  runAfterResponse: () => code`
    /**
     * Runs a delivery's handler after the answer: @hono/node-server writes the returned Response before
     * setImmediate callbacks run. The sender already has its 2xx and will not retry, so a failure is
     * only logged: queue the delivery somewhere durable if it must not be lost. (On Cloudflare Workers,
     * pass the promise to \`c.executionCtx.waitUntil\` instead.)
     */
    function runAfterResponse(work: () => Promise<void>): void {
      setImmediate(() => {
        work().catch((error: unknown) => console.error('Webhook handler failed:', error));
      });
    }`,
};
