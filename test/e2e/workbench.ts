import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

// The harness is plain JavaScript shared with the integration runner.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const harness = require('../../../test/harness/codeServer.js') as {
  startCodeServer(options?: { settings?: Record<string, unknown>; workspaceTrust?: boolean }): Promise<{
    url: string;
    scratch: string;
    logFile: string;
    userSettingsFile: string;
    stop(): Promise<void>;
  }>;
  workbenchUrl(base: string, options: { folder: string; extensionPath: string }): string;
  chromiumArgs: string[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const paths = require('../../../test/harness/paths.js') as { repo: string; chromium: string; results: string };

export interface WorkbenchOptions {
  /** Turn VS Code's workspace trust on: the folder opens untrusted, in Restricted Mode. */
  workspaceTrust?: boolean;
  /** Written to the opened folder's .vscode/settings.json before the window opens. */
  folderSettings?: Record<string, unknown>;
}

/** A real VS Code workbench (code-server) with the extension loaded, driven by Chromium. */
export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly browser: BrowserContext,
    private readonly stopServer: () => Promise<void>,
    private readonly scratch: string[],
    private readonly userSettingsFile: string,
  ) {}

  /** `initScript` runs in every frame before its own scripts (webviews included). */
  static async open(settings: Record<string, unknown> = {}, initScript?: () => void, options: WorkbenchOptions = {}): Promise<Workbench> {
    const server = await harness.startCodeServer({ settings, workspaceTrust: options.workspaceTrust });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-e2e-ws-'));
    if (options.folderSettings) {
      fs.mkdirSync(path.join(folder, '.vscode'));
      fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify(options.folderSettings, null, 2));
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
    return new Workbench(page, browser, server.stop, [folder, profile, server.scratch], server.userSettingsFile);
  }

  /** Merges `settings` into the user settings file, as editing settings.json does; VS Code picks the change up. */
  updateUserSettings(settings: Record<string, unknown>): void {
    const current = JSON.parse(fs.readFileSync(this.userSettingsFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(this.userSettingsFile, JSON.stringify({ ...current, ...settings }, null, 2));
  }

  /** Developer: Reload Window, then waits for the workbench to be back. */
  async reloadWindow(): Promise<void> {
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (frame) => frame === this.page.mainFrame(), timeout: 60_000 });
    await this.runCommand('Developer: Reload Window');
    await navigated;
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
  }

  /** The Webhooks view's pane (title, message, welcome content and tree). */
  webhooksPane(): Locator {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: /Captured Webhooks/i }) }).first();
  }

  /** Text of the notification toasts on screen. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notification-toast', { hasText: text }).first();
  }

  /** Clicks the button `label` in the notification that says `text`. */
  async clickNotificationAction(text: string | RegExp, label: string): Promise<void> {
    await this.notification(text).getByRole('button', { name: label }).click();
  }

  /** The status bar's listener item while it listens, and the port it shows. */
  async listeningPort(timeout = 30_000): Promise<number> {
    const status = this.page.locator('.statusbar-item', { hasText: /:\d+ · \d+/ }).first();
    await status.waitFor({ timeout });
    return Number(/:(\d+) ·/.exec(await status.innerText())![1]);
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
    return this.listeningPort();
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
