import type { FrameworkTemplate } from './frameworkTemplate';
import type { HandlerSpec } from './handlerSpec';
import { code } from './sourceText';

/** `after()` became a stable export of `next/server` in Next.js 15.1; an unknown version is assumed newer. */
export function nextHasAfter(version: string | undefined): boolean {
  const match = /^\D*(\d+)\.(\d+)/.exec(version ?? '');
  if (!match) return true;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 15 || (major === 15 && minor >= 1);
}

function routeFile(spec: HandlerSpec): string {
  const segments = spec.routePath.split('/').filter(Boolean);
  return ['app', ...segments, 'route.ts'].join('/');
}

export const nextjsTemplate: FrameworkTemplate = {
  displayName: 'Next.js (App Router)',
  dependencies: ['next'],
  imports: (spec) => (nextHasAfter(spec.frameworkVersion) ? ["import { after } from 'next/server';"] : []),
  fileName: (spec) => routeFile(spec),
  exportsInternals: false,
  usage: (spec) => `Place it at \`${routeFile(spec)}\` (or under \`src/\`) so Next.js serves it at ${spec.routePath}.`,
  adapter: ({ answersText }) => code`
    // node:crypto and Buffer need the Node.js runtime, not Edge.
    export const runtime = 'nodejs';

    export async function POST(request: Request): Promise<Response> {
      const url = new URL(request.url);
      const reception = receiveDelivery({
        method: request.method,
        url: url.pathname + url.search,
        rawBody: Buffer.from(await request.arrayBuffer()),
        header: (name) => request.headers.get(name) ?? undefined,
      });
      if (reception.work) runAfterResponse(reception.work);
      ${answersText ? `if (reception.text) {
        const headers = { 'content-type': reception.text.contentType };
        return new Response(reception.text.content, { status: reception.status, headers });
      }
      ` : ''}return reception.body === undefined
        ? new Response(null, { status: reception.status })
        : Response.json(reception.body, { status: reception.status });
    }`,
  runAfterResponse: (spec) =>
    nextHasAfter(spec.frameworkVersion)
      ? code`
        /**
         * Runs a delivery's handler after the response has been sent; \`after()\` keeps a serverless
         * function alive until it settles. The sender already has its 2xx and will not retry, so a
         * failure is only logged: queue the delivery somewhere durable if it must not be lost.
         */
        function runAfterResponse(work: () => Promise<void>): void {
          after(() => work().catch((error: unknown) => console.error('Webhook handler failed:', error)));
        }`
      : code`
        /**
         * Runs a delivery's handler without holding up the response. This Next.js predates \`after()\`
         * (15.1), so the promise is fire-and-forget: with \`next start\` it completes, but a serverless
         * platform may freeze the function once the response is sent. Upgrade, or hand the delivery to
         * a queue. A failure is only logged, since the sender already has its 2xx and will not retry.
         */
        function runAfterResponse(work: () => Promise<void>): void {
          void work().catch((error: unknown) => console.error('Webhook handler failed:', error));
        }`,
};
