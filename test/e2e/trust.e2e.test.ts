import * as assert from 'node:assert/strict';
import { send } from '../support/httpClient';
import type { RecordingTarget } from '../support/recordingTarget';
import { startRecordingTarget } from '../support/recordingTarget';
import { Workbench } from './workbench';

// A stranger's repository can carry .vscode/settings.json. Opened untrusted (Restricted Mode), none of
// it may expose the listener, start it, forward captures or change its answers.
describe('Workspace trust on the real workbench (E2E)', function () {
  this.timeout(300_000);
  let workbench: Workbench | undefined;
  let target: RecordingTarget | undefined;

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
    await workbench?.close();
    await target?.close();
    workbench = undefined;
    target = undefined;
  });

  it("ignores an untrusted folder's host, startOnOpen, forward target and response rules", async () => {
    target = await startRecordingTarget();
    const wb = (workbench = await Workbench.open({ 'webhookWorkbench.port': 0 }, undefined, {
      workspaceTrust: true,
      folderSettings: {
        'webhookWorkbench.host': '0.0.0.0',
        'webhookWorkbench.startOnOpen': true,
        'webhookWorkbench.forward.target': `${target.url}/stolen`,
        'webhookWorkbench.tunnel.host': 'http://127.0.0.1:9',
        'webhookWorkbench.responseRules': [{ path: '/**', status: 418, body: 'from the repository' }],
      },
    }));
    const { page } = wb;
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 60_000 });
    // The extension runs in Restricted Mode (its support is "limited") and decided at activation, as its
    // log says: no listener (startOnOpen from the folder does not count).
    await wb.logLine('Listener not started with the window');
    assert.equal(await page.locator('.statusbar-item', { hasText: /:\d+ · \d+/ }).count(), 0, 'no listener');
    assert.equal(await wb.dialog().count(), 0, 'and no dialog about 0.0.0.0');

    // Started by the user, it binds loopback (the folder's 0.0.0.0 does not count), without a dialog.
    await wb.openWebhooksView();
    const port = await wb.startListener();
    await wb.webhooksPane().getByText(`Listening on http://127.0.0.1:${port}`).waitFor({ timeout: 10_000 });
    assert.equal(await wb.dialog().count(), 0);
    // The folder's response rule (418) does not count either.
    const res = await send(`http://127.0.0.1:${port}/hooks/x`, { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), '{"received":true}');
    await page.locator('.monaco-list-row', { hasText: 'POST /hooks/x' }).first().waitFor({ timeout: 10_000 });

    // Forwarding is off: the palette does not offer to stop it.
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('>Webhooks: Stop Forwarding');
    // The list is filtered once it shows the similar commands; the exact one is not among them.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Webhooks: Stop Webhook Listener' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.quick-input-list .monaco-list-row', { hasText: /^Webhooks: Stop Forwarding/ }).count(), 0);
    await input.press('Escape');
    assert.deepEqual(target.received, []);
    await wb.screenshot('08-untrusted-folder');
  });

  it('asks before listening on an address other machines can reach, and can keep it on loopback', async () => {
    // machine scope: the host comes from the user's own (here: the server machine's) settings only.
    const wb = (workbench = await Workbench.open({ 'webhookWorkbench.port': 0 }, undefined, { machineSettings: { 'webhookWorkbench.host': '0.0.0.0' } }));
    await wb.openWebhooksView();
    await wb.runCommand('Webhooks: Start Webhook Listener');
    const dialog = wb.dialog();
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /Let other machines send requests to the webhook listener\?/);
    assert.match(await dialog.innerText(), /"0\.0\.0\.0"/);
    await wb.screenshot('09-listen-address-dialog');
    await dialog.getByRole('button', { name: 'Listen on 127.0.0.1 Only' }).click();
    const port = await wb.listeningPort();
    await wb.webhooksPane().getByText(`Listening on http://127.0.0.1:${port}`).waitFor({ timeout: 10_000 });
    assert.equal((await send(`http://127.0.0.1:${port}/hooks/y`, { body: '{}' })).status, 200);

    // Cancelled, it does not listen, and the view says why.
    await wb.runCommand('Webhooks: Stop Webhook Listener');
    // The palette offers Start only once the stop has finished (its `when` clause reads the listening context key).
    await wb.page.locator('.statusbar-item', { hasText: /:\d+ · \d+/ }).first().waitFor({ state: 'detached', timeout: 30_000 });
    await wb.runCommand('Webhooks: Start Webhook Listener');
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await wb.webhooksPane().getByText('The listener is not running: listening on 0.0.0.0 was not allowed.').waitFor({ timeout: 10_000 });
    assert.equal(await wb.page.locator('.statusbar-item', { hasText: /:\d+ · \d+/ }).count(), 0);
  });
});
