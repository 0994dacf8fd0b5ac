import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

// The harness is plain JavaScript shared with the integration runner.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const harness = require('../../../test/harness/codeServer.js') as {
  startCodeServer(options?: { settings?: Record<string, unknown>; machineSettings?: Record<string, unknown>; workspaceTrust?: boolean; vsix?: string }): Promise<{
    url: string;
    pid: number;
    scratch: string;
    logFile: string;
    userSettingsFile: string;
    stop: () => Promise<void>;
  }>;
  workbenchUrl(base: string, options: { folder: string; extensionPath?: string; inspectExtensions?: number }): string;
  chromiumArgs: string[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const paths = require('../../../test/harness/paths.js') as { repo: string; chromium: string; results: string };

export interface WorkbenchOptions {
  /** Turn VS Code's workspace trust on: the folder opens untrusted, in Restricted Mode. */
  workspaceTrust?: boolean;
  /** Written to the opened folder's .vscode/settings.json before the window opens. */
  folderSettings?: Record<string, unknown>;
  /** The server machine's (Remote) settings: machine-scoped settings such as webhookWorkbench.host apply from here. */
  machineSettings?: Record<string, unknown>;
  /** Run this packaged extension, installed into the server, instead of the checkout in development mode. */
  vsix?: string;
  /** A port for the extension host's inspector (for profiles). */
  inspectExtensions?: number;
}

/** A real VS Code workbench (code-server) with the extension loaded, driven by Chromium. */
export class Workbench {
  private constructor(
    readonly page: Page,
    /** The code-server process; the extension host is one of its descendants. */
    readonly serverPid: number,
    private readonly browser: BrowserContext,
    private readonly stopServer: () => Promise<void>,
    private readonly scratch: string[],
  ) {}

  /** `initScript` runs in every frame before its own scripts (webviews included). */
  static async open(settings: Record<string, unknown> = {}, initScript?: () => void, options: WorkbenchOptions = {}): Promise<Workbench> {
    const server = await harness.startCodeServer({ settings, machineSettings: options.machineSettings, workspaceTrust: options.workspaceTrust, vsix: options.vsix });
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
    const extensionPath = options.vsix ? undefined : paths.repo;
    await page.goto(harness.workbenchUrl(server.url, { folder, extensionPath, inspectExtensions: options.inspectExtensions }));
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    const workbench = new Workbench(page, server.pid, browser, server.stop, [folder, profile, server.scratch]);
    await workbench.extensionActive();
    return workbench;
  }

  /**
   * Waits for the extension's Webhooks icon in the activity bar: its contributions are registered, so
   * its commands are in the palette (a palette opened earlier would not list them). The extension
   * shows nothing in the status bar until the listener runs or captures exist.
   */
  async extensionActive(): Promise<void> {
    await this.page.locator('.part.activitybar [aria-label^="Webhooks"]').first().waitFor({ timeout: 60_000 });
  }

  /**
   * Types a number or text setting into the Settings editor, as a user does (code-server does not
   * notice a settings.json rewritten behind its back). The editor stays open; wait for the effect.
   */
  async setUserSetting(key: string, value: number | string): Promise<void> {
    await this.runCommand('Preferences: Open User Settings');
    const search = this.page.locator('.settings-editor .settings-header .suggest-input-container');
    await search.waitFor({ timeout: 30_000 });
    await search.click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(key);
    const input = this.page.locator(`.settings-editor input[aria-label="${key}"]`);
    await input.waitFor({ timeout: 30_000 });
    await input.fill(String(value));
    await input.press('Enter');
  }

  /** Developer: Reload Window, then waits for the workbench to be back. */
  async reloadWindow(): Promise<void> {
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (frame) => frame === this.page.mainFrame(), timeout: 60_000 });
    await this.runCommand('Developer: Reload Window');
    await navigated;
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    await this.extensionActive();
  }

  /** Waits until the extension's log (Webhooks: Show Log) has a line containing `text`. */
  async logLine(text: string, timeout = 30_000): Promise<void> {
    // Show Log moves focus into the Output panel once it has run: a palette opened before that would
    // lose focus and close under the next command's typing. The Output panel may hold focus already
    // (an earlier Show Log), so take it away first: its focus then marks this command's effect.
    const focusedOutput = this.page.locator('.part.panel .monaco-editor.focused').first();
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await focusedOutput.waitFor({ state: 'detached', timeout });
    await this.runCommand('Webhooks: Show Log');
    await focusedOutput.waitFor({ timeout });
    await this.page.locator('.part.panel .monaco-editor .view-lines', { hasText: text }).first().waitFor({ timeout });
  }

  /** The modal dialog on screen, if any. */
  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** The Webhooks view's pane (title, message, welcome content and tree). */
  webhooksPane(): Locator {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: /Captured Webhooks/i }) }).first();
  }

  /**
   * Waits for a notification saying `text`, in the notification center (toasts come and go on their
   * own timers; the center keeps every notification), and returns it with the center open.
   */
  async notification(text: string | RegExp, timeout = 30_000): Promise<Locator> {
    const item = this.page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    const deadline = Date.now() + timeout;
    for (;;) {
      if (!(await this.page.locator('.notifications-center.visible').isVisible())) await this.runCommand('Notifications: Show Notifications');
      try {
        await item.waitFor({ timeout: Math.min(5_000, Math.max(1, deadline - Date.now())) });
        return item;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
      }
    }
  }

  /** Clicks the button `label` of the notification that says `text`. */
  async clickNotificationAction(text: string | RegExp, label: string): Promise<void> {
    const item = await this.notification(text);
    await item.hover();
    await item.getByRole('button', { name: label }).click();
  }

  /** The status bar's listener item while it listens, and the port it shows. */
  async listeningPort(timeout = 30_000): Promise<number> {
    const status = this.page.locator('.statusbar-item', { hasText: /:\d+ · \d+/ }).first();
    await status.waitFor({ timeout });
    return Number(/:(\d+) ·/.exec(await status.innerText())![1]);
  }

  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      await input.waitFor();
      try {
        await input.fill(`>${title}`, { timeout: 10_000 });
        break;
      } catch (error) {
        // The palette closed before the typing: something the workbench showed late took focus.
        // A user opens it again; so do we, twice at most.
        if (attempt === 3 || (await input.isVisible())) throw error;
      }
    }
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30_000 });
    await input.press('Enter');
  }

  /** Shows the Webhooks view (clicking its activity bar icon only when it is not showing: a click would hide it). */
  async openWebhooksView(): Promise<void> {
    const icon = this.page.locator('.part.activitybar [aria-label^="Webhooks"]').first();
    await icon.waitFor({ timeout: 60_000 });
    if (await this.webhooksPane().isVisible()) return;
    await icon.click();
    await this.webhooksPane().waitFor({ timeout: 30_000 });
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
    const outer = await host.contentFrame();
    const inner = await outer!.locator('iframe#active-frame').elementHandle({ timeout: 30_000 });
    const frame = await inner.contentFrame();
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
