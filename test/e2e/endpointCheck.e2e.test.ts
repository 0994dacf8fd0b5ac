/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import * as assert from 'node:assert/strict';
import { startEndpoint, type RunningEndpoint } from '../support/endpoints/startEndpoint';
import { Workbench } from './workbench';

const SECRET = 'e2e-endpoint-check-secret';

describe('Endpoint check in the Testing view (E2E)', function () {
  this.timeout(300_000);
  let workbench: Workbench;
  let good: RunningEndpoint;
  let broken: RunningEndpoint;

  before(async () => {
    // Two real handlers on loopback, each in its own process: one correct, one without a signature check.
    good = await startEndpoint({ kind: 'reference', config: { provider: 'github', secret: SECRET, maxBodyBytes: 65536, flaws: [] } });
    broken = await startEndpoint({ kind: 'reference', config: { provider: 'github', secret: SECRET, maxBodyBytes: 65536, flaws: ['no-signature-check'] } });
    const endpoints = [
      { name: 'Good GitHub handler', url: `${good.origin}/webhooks/github`, provider: 'github', maxBodyBytes: 65536 },
      { name: 'GitHub handler without a signature check', url: `${broken.origin}/webhooks/github`, provider: 'github', maxBodyBytes: 65536 },
    ];
    workbench = await Workbench.open({}, undefined, { folderSettings: { 'webhookWorkbench.endpointCheck.endpoints': endpoints } });
  });

  after(async () => {
    await workbench?.close();
    await good?.close();
    await broken?.close();
  });

  const row = (text: string) => workbench.page.locator('.monaco-list-row', { hasText: text }).first();
  /** Waits until the row's accessible label reports this result ("Passed", "Failed", "Skipped"). */
  const result = async (text: string, state: string) => {
    try {
      await workbench.page.waitForFunction(
        ([t, s]) => [...document.querySelectorAll('.monaco-list-row')].some((r) => (r as HTMLElement).innerText.includes(t) && (r.getAttribute('aria-label') ?? '').includes(`(${s})`)),
        [text, state] as const,
        { timeout: 60_000 },
      );
    } catch (error) {
      await workbench.screenshot('29-endpoint-check-waiting');
      const rows = await workbench.page.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      throw new Error(`${text} never showed (${state}); rows: ${rows.join(' | ')}: ${String(error)}`, { cause: error });
    }
  };

  it('runs the check from the Testing view: the correct handler passes, the broken one fails its practice with expected and actual', async () => {
    const { page } = workbench;
    await workbench.openWebhooksView();
    await page.getByRole('button', { name: 'Start Webhook Listener' }).first().waitFor({ timeout: 60_000 });
    await workbench.runCommand('Webhooks: Set Signing Secret…');
    await workbench.pick('GitHub');
    await page.locator('.quick-input-widget', { hasText: 'Set Signing Secret (3/3)' }).waitFor();
    await workbench.answer(SECRET);
    await page.locator('.statusbar-item', { hasText: 'Signing secret saved for GitHub' }).first().waitFor({ timeout: 30_000 });

    await workbench.runCommand('Testing: Focus on Test Explorer View');
    await row('Good GitHub handler').waitFor({ timeout: 60_000 });
    await row('GitHub handler without a signature check').waitFor();
    await workbench.screenshot('20-endpoint-check-items');
    await workbench.runCommand('Test: Run All Tests');

    await result('Good GitHub handler', 'Passed');
    await result('GitHub handler without a signature check', 'Failed');
    await row('GitHub handler without a signature check').click();
    await page.keyboard.press('ArrowRight');
    await result('2. Refuses bad signatures', 'Failed');
    const states = await page.locator('.part.sidebar .monaco-list-row').evaluateAll((rows) =>
      rows.map((r) => /^(\d)\. .*\((Passed|Failed|Skipped)\)/.exec((r as HTMLElement).innerText.split('\n')[0] + ' ' + (r.getAttribute('aria-label') ?? '').replace(/^[^(]*/, ''))).filter(Boolean).map((m) => `${m![1]} ${m![2]}`));
    assert.deepEqual(states, ['1 Passed', '2 Failed', '3 Skipped', '4 Passed', '5 Passed', '6 Passed', '7 Skipped', '8 Passed', '9 Skipped'], 'each practice of the broken handler as a child, in order');
    // The failure's message, with what was expected and what the handler did, in the results panel.
    await page.getByText('failed: the body changed in one byte after signing: accepted with 200').first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('21-endpoint-check-results');

    // The endpoints are linked to their line in the workspace settings: the editor gutter shows their results.
    await page.keyboard.press('Control+P');
    await workbench.pick('settings.json');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines', { hasText: 'webhookWorkbench.endpointCheck.endpoints' }).waitFor({ timeout: 30_000 });
    // The gutter marks each endpoint's "url" line with its result, and runs it from there.
    await editor.locator('.glyph-margin-widgets .testing-run-glyph.codicon-testing-passed-icon').first().waitFor({ timeout: 30_000 });
    await editor.locator('.glyph-margin-widgets .testing-run-glyph.codicon-testing-failed-icon').first().waitFor();
    await workbench.screenshot('22-endpoint-check-gutter');
  });
});
