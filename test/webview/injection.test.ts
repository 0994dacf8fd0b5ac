import * as assert from 'node:assert/strict';
import type { PayloadViewPage } from '../support/payloadViewPage';
import { captureView } from './captures';
import { openPayloadView } from './rootHooks';
import { selectTab, visiblePanel } from './viewLocators';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '</script><script>window.__pwned=1</script>';
const JS_LINK = 'javascript:window.__pwned=1';
const TEMPLATE = "{{constructor.constructor('window.__pwned=1')()}}";
const RLO = 'invoice\u202Egpj.exe';
const LRI = 'user\u2066admin\u2069';

const HOSTILE = [IMG, SCRIPT, JS_LINK, TEMPLATE];

function hostileCapture() {
  const body = {
    [IMG]: SCRIPT,
    [TEMPLATE]: { [JS_LINK]: IMG, href: JS_LINK, html: `<a href="${JS_LINK}">click</a>` },
    [RLO]: LRI,
    list: [TEMPLATE, SCRIPT],
  };
  const text = JSON.stringify(body);
  const query = `?q=${encodeURIComponent(IMG)}&next=${encodeURIComponent(JS_LINK)}&t=${encodeURIComponent(TEMPLATE)}&f=${encodeURIComponent(RLO)}`;
  return captureView({
    id: `cap_${SCRIPT}`,
    url: `/hooks/${SCRIPT}${query}`,
    method: IMG,
    headers: [[IMG, SCRIPT], ['X-Link', JS_LINK], ['X-Template', TEMPLATE], ['X-Name', RLO]],
    body: { encoding: 'utf8', text },
    bodySize: text.length,
    event: TEMPLATE,
    deliveryId: LRI,
    duplicateOf: IMG,
    provider: 'stripe',
    signature: { status: 'no-secret', provider: SCRIPT, providerName: IMG, detail: `Signed, but ${SCRIPT} has no secret ${RLO}` },
  });
}

/** How the view shows text holding bidi controls: each as a visible ⟨U+XXXX⟩ marker. */
const visibly = (text: string) => text.replace(/[\u202E\u2066\u2069]/g, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase()}⟩`);

describe('payload view: hostile payloads', () => {
  let view: PayloadViewPage;
  beforeEach(async () => {
    view = await openPayloadView();
  });
  afterEach(async () => {
    await view.close();
  });

  async function assertInert(): Promise<void> {
    assert.equal(await view.page.evaluate('typeof window.__pwned'), 'undefined', 'no payload script ran');
    assert.deepEqual(await view.cspViolations(), [], 'no CSP violation');
    assert.equal(await view.page.locator('#root img, #root script, #root a, #root iframe, #root [onerror]').count(), 0, 'no payload markup became elements');
  }

  it('shows keys, values, header strip, headers, query and raw text literally and runs nothing', async () => {
    const capture = hostileCapture();
    await view.post({ type: 'showCapture', capture });
    await view.page.locator('.expand-all').click();
    const strip = (await view.page.locator('.header-strip').textContent())!;
    assert.ok(strip.includes(IMG) && strip.includes(capture.url) && strip.includes(TEMPLATE) && strip.includes(`duplicate of ${IMG}`), strip);
    assert.ok(strip.includes(visibly(LRI)));
    const badge = (await view.page.locator('.signature-badge').textContent())!;
    assert.ok(badge.includes(`Signed, but ${SCRIPT} has no secret ${RLO}`), 'the host sentence is text');

    const tree = (await view.page.locator('.json-tree').textContent())!;
    for (const text of HOSTILE) assert.ok(tree.includes(text), text);
    assert.ok(tree.includes(`<a href="${JS_LINK}">click</a>`));
    assert.ok(tree.includes(visibly(RLO)) && tree.includes(visibly(LRI)), 'bidi controls made visible');
    assert.ok(!/[\u202E\u2066\u2069]/.test(tree), 'no raw bidi control reaches the screen');
    assert.equal(await view.page.locator('.json-tree .bidi-control').count(), 3);

    await selectTab(view.page, 'headers');
    const headers = (await visiblePanel(view.page, 'headers').textContent())!;
    for (const text of [IMG, SCRIPT, JS_LINK, TEMPLATE, visibly(RLO)]) assert.ok(headers.includes(text), text);

    await selectTab(view.page, 'query');
    const query = await visiblePanel(view.page, 'query').locator('td.pair-value').allTextContents();
    assert.deepEqual(query, [IMG, JS_LINK, TEMPLATE, visibly(RLO)]);

    await selectTab(view.page, 'raw');
    assert.equal(await visiblePanel(view.page, 'raw').textContent(), visibly((capture.body as { text: string }).text));

    await view.page.locator('.set-secret').click();
    const posted = await view.posted();
    assert.deepEqual(posted[posted.length - 1], { type: 'setSecret', provider: SCRIPT, captureId: capture.id });
    await assertInert();
  });

  it('searches and copies hostile text as data', async () => {
    await view.post({ type: 'showCapture', capture: hostileCapture() });
    await view.page.locator('.search-input').fill('<script>');
    await view.page.locator('.search-input').press('Enter');
    assert.match((await view.page.locator('.search-count').textContent())!, /^\d+ of [1-9]\d*$/);
    assert.equal(await view.page.locator('mark.current-hit').first().textContent(), '<script>');
    await assertInert();
  });

  it('keeps hostile form fields and invalid JSON as text', async () => {
    const form = `a=${encodeURIComponent(IMG)}&${encodeURIComponent(SCRIPT)}=${encodeURIComponent(RLO)}`;
    await view.post({ type: 'showCapture', capture: captureView({ contentType: 'application/x-www-form-urlencoded', body: { encoding: 'utf8', text: form } }) });
    assert.deepEqual(await view.page.locator('.form-fields td').allTextContents(), ['a', IMG, SCRIPT, visibly(RLO)]);
    const broken = `{"x": "${SCRIPT}", ${IMG}`;
    await view.post({ type: 'showCapture', capture: captureView({ body: { encoding: 'utf8', text: broken } }) });
    await view.page.locator('.parse-error').waitFor();
    assert.equal(await view.page.locator('.raw-text').textContent(), broken);
    await assertInert();
  });
});
