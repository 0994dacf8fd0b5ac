import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startRecordingTarget, type RecordingTarget } from '../support/recordingTarget';
import { Workbench } from './workbench';

const SECRET = 'e2e-test-event-secret';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const paths = require('../../../test/harness/paths.js') as { repo: string };

describe('Send Test Event from the packaged extension (E2E)', function () {
  this.timeout(300_000);
  let workbench: Workbench;
  let app: RecordingTarget;
  let scratch: string;

  before(async () => {
    // Packed as users get it: the sample events must be in the VSIX for the picker to list them.
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-e2e-vsix-'));
    const vsix = path.join(scratch, 'webhook-workbench.vsix');
    execFileSync(process.execPath, [path.join(paths.repo, 'test', 'harness', 'packageVsix.js'), '--out', vsix], { stdio: 'ignore' });
    app = await startRecordingTarget((req) => {
      const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(req.body).digest('hex')}`);
      const given = Buffer.from(String(req.headers['x-hub-signature-256'] ?? ''));
      const ok = given.length === expected.length && timingSafeEqual(given, expected);
      return { status: ok ? 202 : 401, body: ok ? 'queued' : 'bad signature' };
    });
    workbench = await Workbench.open({}, undefined, { vsix });
  });

  after(async () => {
    await workbench?.close();
    await app?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('picks a GitHub sample event, signs it with the stored secret and sends it to the app', async () => {
    const { page } = workbench;
    await workbench.openWebhooksView();
    await page.getByRole('button', { name: 'Start Webhook Listener' }).first().waitFor({ timeout: 60_000 });
    await workbench.runCommand('Webhooks: Set Signing Secret…');
    await workbench.pick('GitHub');
    await page.locator('.quick-input-widget', { hasText: 'Set Signing Secret (3/3)' }).waitFor();
    await workbench.answer(SECRET);
    await page.locator('.statusbar-item', { hasText: 'Signing secret saved for GitHub' }).first().waitFor({ timeout: 30_000 });

    await workbench.runCommand('Webhooks: Send Test Event…');
    await workbench.pick('GitHub');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'pull_request.opened' }).first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('23-send-test-event-samples');
    await workbench.pick('push');
    await workbench.pick('Send as it is');
    await workbench.pick('A fresh delivery id');
    // No forward target and no listener running: the URL is asked for at once.
    await page.locator('.quick-input-widget', { hasText: 'The URL of your webhook handler' }).waitFor();
    await workbench.answer(`${app.url}/webhooks/github`);

    await page.getByText(/Test event GitHub push \([0-9a-f-]{36}\) → 202 · \d+ ms\. GitHub counts 202/).first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('24-send-test-event-answer');
    assert.equal(app.received.length, 1);
    const [received] = app.received;
    assert.equal(received.headers['x-github-event'], 'push');
    assert.match(String(received.headers['user-agent']), /^GitHub-Hookshot\//);
    assert.equal(JSON.parse(received.body.toString()).ref, 'refs/heads/main');
    // Recorded like a forward result: the test event is a capture with the app's answer.
    await page.locator('.monaco-list-row', { hasText: 'POST /webhooks/github' }).first().waitFor({ timeout: 10_000 });
    assert.match(await page.locator('.monaco-list-row', { hasText: 'POST /webhooks/github' }).first().innerText(), /push[\s\S]*→ 202/);
  });
});
