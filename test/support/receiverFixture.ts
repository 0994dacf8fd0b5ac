import { CaptureStore, DEFAULT_RESPONSE, WebhookReceiver } from '../../src/core';
import type { Logger, ReceiverOptions } from '../../src/core';
import { useTempFolder } from './tempFolder';

export interface ReceiverFixture {
  /** Opens a store in a fresh temp folder and starts a receiver on a free loopback port; returns its base URL. */
  start(options?: Partial<ReceiverOptions>, logger?: Logger): Promise<string>;
  store(): CaptureStore;
  receiver(): WebhookReceiver;
  /** Stops the receiver, closes the store and opens it again from disk. */
  reopenStore(): Promise<CaptureStore>;
}

/** A real receiver over a real store for the current mocha suite, stopped after each test. */
export function useReceiver(): ReceiverFixture {
  let store: CaptureStore | undefined;
  let receiver: WebhookReceiver | undefined;
  // Registered before the temp folder's hook, so the store is closed before its folder is removed.
  afterEach(async () => {
    await receiver?.close();
    await store?.close();
    receiver = undefined;
    store = undefined;
  });
  const folder = useTempFolder();
  return {
    async start(options = {}, logger) {
      store = await CaptureStore.open({ folder: folder(), retention: 10_000 });
      receiver = new WebhookReceiver(store, { host: '127.0.0.1', port: 0, maxBodyBytes: 1024 * 1024, response: DEFAULT_RESPONSE, ...options }, logger);
      return (await receiver.listen()).url;
    },
    store: () => store!,
    receiver: () => receiver!,
    async reopenStore() {
      await receiver?.close();
      receiver = undefined;
      await store?.close();
      store = await CaptureStore.open({ folder: folder(), retention: 10_000 });
      return store;
    },
  };
}
