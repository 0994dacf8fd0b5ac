import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { send } from '../support/httpClient';
import { captureNodes, eventually, workbenchApi } from './workbenchApi';

describe('Generate Handler from Payload in VS Code', () => {
  before(async () => {
    await vscode.workspace.getConfiguration('webhookWorkbench').update('port', 0, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('webhookWorkbench.clearCaptures', { confirmed: true });
    const { url } = (await vscode.commands.executeCommand<{ url: string }>('webhookWorkbench.startListener'))!;
    const deliveries = [
      { event: 'push', body: { ref: 'refs/heads/main', commits: [{ id: 'abc', message: 'Fix' }], repository: { full_name: 'o/r' } } },
      { event: 'issues', body: { action: 'opened', issue: { number: 1, title: 'Bug' }, repository: { full_name: 'o/r' } } },
      { event: 'issues', body: { action: 'closed', issue: { number: 1, title: 'Bug', closed_at: '2026-01-01T00:00:00Z' }, repository: { full_name: 'o/r' } } },
    ];
    for (const [i, d] of deliveries.entries()) {
      await send(`${url}/webhooks/github`, {
        headers: { 'content-type': 'application/json', 'x-github-event': d.event, 'x-github-delivery': `codegen-${i}`, 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
        body: JSON.stringify(d.body),
      });
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('writes a typed Express handler for the capture’s route into the workspace', async () => {
    const api = await workbenchApi();
    const node = await eventually(() => captureNodes(api.captureTree).length === 3 && captureNodes(api.captureTree)[0], 'three captures');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('webhookWorkbench.generateHandler', node, { framework: 'express', destination: 'default' });
    assert.ok(uri, 'the command returns the file it wrote');
    assert.match(uri.path, /\/src\/webhooks\/github\.ts$/);
    assert.equal(uri.path.startsWith(vscode.workspace.workspaceFolders![0].uri.path), true, 'inside the workspace');
    const source = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    for (const expected of [/express\.raw/, /x-hub-signature-256/i, /onPush\b/, /onIssues\b/, /interface PushEvent/, /"opened" \| "closed"|"closed" \| "opened"/]) {
      assert.match(source, expected);
    }
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the file is opened');
  });

  it('generates the types alone into an untitled editor, and copies them', async () => {
    const api = await workbenchApi();
    const route = (api.captureTree.getChildren() as Array<{ kind: string }>)[0];
    const uri = await vscode.commands.executeCommand<vscode.Uri>('webhookWorkbench.generateTypes', route);
    assert.equal(uri!.scheme, 'untitled');
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.match(text, /export type GitHubWebhook =/);
    const copied = await vscode.commands.executeCommand<string>('webhookWorkbench.copyTypes', route);
    assert.equal(await vscode.env.clipboard.readText(), copied);
    assert.equal(copied, text);
  });
});
