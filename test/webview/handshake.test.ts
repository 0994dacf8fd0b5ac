import * as assert from 'node:assert/strict';
import type { PayloadViewPage } from '../support/payloadViewPage';
import { captureView } from './captures';
import { openPayloadView } from './rootHooks';

describe('payload view: messages', () => {
  let view: PayloadViewPage;
  beforeEach(async () => {
    view = await openPayloadView();
  });
  afterEach(async () => {
    await view.close();
  });

  it('posts ready once on load and nothing else', async () => {
    assert.deepEqual(await view.posted(), [{ type: 'ready' }]);
    assert.equal(await view.page.evaluate('window.__state'), undefined);
  });

  it('renders a showCapture and saves the capture and how it is shown as state', async () => {
    await view.post({ type: 'showCapture', capture: captureView() });
    await view.page.locator('.payload-view[data-capture-id="cap_0001"]').waitFor();
    assert.deepEqual(await view.page.evaluate('window.__state'), {
      captureId: 'cap_0001',
      capture: captureView(),
      ui: { tab: 'body', search: '', searchIndex: 0, scrollTop: 0, expanded: [['data']] },
    });
    assert.deepEqual(await view.cspViolations(), []);
  });

  it('ignores invalid messages, reports each, and keeps what is shown', async () => {
    await view.post({ type: 'showCapture', capture: captureView() });
    await view.page.locator('.payload-view').waitFor();
    await view.post({ type: 'showCapture', capture: { id: 'cap_x', method: 'POST' } });
    await view.post({ type: 'deleteEverything' });
    await view.post('showCapture');
    await view.post({ type: 'updateSignature', captureId: 'cap_0001', signature: { status: 'forged', detail: 'x' } });
    await view.waitForPosted('error', 4);
    const errors = (await view.posted()).filter((m) => m.type === 'error');
    assert.ok(errors.every((m) => typeof m.message === 'string' && /invalid message/.test(m.message)), JSON.stringify(errors));
    assert.equal(await view.page.locator('.payload-view').getAttribute('data-capture-id'), 'cap_0001');
    assert.equal(await view.page.locator('.signature-badge').getAttribute('data-status'), 'valid');
    assert.equal((await view.page.evaluate<{ captureId: string }>('window.__state')).captureId, 'cap_0001');
  });

  it('updateSignature replaces the badge of the shown capture only', async () => {
    await view.post({ type: 'showCapture', capture: captureView({ signature: { status: 'no-secret', provider: 'stripe', providerName: 'Stripe', detail: 'Signed by Stripe, but no signing secret is set.' } }) });
    await view.page.locator('.signature-badge[data-status="no-secret"]').waitFor();
    await view.post({ type: 'updateSignature', captureId: 'cap_9999', signature: { status: 'invalid', detail: 'Other capture.' } });
    await view.post({ type: 'updateSignature', captureId: 'cap_0001', signature: { status: 'valid', provider: 'stripe', detail: 'Now it matches.' } });
    await view.page.locator('.signature-badge[data-status="valid"]').waitFor();
    assert.equal(await view.page.locator('.badge-detail').textContent(), 'Now it matches.');
    assert.equal(await view.page.locator('.set-secret').count(), 0);
    assert.equal(await view.page.locator('.json-tree').count(), 1, 'the body stays');
  });
});
