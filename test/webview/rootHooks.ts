// One Chromium and one static server for the whole webview suite, closed after it.
import { PayloadViewHost } from '../support/payloadViewPage';
import type { PayloadViewPage } from '../support/payloadViewPage';
import { captureView } from './captures';

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

export async function openPayloadView(options?: { savedState?: unknown }): Promise<PayloadViewPage> {
  return (await payloadViewHost()).open(options);
}

/** Before each test, a payload view showing the default JSON capture, handed to `use`; closed after it. */
export function useJsonCaptureView(use: (view: PayloadViewPage) => void): void {
  let view: PayloadViewPage;
  beforeEach(async () => {
    view = await openPayloadView();
    await view.post({ type: 'showCapture', capture: captureView() });
    await view.page.locator('.json-tree').waitFor();
    use(view);
  });
  afterEach(async () => {
    await view.close();
  });
}
