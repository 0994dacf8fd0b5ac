import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { send } from '../support/httpClient';
import { captureNodes, eventually, workbenchApi } from './workbenchApi';

describe('Generate Handler from Payload in VS Code', () => {
  before(async () => {
    await vscode.workspace.getConfiguration('webhookWorkbench').update('port', 0, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('webhookWorkbench.clearCaptures', { confirmed: true });
    const { url } = (await vscode.commands.executeCommand<{ url: string }>('webhookWorkbench.startListener'));
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

  it('writes a Flask handler to webhooks/<provider>.py, in Python', async () => {
    const api = await workbenchApi();
    const node = await eventually(() => captureNodes(api.captureTree).length === 3 && captureNodes(api.captureTree)[0], 'three captures');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('webhookWorkbench.generateHandler', node, { framework: 'flask', destination: 'default' });
    assert.ok(uri);
    assert.match(uri.path, /\/webhooks\/github\.py$/);
    const source = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    for (const expected of [/^from flask import Blueprint, Flask, Response, request$/m, /^def on_push\(event: PushEvent\) -> None:$/m, /^class PushEvent\(TypedDict\):$/m, /hmac\.compare_digest/]) {
      assert.match(source, expected);
    }
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'python');
  });

  it('reads the workspace’s Next.js version: a project on Next.js 14 gets a route without after()', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const manifest = vscode.Uri.joinPath(folder, 'package.json');
    await vscode.workspace.fs.writeFile(manifest, Buffer.from(JSON.stringify({ name: 'app', dependencies: { next: '^14.2.3' } })));
    const api = await workbenchApi();
    const node = await eventually(() => captureNodes(api.captureTree).length === 3 && captureNodes(api.captureTree)[0], 'three captures');
    let uri: vscode.Uri | undefined;
    try {
      uri = await vscode.commands.executeCommand<vscode.Uri>('webhookWorkbench.generateHandler', node, { framework: 'nextjs', destination: 'default' });
    } finally {
      await vscode.workspace.fs.delete(manifest);
    }
    assert.ok(uri);
    assert.match(uri.path, /\/app\/webhooks\/github\/route\.ts$/);
    const source = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.doesNotMatch(source, /from 'next\/server'/);
    assert.match(source, /predates `after\(\)`/);
  });

  it('generates the types alone into an untitled editor, and copies them', async () => {
    const api = await workbenchApi();
    const route = (api.captureTree.getChildren() as Array<{ kind: string }>)[0];
    const uri = await vscode.commands.executeCommand<vscode.Uri>('webhookWorkbench.generateTypes', route);
    assert.equal(uri.scheme, 'untitled');
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.match(text, /export type GitHubWebhook =/);
    const copied = await vscode.commands.executeCommand<string>('webhookWorkbench.copyTypes', route);
    assert.equal(await vscode.env.clipboard.readText(), copied);
    assert.equal(copied, text);
  });
});
