import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { CaptureStore } from '../../src/core';
import type { RouteNode } from '../../src/host/views/captureTreeItems';
import { send } from '../support/httpClient';
import { captureNodes, eventually, workbenchApi } from './workbenchApi';

const api = workbenchApi;

describe('Webhook Workbench in VS Code', () => {
  before(async () => {
    await vscode.workspace.getConfiguration('webhookWorkbench').update('port', 0, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('webhookWorkbench.clearCaptures', { confirmed: true });
    await vscode.commands.executeCommand('webhookWorkbench.clearFilter');
  });

  after(async () => {
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
  });

  it('activates and contributes its commands', async () => {
    const workbench = await api();
    assert.ok(workbench.store);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['startListener', 'stopListener', 'copyListenerUrl', 'openCapture', 'deleteCapture', 'clearCaptures', 'filterCaptures', 'clearFilter']) {
      assert.ok(commands.includes(`webhookWorkbench.${id}`), `${id} is registered`);
    }
  });

  it('starts the listener from its command, captures a POST and shows it in the tree', async () => {
    const workbench = await api();
    const address = await vscode.commands.executeCommand<{ url: string; port: number }>('webhookWorkbench.startListener');
    assert.ok(address, 'the start command returns the address');
    assert.match(address.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await send(`${address.url}/hooks/github?source=it`, {
      headers: { 'content-type': 'application/json', 'x-github-event': 'issues' },
      body: JSON.stringify({ action: 'opened', issue: { number: 7 } }),
    });
    assert.equal(res.status, 200);
    const node = await eventually(() => captureNodes(workbench.captureTree).find((n) => n.summary.url === '/hooks/github?source=it'), 'the capture in the tree');
    assert.equal(node.summary.method, 'POST');
    assert.equal(node.summary.event, 'issues.opened');
    const item = await workbench.captureTree.getTreeItem(node);
    assert.equal(item.label, 'POST /hooks/github?source=it');
    assert.match(String(item.description), /issues\.opened/);
    assert.match(String(item.contextValue), /\bcapture\b/);
    const routes = workbench.captureTree.getChildren() as RouteNode[];
    assert.ok(routes.some((r) => r.route === '/hooks/github'), 'grouped under its route');
  });

  it('copies the listener URL to the clipboard', async () => {
    const workbench = await api();
    const url = await vscode.commands.executeCommand<string>('webhookWorkbench.copyListenerUrl');
    assert.equal(url, workbench.listener.address?.url);
    assert.equal(await vscode.env.clipboard.readText(), url);
  });

  it('opens a capture raw, as a read-only JSON document', async () => {
    const workbench = await api();
    const [node] = captureNodes(workbench.captureTree);
    await vscode.commands.executeCommand('webhookWorkbench.openCaptureRaw', node);
    const editor = await eventually(() => vscode.window.activeTextEditor, 'an editor');
    assert.equal(editor.document.uri.scheme, 'webhook-capture');
    assert.equal(editor.document.languageId, 'json');
    assert.deepEqual(JSON.parse(editor.document.getText()), { action: 'opened', issue: { number: 7 } });
  });

  it('filters the tree and clears the filter', async () => {
    const workbench = await api();
    await send(`${workbench.listener.address!.url}/other`, { body: 'plain text' });
    await eventually(() => captureNodes(workbench.captureTree).some((n) => n.summary.url === '/other'), 'the second capture');
    await vscode.commands.executeCommand('webhookWorkbench.filterCaptures', 'issues');
    assert.deepEqual(captureNodes(workbench.captureTree).map((n) => n.summary.url), ['/hooks/github?source=it']);
    await vscode.commands.executeCommand('webhookWorkbench.clearFilter');
    assert.equal(captureNodes(workbench.captureTree).length, 2);
  });

  it('keeps captures across a stop and a restart of the listener, and answers again after it', async () => {
    const workbench = await api();
    const before = captureNodes(workbench.captureTree).map((n) => n.summary.id);
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
    assert.equal(workbench.listener.address, undefined);
    const address = await vscode.commands.executeCommand<{ url: string }>('webhookWorkbench.startListener');
    assert.deepEqual(captureNodes(workbench.captureTree).map((n) => n.summary.id), before);
    await send(`${address!.url}/after-restart`, { body: '{}' });
    await eventually(() => captureNodes(workbench.captureTree).some((n) => n.summary.url === '/after-restart'), 'a capture after the restart');
  });

  it('restarts on a new port when the port setting changes, without a reload', async () => {
    const workbench = await api();
    const config = vscode.workspace.getConfiguration('webhookWorkbench');
    const oldPort = workbench.listener.address!.port;
    // A port that was free a moment ago: let the OS pick one, then release it.
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const newPort = (blocker.address() as net.AddressInfo).port;
    await new Promise((r) => blocker.close(r));
    await config.update('port', newPort, vscode.ConfigurationTarget.Global);
    await eventually(() => workbench.listener.address?.port === newPort, `the listener on port ${newPort} (was ${oldPort})`);
    const res = await send(`http://127.0.0.1:${newPort}/moved`, { body: '{}' });
    assert.equal(res.status, 200);
    await config.update('port', 0, vscode.ConfigurationTarget.Global);
  });

  it('reports a port in use without touching the setting, and can listen on a free port instead', async () => {
    const workbench = await api();
    const config = vscode.workspace.getConfiguration('webhookWorkbench');
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
    const squatter = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => squatter.once('listening', r));
    const busyPort = (squatter.address() as net.AddressInfo).port;
    try {
      await config.update('port', busyPort, vscode.ConfigurationTarget.Global);
      assert.equal(await vscode.commands.executeCommand('webhookWorkbench.startListener'), undefined, 'no address: it did not start');
      assert.equal(workbench.listener.address, undefined);
      assert.equal(vscode.workspace.getConfiguration('webhookWorkbench').get('port'), busyPort, 'the setting is never rewritten');
      const address = await workbench.listener.listenOnFreePort();
      assert.ok(address && address.port !== busyPort, 'listening elsewhere for this session');
      assert.equal(vscode.workspace.getConfiguration('webhookWorkbench').get('port'), busyPort);
      assert.equal((await send(`${address.url}/free-port`, { body: '{}' })).status, 200);
    } finally {
      await new Promise((r) => squatter.close(r));
      await config.update('port', 0, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('webhookWorkbench.stopListener');
      await vscode.commands.executeCommand('webhookWorkbench.startListener');
    }
  });

  it('applies a new response setting while running', async () => {
    const workbench = await api();
    const config = vscode.workspace.getConfiguration('webhookWorkbench');
    await config.update('response.status', 202, vscode.ConfigurationTarget.Global);
    await eventually(async () => (await send(`${workbench.listener.address!.url}/status`, { body: '{}' })).status === 202, 'a 202 answer');
    await config.update('response.status', undefined, vscode.ConfigurationTarget.Global);
  });

  it('keeps captures when the store is reopened from disk (as after a window reload)', async () => {
    const workbench = await api();
    const ids = workbench.store.list().map((s) => s.id);
    const reopened = await CaptureStore.open({ folder: workbench.store.folder, retention: 1000 });
    assert.deepEqual(reopened.list().map((s) => s.id), ids);
    await reopened.close();
  });

  it('deletes one capture, then clears them all', async () => {
    const workbench = await api();
    const [first] = captureNodes(workbench.captureTree);
    await vscode.commands.executeCommand('webhookWorkbench.deleteCapture', first);
    assert.equal(workbench.store.get(first.summary.id), undefined);
    await vscode.commands.executeCommand('webhookWorkbench.clearCaptures', { confirmed: true });
    assert.equal(workbench.store.size, 0);
    await eventually(() => captureNodes(workbench.captureTree).length === 0 || undefined, 'an empty tree');
  });
});
