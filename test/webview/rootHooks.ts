// One Chromium and one static server for the whole webview suite, closed after it.
import { PayloadViewHost } from '../support/payloadViewPage';

let host: Promise<PayloadViewHost> | undefined;

export function payloadViewHost(): Promise<PayloadViewHost> {
  host ??= PayloadViewHost.start();
  return host;
}

export const mochaHooks = {
  async afterAll(): Promise<void> {
    if (host) await (await host).stop();
  },
};

export async function openPayloadView(): Promise<import('../support/payloadViewPage').PayloadViewPage> {
  return (await payloadViewHost()).open();
}
