/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { send } from '../support/httpClient';
import { Workbench } from './workbench';

const SECRET = 'e2e-github-secret';

/** Runs in every frame: counts CSP violations, so a blocked injection is noticed too. */
function watchFrame(): void {
  const w = window as unknown as { __cspViolations: string[] };
  w.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e: SecurityPolicyViolationEvent) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

async function frameText(frame: Frame, text: string): Promise<void> {
  await frame.waitForFunction((t) => document.body.textContent?.includes(t) ?? false, text, { timeout: 20_000 });
}

describe('Payload view on the real workbench (E2E)', function () {
  this.timeout(240_000);
  let workbench: Workbench;
  let port: number;
  let sign: (secret: string, payload: string) => Promise<string>;

  before(async () => {
    // An ESM-only package; the specifier in a variable keeps TypeScript's CommonJS resolution out of it.
    const octokitMethods = '@octokit/webhooks-methods';
    ({ sign } = (await import(octokitMethods)) as { sign: typeof sign });
    workbench = await Workbench.open({ 'webhookWorkbench.port': 0 }, watchFrame);
    await workbench.openWebhooksView();
    port = await workbench.startListener();
  });

  after(async () => {
    await workbench?.close();
  });

  async function openRow(path: string): Promise<Frame> {
    await workbench.page.locator('.monaco-list-row', { hasText: `POST ${path}` }).first().click({ timeout: 15_000 });
    return workbench.payloadFrame();
  }

  it('shows a valid badge for a GitHub delivery signed by @octokit/webhooks-methods, and invalid for a tampered copy', async () => {
    await workbench.runCommand('Webhooks: Set Signing Secret…');
    await workbench.pick('GitHub');
    await workbench.answer(SECRET);

    const payload = JSON.stringify({ action: 'opened', issue: { number: 42, title: 'Webhook Workbench E2E' }, repository: { full_name: 'octo/hello' } });
    const headers = { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': 'e2e-1', 'x-hub-signature-256': await sign(SECRET, payload) };
    assert.equal((await send(`http://127.0.0.1:${port}/e2e/github/signed`, { headers, body: payload })).status, 200);
    const tampered = payload.replace('42', '43');
    await send(`http://127.0.0.1:${port}/e2e/github/tampered`, { headers: { ...headers, 'x-github-delivery': 'e2e-2' }, body: tampered });

    const valid = await openRow('/e2e/github/signed');
    await frameText(valid, 'GitHub signature valid');
    await frameText(valid, 'Webhook Workbench E2E');
    await workbench.screenshot('04-payload-valid-badge');

    const invalid = await openRow('/e2e/github/tampered');
    await frameText(invalid, 'body or secret differs');
    await workbench.screenshot('05-payload-invalid-badge');
  });

  it('shows hostile keys, values, headers and URLs literally and runs none of their script', async () => {
    const img = '<img src=x onerror="window.__pwned=1">';
    const scriptClose = '</script><script>window.__pwned=1</script>';
    const template = "{{constructor.constructor('window.__pwned=1')()}}";
    const bidi = 'invoice\u202Egnp.exe';
    const hostile = {
      [img]: scriptClose,
      link: 'javascript:window.__pwned=1',
      template,
      nested: { [scriptClose]: [img, bidi], '\u2066isolated\u2069': 'x' },
    };
    await send(`http://127.0.0.1:${port}/e2e/hostile?q=${encodeURIComponent(img)}`, {
      headers: { 'content-type': 'application/json', 'x-evil': img, 'x-template': template },
      body: JSON.stringify(hostile),
    });
    const frame = await openRow('/e2e/hostile');
    await frameText(frame, img);
    await frameText(frame, scriptClose);
    await frameText(frame, template);
    await frameText(frame, 'javascript:window.__pwned=1');
    await workbench.screenshot('06-payload-hostile');
    const state = await frame.evaluate(() => {
      const w = window as unknown as { __pwned?: number; __cspViolations?: string[] };
      return { pwned: w.__pwned, violations: w.__cspViolations, images: document.querySelectorAll('img').length, links: document.querySelectorAll('a[href^="javascript:"]').length };
    });
    assert.equal(state.pwned, undefined, 'no injected script ran in the view');
    assert.deepEqual(state.violations, [], 'nothing was even attempted against the CSP');
    assert.equal(state.images, 0, 'no element was created from payload text');
    assert.equal(state.links, 0);
    assert.equal(await workbench.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  it('still shows its capture after another editor opened in its group and its tab is clicked again', async () => {
    const { page } = workbench;
    const payload = { type: 'tab.switch', marker: 'tab-switch-marker', nested: { deeper: { hidden: 'deep-value-kept' } } };
    await send(`http://127.0.0.1:${port}/e2e/tabs`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    let frame = await openRow('/e2e/tabs');
    await frameText(frame, 'tab-switch-marker');
    // Expand nested.deeper (depth 2, collapsed at first): the expansion must survive the tab switches too.
    await frame.locator('.json-row', { has: frame.locator('.json-key', { hasText: /^deeper$/ }) }).click();
    await frameText(frame, 'deep-value-kept');
    const payloadTab = page.locator('.tabs-container .tab', { hasText: 'POST /e2e/tabs' });

    // Its own Open Raw: a text editor replaces it in the group.
    await frame.locator('.open-raw').click();
    await page.locator('.tabs-container .tab.active', { hasNotText: 'POST /e2e/tabs' }).waitFor({ timeout: 20_000 });
    await payloadTab.click();
    frame = await workbench.payloadFrame();
    await frameText(frame, 'tab-switch-marker');
    await frameText(frame, 'deep-value-kept');
    await workbench.screenshot('07-payload-after-open-raw');

    // A new untitled editor (Ctrl+N; the browser keeps that key, so through its command).
    await workbench.runCommand('File: New Untitled Text File');
    await page.locator('.tabs-container .tab.active', { hasText: /Untitled/ }).waitFor({ timeout: 20_000 });
    await payloadTab.click();
    frame = await workbench.payloadFrame();
    await frameText(frame, 'tab-switch-marker');
    await frameText(frame, 'deep-value-kept');
  });

  it('keeps focus in the tree when a capture is clicked, so the arrow keys walk it; Enter moves focus into the view', async () => {
    const { page } = workbench;
    await workbench.runCommand('View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 20_000 });
    for (const n of [1, 2]) {
      await send(`http://127.0.0.1:${port}/e2e/keys?n=${n}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ marker: `keys-capture-${n}` }) });
    }
    // Newest first under the route: n=2, then n=1.
    const second = page.locator('.monaco-list-row', { hasText: 'POST /e2e/keys?n=2' }).first();
    await second.click({ timeout: 15_000 });
    let frame = await workbench.payloadFrame();
    await frameText(frame, 'keys-capture-2');
    const focusInTree = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        return active !== null && active.tagName !== 'IFRAME' && active.closest('.monaco-list') !== null && active.closest('.pane')?.textContent?.includes('POST /e2e/keys') === true;
      });
    assert.equal(await focusInTree(), true, 'focus stayed in the tree after the view showed the capture');

    await page.keyboard.press('ArrowDown');
    await page.locator('.monaco-list-row.focused', { hasText: 'POST /e2e/keys?n=1' }).waitFor({ timeout: 10_000 });
    assert.equal(await focusInTree(), true);

    await page.keyboard.press('Enter');
    frame = await workbench.payloadFrame();
    await frameText(frame, 'keys-capture-1');
    await page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME' && document.activeElement.classList.contains('webview'), undefined, { timeout: 10_000 });
  });
});
