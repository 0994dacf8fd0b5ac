import * as assert from 'node:assert/strict';
import type { PayloadViewPage } from '../support/payloadViewPage';
import { captureView } from './captures';
import { openPayloadView } from './rootHooks';
import { selectTab, visiblePanel } from './viewLocators';

async function tableRows(view: PayloadViewPage, selector: string): Promise<string[][]> {
  const rows = view.page.locator(`${selector} tbody tr`);
  const result: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) result.push(await rows.nth(i).locator('td').allTextContents());
  return result;
}

describe('payload view: headers, query, raw, forms, binary and invalid JSON', () => {
  let view: PayloadViewPage;
  beforeEach(async () => {
    view = await openPayloadView();
  });
  afterEach(async () => {
    await view.close();
  });

  it('lists headers in arrival order with names as sent', async () => {
    const capture = captureView();
    await view.post({ type: 'showCapture', capture });
    assert.equal(await view.page.locator('.tab[data-tab="headers"] .tab-count').textContent(), '6');
    await selectTab(view.page, 'headers');
    assert.deepEqual(await tableRows(view, '.headers-table'), capture.headers);
  });

  it('decodes query parameters and keeps repeated keys', async () => {
    await view.post({ type: 'showCapture', capture: captureView() });
    await selectTab(view.page, 'query');
    assert.deepEqual(await tableRows(view, '.query-table'), [['source', 'cli'], ['tag', 'a'], ['tag', 'b'], ['name', 'Jürgen M']]);
    await view.post({ type: 'showCapture', capture: captureView({ url: '/hooks/plain' }) });
    await selectTab(view.page, 'query');
    assert.equal(await visiblePanel(view.page, 'query').textContent(), 'No query parameters.');
  });

  it('shows the raw body exactly', async () => {
    const capture = captureView();
    await view.post({ type: 'showCapture', capture });
    await selectTab(view.page, 'raw');
    assert.equal(await visiblePanel(view.page, 'raw').locator('.raw-text').textContent(), (capture.body as { text: string }).text);
    assert.ok(await visiblePanel(view.page, 'body').isHidden());
  });

  it('shows a hex dump for a base64 (non-UTF-8) body', async () => {
    const bytes = Buffer.from([...Buffer.from('PK\x03\x04 binary'), 0xff, 0xfe, 0x00, 0x80, ...Buffer.from('webhook payload bytes!')]);
    await view.post({ type: 'showCapture', capture: captureView({ contentType: 'application/octet-stream', body: { encoding: 'base64', data: bytes.toString('base64') }, bodySize: bytes.length }) });
    const lines = view.page.locator('.tab-panel[data-tab="body"] .hex-line');
    await lines.first().waitFor();
    assert.equal(await lines.count(), 3);
    assert.deepEqual(await lines.nth(0).locator('span').allTextContents(), ['00000000', '50 4b 03 04 20 62 69 6e  61 72 79 ff fe 00 80 77', 'PK.. binary....w']);
    assert.deepEqual(await lines.nth(2).locator('.hex-offset').textContent(), '00000020');
    assert.match((await view.page.locator('.body-note').textContent())!, /^Binary body, 37 B/);
    assert.ok(await view.page.locator('.tab-panel[data-tab="body"] .show-more').isHidden(), 'nothing more to show');
    await view.screenshot('hex-dump');
    await selectTab(view.page, 'raw');
    assert.equal(await visiblePanel(view.page, 'raw').locator('.hex-line').count(), 3);
  });

  it('shows a form-urlencoded body as a table', async () => {
    const text = 'To=%2B15551234567&From=%2B15557654321&Body=Hello+from+Twilio%21&MediaUrl=a&MediaUrl=b';
    await view.post({ type: 'showCapture', capture: captureView({ contentType: 'application/x-www-form-urlencoded', body: { encoding: 'utf8', text }, bodySize: text.length }) });
    await view.page.locator('.form-fields').waitFor();
    assert.deepEqual(await tableRows(view, '.form-fields'), [['To', '+15551234567'], ['From', '+15557654321'], ['Body', 'Hello from Twilio!'], ['MediaUrl', 'a'], ['MediaUrl', 'b']]);
  });

  it('shows invalid JSON raw with the parse error, never blank', async () => {
    const text = '{"id": "evt_1", "amount": 12,,}';
    await view.post({ type: 'showCapture', capture: captureView({ body: { encoding: 'utf8', text }, bodySize: text.length }) });
    const error = view.page.locator('.parse-error');
    await error.waitFor();
    assert.match((await error.textContent())!, /^Not valid JSON: .*(JSON|position|token)/i);
    assert.equal(await view.page.locator('.tab-panel[data-tab="body"] .raw-text').textContent(), text);
    assert.equal(await view.page.locator('.json-tree').count(), 0);
  });

  it('says when the body is empty', async () => {
    await view.post({ type: 'showCapture', capture: captureView({ body: { encoding: 'utf8', text: '' }, bodySize: 0 }) });
    assert.equal(await view.page.locator('.tab-panel[data-tab="body"] .empty-note').textContent(), 'Empty body.');
  });
});
