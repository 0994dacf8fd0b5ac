// Child-process entry: serves one endpoint on 127.0.0.1 and a free port, and reports the port to
// its parent. A separate process, so an endpoint that blocks its event loop blocks only itself.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReferenceHandler, type ReferenceHandlerConfig } from './referenceHandler';

export type EndpointSpec =
  | { kind: 'reference'; config: ReferenceHandlerConfig }
  /** A generated handler module (CommonJS) exporting createWebhookServer(). */
  | { kind: 'generated'; module: string };

function serverFor(spec: EndpointSpec): Server {
  if (spec.kind === 'reference') return createReferenceHandler(spec.config);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const generated = require(spec.module) as { createWebhookServer(): Server };
  return generated.createWebhookServer();
}

const spec = JSON.parse(process.env.ENDPOINT_SPEC ?? '{}') as EndpointSpec;
const server = serverFor(spec);
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
