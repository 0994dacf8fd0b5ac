import * as assert from 'node:assert/strict';
import { send } from '../support/httpClient';
import { LocaltunnelServer } from '../support/localtunnelServer';
import { Workbench } from './workbench';

describe('Public tunnel on the real workbench (E2E)', function () {
  this.timeout(240_000);
  let workbench: Workbench;
  let tunnelServer: LocaltunnelServer;

  before(async () => {
    tunnelServer = await LocaltunnelServer.start();
    workbench = await Workbench.open({ 'webhookWorkbench.port': 0, 'webhookWorkbench.tunnel.host': tunnelServer.url, 'webhookWorkbench.startOnOpen': true });
    await workbench.openWebhooksView();
  });

  after(async () => {
    await workbench?.close();
    await tunnelServer?.close();
  });

  it('starts the listener on its own when startOnOpen is set', async () => {
    await workbench.page.locator('.statusbar-item', { hasText: /:\d+ · 0/ }).first().waitFor({ timeout: 30_000 });
  });

  it('shows the public URL in the status bar, and a delivery through it lands in the tree', async () => {
    const { page } = workbench;
    await workbench.runCommand('Webhooks: Start Public Tunnel');
    const status = page.locator('.statusbar-item', { hasText: /127\.0\.0\.1:\d+/ }).filter({ has: page.locator('.codicon-globe') }).first();
    await status.waitFor({ timeout: 30_000 });
    const host = /127\.0\.0\.1:\d+/.exec(await status.innerText())![0];
    await workbench.screenshot('07-tunnel-status-bar');
    const res = await send(`http://${host}/through/the/tunnel`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'tunnel.test' }) });
    assert.equal(res.status, 200);
    await page.locator('.monaco-list-row', { hasText: 'POST /through/the/tunnel' }).first().waitFor({ timeout: 15_000 });
    await workbench.screenshot('08-tunnel-capture');
  });
});
