import * as assert from 'node:assert/strict';
import { send } from '../support/httpClient';
import { Workbench } from './workbench';

const LISTENER_ITEM = /(Webhooks|:\d+) · \d+/;

describe('Activation in a window that never used webhooks (E2E)', function () {
  this.timeout(300_000);
  let workbench: Workbench | undefined;

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.screenshot('failed-activation').catch(() => undefined);
    await workbench?.close();
    workbench = undefined;
  });

  it('shows nothing in the status bar until the listener starts, and keeps it only while it runs or captures exist', async () => {
    const wb = (workbench = await Workbench.open({ 'webhookWorkbench.port': 0 }));
    const { page } = wb;
    // Activated (its log has the activation line) without the Webhooks view ever shown.
    await wb.logLine('Listener not started with the window');
    assert.equal(await page.locator('.statusbar-item', { hasText: LISTENER_ITEM }).count(), 0, 'no listener item after activation');
    await wb.screenshot('10-activated-unused');

    // The palette's Start is the first thing that needs the capture store.
    const port = await wb.startListener();
    await wb.logLine('Opening the capture store (command webhookWorkbench.startListener)');

    // Stopped with no captures: the item goes again.
    await wb.runCommand('Webhooks: Stop Webhook Listener');
    await page.locator('.statusbar-item', { hasText: `:${port} · 0` }).first().waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await page.locator('.statusbar-item', { hasText: LISTENER_ITEM }).count(), 0, 'no item while stopped without captures');

    // With a capture it stays, stopped, with the count.
    const again = await wb.startListener();
    assert.equal((await send(`http://127.0.0.1:${again}/hooks/one`, { body: '{}' })).status, 200);
    await page.locator('.statusbar-item', { hasText: `:${again} · 1` }).first().waitFor({ timeout: 30_000 });
    await wb.runCommand('Webhooks: Stop Webhook Listener');
    await page.locator('.statusbar-item', { hasText: 'Webhooks · 1' }).first().waitFor({ timeout: 30_000 });
  });
});
