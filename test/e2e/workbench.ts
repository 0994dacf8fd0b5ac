import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

// The harness is plain JavaScript shared with the integration runner.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const harness = require('../../../test/harness/codeServer.js') as {
  startCodeServer(options?: { settings?: Record<string, unknown> }): Promise<{ url: string; scratch: string; logFile: string; stop(): Promise<void> }>;
  workbenchUrl(base: string, options: { folder: string; extensionPath: string }): string;
  chromiumArgs: string[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const paths = require('../../../test/harness/paths.js') as { repo: string; chromium: string; results: string };

/** A real VS Code workbench (code-server) with the extension loaded, driven by Chromium. */
export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly browser: BrowserContext,
    private readonly stopServer: () => Promise<void>,
    private readonly scratch: string[],
  ) {}

  /**
   * `initScript` runs in every frame before its own scripts (webviews included); `workspaceFiles`
   * (relative path → text) are written into the opened folder first, e.g. `.vscode/settings.json`.
   */
  static async open(settings: Record<string, unknown> = {}, initScript?: () => void, workspaceFiles: Record<string, string> = {}): Promise<Workbench> {
    const server = await harness.startCodeServer({ settings });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-e2e-ws-'));
    for (const [file, text] of Object.entries(workspaceFiles)) {
      fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      fs.writeFileSync(path.join(folder, file), text);
    }
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-e2e-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: paths.chromium,
      headless: true,
      args: harness.chromiumArgs,
      viewport: { width: 1400, height: 900 },
    });
    if (initScript) await browser.addInitScript(initScript);
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(harness.workbenchUrl(server.url, { folder, extensionPath: paths.repo }));
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    return new Workbench(page, browser, server.stop, [folder, profile, server.scratch]);
  }

  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30_000 });
    await input.press('Enter');
  }

  async openWebhooksView(): Promise<void> {
    await this.page.locator('.part.activitybar [aria-label^="Webhooks"]').first().click({ timeout: 60_000 });
  }

  /** Starts the listener from the palette and returns its port, read off the status bar. */
  async startListener(): Promise<number> {
    await this.runCommand('Webhooks: Start Webhook Listener');
    const status = this.page.locator('.statusbar-item', { hasText: /:\d+ · \d+/ }).first();
    await status.waitFor({ timeout: 30_000 });
    return Number(/:(\d+) ·/.exec(await status.innerText())![1]);
  }

  /** Picks `label` in the open quick pick (typing it to filter first). */
  async pick(label: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(label);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
    await input.press('Enter');
  }

  /** Types into the open input box and accepts it. */
  async answer(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(text);
    await input.press('Enter');
  }

  /** The frame that holds the payload view's own document (inside VS Code's webview host frame). */
  async payloadFrame(): Promise<Frame> {
    const host = await this.page.locator('iframe.webview.ready').last().elementHandle({ timeout: 30_000 });
    const outer = await host!.contentFrame();
    const inner = await outer!.locator('iframe#active-frame').elementHandle({ timeout: 30_000 });
    const frame = await inner!.contentFrame();
    await frame!.locator('#root').waitFor({ timeout: 30_000 });
    return frame!;
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(paths.results, 'e2e', `${name}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.stopServer();
    for (const dir of this.scratch) fs.rmSync(dir, { recursive: true, force: true });
  }
}
