import * as assert from 'node:assert/strict';
import { payloadHtml } from '../../../src/host/panels/payloadHtml';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Vub25jZW5vbmNlMQ==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/payloadView.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/payloadView.css',
  codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/codicon.css',
  title: 'POST /hooks/<script>alert(1)</script> & "x"',
};

describe('payloadHtml', () => {
  const html = payloadHtml(options);

  it('declares the exact CSP with the nonce', () => {
    const csp = `default-src 'none'; script-src 'nonce-${options.nonce}'; style-src ${options.cspSource}; font-src ${options.cspSource}; img-src ${options.cspSource} data:`;
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
  });

  it('has one script, carrying the nonce and loading the bundle', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, [`<script nonce="${options.nonce}" src="${options.scriptUri}">`]);
    assert.match(html, /<script [^>]*><\/script>/, 'the script tag is empty: no inline code');
  });

  it('links both stylesheets and has no inline style or handlers', () => {
    assert.ok(html.includes(`<link rel="stylesheet" href="${options.styleUri}">`));
    assert.ok(html.includes(`href="${options.codiconUri}"`));
    assert.doesNotMatch(html, /<style|style=|\son[a-z]+=/i);
    assert.match(html, /<body>\s*<div id="root"><\/div>/);
  });

  it('escapes the title', () => {
    assert.ok(html.includes('<title>POST /hooks/&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</title>'));
    assert.equal(html.match(/<script/g)!.length, 1);
  });
});
