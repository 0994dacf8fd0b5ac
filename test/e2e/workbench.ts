import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
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

  static async open(settings: Record<string, unknown> = {}): Promise<Workbench> {
    const server = await harness.startCodeServer({ settings });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-e2e-ws-'));
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-e2e-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: paths.chromium,
      headless: true,
      args: harness.chromiumArgs,
      viewport: { width: 1400, height: 900 },
    });
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
