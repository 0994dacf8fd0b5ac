import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { send } from '../support/httpClient';
import { Workbench } from './workbench';

/** Holds a loopback port as another program would; the OS picks which. */
async function squatPort(): Promise<{ port: number; release(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// Each test opens its own window, so none depends on what another left behind.
describe('Listener on the real workbench (E2E)', function () {
  this.timeout(300_000);
  let workbench: Workbench;
  let squatter: Awaited<ReturnType<typeof squatPort>> | undefined;

  beforeEach(async () => {
    // Port 0: whatever port the OS gives, never a fixed one another program may hold.
    workbench = await Workbench.open({ 'webhookWorkbench.port': 0 });
    await workbench.openWebhooksView();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
    await workbench?.close();
    await squatter?.release();
    squatter = undefined;
  });

  it('starts from the palette, shows its actual URL and a curl command in the view on any port, and badges deliveries', async () => {
    const { page } = workbench;
    await page.getByRole('button', { name: 'Start Webhook Listener' }).first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('01-stopped-welcome');

    const port = await workbench.startListener();
    assert.notEqual(port, 7878);
    const pane = workbench.webhooksPane();
    await pane.getByText(`Listening on http://127.0.0.1:${port}`).waitFor({ timeout: 10_000 });
    await pane.getByText(`curl -X POST 'http://127.0.0.1:${port}/webhooks/test'`).waitFor({ timeout: 10_000 });
    await workbench.screenshot('02-listening-empty');

    const res = await send(`http://127.0.0.1:${port}/e2e/stripe?live=1`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'evt_e2e', type: 'invoice.paid', data: { object: { amount_paid: 4200 } } }),
    });
    assert.equal(res.status, 200);
    const row = page.locator('.monaco-list-row', { hasText: 'POST /e2e/stripe?live=1' });
    await row.first().waitFor({ timeout: 10_000 });
    assert.match(await row.first().innerText(), /invoice\.paid/);
    await page.locator('.statusbar-item', { hasText: `:${port} · 1` }).first().waitFor({ timeout: 10_000 });
    // With captures, the URL stays in view (the curl example goes).
    await pane.getByText(`Listening on http://127.0.0.1:${port}`).waitFor();

    // An unsigned GitHub delivery (a webhook without a secret) still gets a badge: unsigned.
    await send(`http://127.0.0.1:${port}/e2e/github/unsigned`, {
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'e2e-unsigned-1' },
      body: JSON.stringify({ ref: 'refs/heads/main' }),
    });
    const unsigned = page.locator('.monaco-list-row', { hasText: 'POST /e2e/github/unsigned' }).filter({ hasText: 'unsigned ·' }).first();
    await unsigned.waitFor({ timeout: 10_000 });
    assert.equal(await unsigned.locator('.codicon-unverified').count(), 1, 'the unsigned badge icon');
    await workbench.screenshot('03-captures-in-tree');
  });

  it('listens again after Reload Window, on the same URL', async () => {
    const port = await workbench.startListener();
    await workbench.reloadWindow();
    assert.equal(await workbench.listeningPort(60_000), port, 'the status bar shows the same port again');
    assert.equal((await send(`http://127.0.0.1:${port}/e2e/after-reload`, { body: '{}' })).status, 200);
    await workbench.openWebhooksView();
    await workbench.page.locator('.monaco-list-row', { hasText: 'POST /e2e/after-reload' }).first().waitFor({ timeout: 10_000 });
    await workbench.webhooksPane().getByText(`Listening on http://127.0.0.1:${port}`).waitFor({ timeout: 10_000 });
  });

  it('keeps its address when a port change fails; after a reload with the port taken, says so with actions', async () => {
    const port = await workbench.startListener();
    squatter = await squatPort();
    const busy = squatter.port;
    await workbench.setUserSetting('webhookWorkbench.port', busy);
    await workbench.notification(`Could not move the webhook listener to 127.0.0.1:${busy}: the port is in use by another program. It is still listening on http://127.0.0.1:${port}.`);
    assert.equal((await send(`http://127.0.0.1:${port}/e2e/after-failed-move`, { body: '{}' })).status, 200);
    assert.equal(await workbench.listeningPort(), port);
    await workbench.screenshot('04-failed-port-change');

    // The port setting names the squatted port, and the listener was running: the new window tries it.
    await workbench.reloadWindow();
    const message = `could not start again on 127.0.0.1:${busy}`;
    await workbench.notification(message, 60_000);
    await workbench.openWebhooksView();
    // The view says so too (its message, as it has captures; empty, its welcome content would).
    await workbench.webhooksPane().getByText(`The listener is not running: 127.0.0.1:${busy}: the port is in use by another program.`).waitFor({ timeout: 10_000 });
    await workbench.screenshot('05-reload-port-taken');
    await workbench.clickNotificationAction(message, 'Listen on a Free Port');
    const free = await workbench.listeningPort();
    assert.notEqual(free, busy);
    assert.equal((await send(`http://127.0.0.1:${free}/e2e/free-port`, { body: '{}' })).status, 200);
    await workbench.webhooksPane().getByText(`Listening on http://127.0.0.1:${free}`).waitFor({ timeout: 10_000 });
  });
});
