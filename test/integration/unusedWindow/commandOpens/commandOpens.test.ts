import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { send } from '../../../support/httpClient';
import { captureNodes, eventually } from '../../workbenchApi';
import { activatedWithoutOpening } from '../unusedWindow';

describe('A window that never used webhooks: the first command', () => {
  after(async () => {
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
  });

  it('opens nothing at activation; the first command opens the store, gets its arguments and answers', async () => {
    const api = await activatedWithoutOpening();
    await vscode.workspace.getConfiguration('webhookWorkbench').update('port', 0, vscode.ConfigurationTarget.Workspace);

    // A command with an argument, run before anything opened the store: it reaches the real command.
    await vscode.commands.executeCommand('webhookWorkbench.filterCaptures', 'POST');
    const parts = api.opened;
    assert.ok(parts, 'the command opened the capture store');
    assert.ok(fs.statSync(api.captureFolder).isDirectory(), 'the capture folder exists now');
    assert.match(parts.captureView.description ?? '', /filter: POST/);

    const address = await vscode.commands.executeCommand<{ url: string; port: number }>('webhookWorkbench.startListener');
    assert.ok(address && address.port > 0, 'the command answers with the address');
    assert.equal((await send(`${address.url}/first/delivery`, { body: '{"ok":true}' })).status, 200);
    await eventually(() => captureNodes(parts.captureTree).some((n) => n.summary.url === '/first/delivery'), 'the capture in the tree');
  });
});
