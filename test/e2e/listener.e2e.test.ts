import * as assert from 'node:assert/strict';
import { send } from '../support/httpClient';
import { Workbench } from './workbench';

describe('Webhook Workbench on the real workbench (E2E)', function () {
  this.timeout(180_000);
  let workbench: Workbench;

  before(async () => {
    // Default settings, as a new user has them: the fixed default port 7878.
    workbench = await Workbench.open();
  });

  after(async () => {
    await workbench?.close();
  });

  it('starts the listener from the palette and shows a delivery in the Webhooks sidebar', async () => {
    const { page } = workbench;
    await page.locator('.part.activitybar [aria-label^="Webhooks"]').first().click({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Start Webhook Listener' }).first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('01-stopped-welcome');

    await workbench.runCommand('Webhooks: Start Webhook Listener');
    const status = page.locator('.statusbar-item', { hasText: /:\d+ · \d+/ }).first();
    await status.waitFor({ timeout: 30_000 });
    const port = Number(/:(\d+) ·/.exec(await status.innerText())![1]);
    assert.ok(port > 0, 'the status bar shows the port');
    assert.equal(port, 7878, 'the default port');
    await page.getByText('Copy curl Example').first().waitFor({ timeout: 10_000 });
    await page.getByText("curl -X POST 'http://127.0.0.1:7878/webhooks/test'").first().waitFor({ timeout: 10_000 });
    await workbench.screenshot('02-listening-empty');

    const res = await send(`http://127.0.0.1:${port}/e2e/stripe?live=1`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'evt_e2e', type: 'invoice.paid', data: { object: { amount_paid: 4200 } } }),
    });
    assert.equal(res.status, 200);

    const row = page.locator('.monaco-list-row', { hasText: 'POST /e2e/stripe?live=1' });
    await row.first().waitFor({ timeout: 10_000 });
    assert.match(await row.first().innerText(), /invoice\.paid/);
    await page.locator('.monaco-list-row', { hasText: '/e2e/stripe' }).first().waitFor();
    await page.locator('.statusbar-item', { hasText: `:${port} · 1` }).first().waitFor({ timeout: 10_000 });
    const file = await workbench.screenshot('03-capture-in-tree');
    assert.ok(file.endsWith('.png'));
  });
});
