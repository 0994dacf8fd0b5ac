// Serves the real payload view (payloadHtml + the built dist/webview bundle + media CSS) from a tiny
// static server with the CSP also sent as a header, and opens it in real Chromium with a stand-in for
// the VS Code webview API. Shared by test/webview and bench/payloadPaint.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { payloadCsp, payloadHtml } from '../../src/host/panels/payloadHtml';

const repo = path.resolve(__dirname, '..', '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SERVED: Record<string, string> = {
  '/dist/webview/payloadView.js': 'text/javascript',
  '/dist/webview/codicon.css': 'text/css',
  '/dist/webview/codicon.ttf': 'font/ttf',
  '/media/payloadView.css': 'text/css',
};

/** A few of VS Code's Dark Modern theme values, as VS Code sets them on the webview's <html>. */
const DARK_MODERN: Record<string, string> = {
  '--vscode-font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  '--vscode-editor-font-size': '14px',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-errorForeground': '#f85149',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-icon-foreground': '#cccccc',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-button-secondaryHoverBackground': '#3c3c3c',
  '--vscode-button-border': '#ffffff12',
  '--vscode-input-background': '#313131',
  '--vscode-input-border': '#3c3c3c',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-input-placeholderForeground': '#989898',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-panelTitle-activeBorder': '#0078d4',
  '--vscode-tab-activeForeground': '#ffffff',
  '--vscode-tab-inactiveForeground': '#9d9d9d',
  '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-toolbar-hoverBackground': '#5a5d5e50',
  '--vscode-textBlockQuote-background': '#2b2b2b',
  '--vscode-textCodeBlock-background': '#2b2b2b',
  '--vscode-testing-iconPassed': '#73c991',
  '--vscode-testing-iconFailed': '#f14c4c',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-editorLineNumber-foreground': '#6e7681',
  '--vscode-editor-lineHighlightBackground': '#ffffff0a',
  '--vscode-editor-findMatchBackground': '#9e6a03',
  '--vscode-editor-findMatchHighlightBackground': '#ea5c0055',
  '--vscode-symbolIcon-propertyForeground': '#9cdcfe',
  '--vscode-debugTokenExpression-name': '#c586c0',
  '--vscode-debugTokenExpression-string': '#ce9178',
  '--vscode-debugTokenExpression-number': '#b5cea8',
  '--vscode-debugTokenExpression-boolean': '#4e94ce',
  '--vscode-debugTokenExpression-value': '#cccccc99',
};

// Runs before the page's own script: the VS Code API boundary (records posts, keeps state), a CSP
// violation counter, and the theme variables.
const INIT_SCRIPT = `
window.__posted = [];
window.__state = undefined;
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
let acquired = false;
window.acquireVsCodeApi = () => {
  if (acquired) throw new Error('acquireVsCodeApi called twice');
  acquired = true;
  return {
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
    getState: () => (window.__state !== undefined ? window.__state : window.__savedState),
  };
};
document.addEventListener('DOMContentLoaded', () => {
  const theme = ${JSON.stringify(DARK_MODERN)};
  for (const name of Object.keys(theme)) document.documentElement.style.setProperty(name, theme[name]);
  document.body.classList.add('vscode-dark');
});
`;

export interface PayloadViewPage {
  page: Page;
  /** What VS Code does for `webview.postMessage`. */
  post(message: unknown): Promise<void>;
  posted(): Promise<Array<Record<string, unknown>>>;
  /** Waits until `count` messages of `type` have been posted. */
  waitForPosted(type: string, count: number): Promise<void>;
  cspViolations(): Promise<string[]>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export class PayloadViewHost {
  private constructor(private readonly server: http.Server, private readonly context: BrowserContext, private readonly profile: string, readonly origin: string) {}

  static async start(): Promise<PayloadViewHost> {
    const server = http.createServer((req, res) => serve(req, res, origin));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-webview-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1000, height: 720 },
    });
    await context.addInitScript(INIT_SCRIPT);
    return new PayloadViewHost(server, context, profile, origin);
  }

  /**
   * A fresh page with the view loaded and its `ready` received. `savedState` is what VS Code hands a
   * rebuilt view through getState() (the state an earlier instance saved).
   */
  async open(options: { savedState?: unknown } = {}): Promise<PayloadViewPage> {
    const page = await this.context.newPage();
    if (options.savedState !== undefined) {
      await page.addInitScript((state) => ((globalThis as unknown as { __savedState: unknown }).__savedState = state), options.savedState);
    }
    await page.goto(`${this.origin}/`);
    // Function predicates: a string one would be eval'd in the page, which the CSP (rightly) refuses.
    await page.waitForFunction(() => (globalThis as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
    return {
      page,
      post: async (message) => {
        await page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(m, '*'), message);
      },
      posted: () => page.evaluate('window.__posted'),
      waitForPosted: async (type, count) => {
        await page.waitForFunction(
          ([t, n]) => (globalThis as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === t).length >= Number(n),
          [type, count] as const,
        );
      },
      cspViolations: () => page.evaluate('window.__cspViolations'),
      screenshot: async (name) => {
        const file = path.join(repo, 'test-results', 'webview', `${name}.png`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        await page.screenshot({ path: file, fullPage: false });
        return file;
      },
      close: () => page.close(),
    };
  }

  async stop(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    fs.rmSync(this.profile, { recursive: true, force: true });
  }
}

function serve(req: http.IncomingMessage, res: http.ServerResponse, origin: string): void {
  const url = new URL(req.url ?? '/', origin);
  if (url.pathname === '/') {
    const nonce = crypto.randomBytes(16).toString('base64');
    const html = payloadHtml({
      cspSource: origin,
      nonce,
      scriptUri: `${origin}/dist/webview/payloadView.js`,
      styleUri: `${origin}/media/payloadView.css`,
      codiconUri: `${origin}/dist/webview/codicon.css`,
      title: 'Payload',
    });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': payloadCsp(origin, nonce) }).end(html);
    return;
  }
  const type = SERVED[url.pathname];
  if (!type) {
    res.writeHead(404).end();
    return;
  }
  fs.readFile(path.join(repo, url.pathname), (error, data) => {
    if (error) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': type }).end(data);
  });
}
