import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { WebhookWorkbenchApi } from '../../../src/extension';
import { eventually } from '../workbenchApi';

const EXTENSION_ID = 'webhook-workbench.webhook-workbench';

/**
 * Waits for the extension to be activated by the window itself (onStartupFinished), not by the test,
 * and checks that activation opened nothing: no capture folder on disk, no composed parts (so no
 * listener, tunnel or status bar item), the captures view not showing.
 */
export async function activatedWithoutOpening(): Promise<WebhookWorkbenchApi> {
  const extension = vscode.extensions.getExtension<WebhookWorkbenchApi>(EXTENSION_ID);
  assert.ok(extension, 'the extension is installed');
  await eventually(() => extension.isActive, 'the window to activate the extension', 60_000);
  const api = extension.exports;
  assert.equal(api.opened, undefined, 'activation composed nothing');
  assert.equal(fs.existsSync(api.captureFolder), false, `no capture folder at ${api.captureFolder}`);
  return api;
}
