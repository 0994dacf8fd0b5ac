import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { CaptureStore } from '../../src/core';
import { ListenerController } from '../../src/host/listenerController';
import type { RouteNode } from '../../src/host/views/captureTreeItems';
import { send } from '../support/httpClient';
import { captureNodes, eventually, startFresh, workbenchApi } from './workbenchApi';

const api = workbenchApi;
const config = () => vscode.workspace.getConfiguration('webhookWorkbench');

/** Holds a loopback port as another program would. */
async function squatPort(): Promise<{ port: number; release(): Promise<void> }> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { port: (server.address() as net.AddressInfo).port, release: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A workspaceState of its own, as a window's is: survives the controller, as it survives a reload. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

/** Posts a delivery and waits until it is in the tree. */
async function deliver(path: string, body = '{}', headers: Record<string, string> = {}): Promise<string> {
  const workbench = await api();
  const res = await send(`${workbench.listener.address!.url}${path}`, { body, headers });
  assert.equal(res.status, 200);
  const node = await eventually(() => captureNodes(workbench.captureTree).find((n) => n.summary.url === path), `the capture of ${path}`);
  return node.summary.id;
}

// Every test starts from the same place (port 0 in settings, no captures, no filter, the listener
// running), whatever ran before it.
describe('Webhook Workbench in VS Code', () => {
  beforeEach(async () => {
    await startFresh();
  });

  after(async () => {
    await config().update('port', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
  });

  it('activates and contributes its commands', async () => {
    const workbench = await api();
    assert.ok(workbench.store);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['startListener', 'stopListener', 'listenOnFreePort', 'copyListenerUrl', 'openCapture', 'openCaptureAndFocus', 'deleteCapture', 'clearCaptures', 'filterCaptures', 'clearFilter']) {
      assert.ok(commands.includes(`webhookWorkbench.${id}`), `${id} is registered`);
    }
  });

  it('starts the listener from its command, captures a POST and shows it in the tree', async () => {
    const workbench = await api();
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
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

  it('shows the actual URL, and a curl command while nothing has arrived, as the view message', async () => {
    const workbench = await api();
    const { url } = workbench.listener.address!;
    await eventually(() => workbench.captureView.message?.includes(`Listening on ${url}`) && workbench.captureView.message.includes(`curl -X POST '${url}/webhooks/test'`), 'the URL and curl in the view');
    await deliver('/first');
    await eventually(() => workbench.captureView.message === `Listening on ${url} (any method, any path).`, 'the URL alone once captures exist');
  });

  it('badges an unsigned delivery from a known provider as unsigned, and one from no provider not at all', async () => {
    const workbench = await api();
    const github = await deliver('/hooks/unsigned', '{"ref":"refs/heads/main"}', { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'it-unsigned' });
    const plain = await deliver('/hooks/plain', '{}');
    const item = async (id: string) => workbench.captureTree.getTreeItem(captureNodes(workbench.captureTree).find((n) => n.summary.id === id)!);
    const unsigned = await item(github);
    assert.match(String(unsigned.description), /\bunsigned\b/);
    assert.equal((unsigned.iconPath as vscode.ThemeIcon).id, 'unverified');
    assert.match(String(unsigned.contextValue), /\bsig-unsigned\b/);
    assert.doesNotMatch(String(unsigned.contextValue), /\bsigned\b/, 'not "signed"');
    assert.doesNotMatch(String((await item(plain)).description), /unsigned/);
  });

  it('copies the listener URL to the clipboard', async () => {
    const workbench = await api();
    const url = await vscode.commands.executeCommand<string>('webhookWorkbench.copyListenerUrl');
    assert.equal(url, workbench.listener.address?.url);
    assert.equal(await vscode.env.clipboard.readText(), url);
  });

  it('opens a capture raw, as a read-only JSON document', async () => {
    const id = await deliver('/raw', JSON.stringify({ action: 'opened', issue: { number: 7 } }), { 'content-type': 'application/json' });
    await vscode.commands.executeCommand('webhookWorkbench.openCaptureRaw', id);
    const editor = await eventually(() => vscode.window.activeTextEditor?.document.uri.scheme === 'webhook-capture' && vscode.window.activeTextEditor, 'an editor');
    assert.equal(editor.document.languageId, 'json');
    assert.deepEqual(JSON.parse(editor.document.getText()), { action: 'opened', issue: { number: 7 } });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('filters the tree and clears the filter', async () => {
    const workbench = await api();
    await deliver('/hooks/github?source=it', '{"action":"opened"}', { 'content-type': 'application/json', 'x-github-event': 'issues' });
    await deliver('/other', 'plain text');
    await vscode.commands.executeCommand('webhookWorkbench.filterCaptures', 'issues');
    assert.deepEqual(captureNodes(workbench.captureTree).map((n) => n.summary.url), ['/hooks/github?source=it']);
    await vscode.commands.executeCommand('webhookWorkbench.clearFilter');
    assert.equal(captureNodes(workbench.captureTree).length, 2);
  });

  it('keeps captures across a stop and a restart of the listener, and answers again after it', async () => {
    const workbench = await api();
    await deliver('/before-restart');
    const before = captureNodes(workbench.captureTree).map((n) => n.summary.id);
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
    assert.equal(workbench.listener.address, undefined);
    await vscode.commands.executeCommand('webhookWorkbench.startListener');
    assert.deepEqual(captureNodes(workbench.captureTree).map((n) => n.summary.id), before);
    await deliver('/after-restart');
  });

  it('restarts on a new port when the port setting changes, without a reload', async () => {
    const workbench = await api();
    const oldPort = workbench.listener.address!.port;
    // A port that was free a moment ago: let the OS pick one, then release it.
    const free = await squatPort();
    await free.release();
    const moved = new Promise<void>((resolve) => {
      const subscription = workbench.listener.onDidChangeState((address) => {
        if (address?.port !== free.port) return;
        subscription.dispose();
        resolve();
      });
    });
    await config().update('port', free.port, vscode.ConfigurationTarget.Global);
    await moved;
    assert.notEqual(free.port, oldPort);
    assert.equal((await send(`http://127.0.0.1:${free.port}/moved`, { body: '{}' })).status, 200);
  });

  it('keeps listening on its address when a port change cannot bind', async () => {
    const workbench = await api();
    const before = workbench.listener.address!;
    const squatter = await squatPort();
    try {
      // The move ends with the listener adopting an address again: the new one, or the old one back.
      const settled = new Promise<void>((resolve) => {
        const subscription = workbench.listener.onDidChangeState((address) => {
          if (!address) return;
          subscription.dispose();
          resolve();
        });
      });
      await config().update('port', squatter.port, vscode.ConfigurationTarget.Global);
      await settled;
      assert.equal(workbench.listener.address?.port, before.port, 'back on its previous port');
      assert.equal(workbench.listener.problem, undefined);
      assert.equal((await send(`${before.url}/still-here`, { body: '{}' })).status, 200);
    } finally {
      await squatter.release();
    }
  });

  it('reports a port in use without touching the setting, and can listen on a free port instead', async () => {
    const workbench = await api();
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
    const squatter = await squatPort();
    try {
      await config().update('port', squatter.port, vscode.ConfigurationTarget.Global);
      assert.equal(await vscode.commands.executeCommand('webhookWorkbench.startListener'), undefined, 'no address: it did not start');
      assert.equal(workbench.listener.address, undefined);
      assert.equal(workbench.listener.problem?.kind, 'portInUse');
      assert.equal(config().get('port'), squatter.port, 'the setting is never rewritten');
      const address = await vscode.commands.executeCommand<{ port: number; url: string }>('webhookWorkbench.listenOnFreePort');
      assert.ok(address && address.port !== squatter.port, 'listening elsewhere for this session');
      assert.equal(workbench.listener.problem, undefined);
      assert.equal(config().get('port'), squatter.port);
      assert.equal((await send(`${address.url}/free-port`, { body: '{}' })).status, 200);
    } finally {
      await squatter.release();
    }
  });

  it('applies a new response setting while running', async () => {
    const workbench = await api();
    try {
      await config().update('response.status', 202, vscode.ConfigurationTarget.Global);
      await eventually(async () => (await send(`${workbench.listener.address!.url}/status`, { body: '{}' })).status === 202, 'a 202 answer');
    } finally {
      await config().update('response.status', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('keeps captures when the store is reopened from disk (as after a window reload)', async () => {
    const workbench = await api();
    await deliver('/kept/1');
    await deliver('/kept/2');
    const ids = workbench.store.list().map((s) => s.id);
    assert.equal(ids.length, 2);
    const reopened = await CaptureStore.open({ folder: workbench.store.folder, retention: 1000 });
    assert.deepEqual(reopened.list().map((s) => s.id), ids);
    await reopened.close();
  });

  it('deletes one capture, then clears them all', async () => {
    const workbench = await api();
    const first = await deliver('/delete/1');
    await deliver('/delete/2');
    await vscode.commands.executeCommand('webhookWorkbench.deleteCapture', captureNodes(workbench.captureTree).find((n) => n.summary.id === first));
    assert.equal(workbench.store.get(first), undefined);
    await vscode.commands.executeCommand('webhookWorkbench.clearCaptures', { confirmed: true });
    assert.equal(workbench.store.size, 0);
    await eventually(() => captureNodes(workbench.captureTree).length === 0 || undefined, 'an empty tree');
  });
});

// The same controller class the extension composes, with a workspaceState of its own: one controller
// per "window", disposed as a reload disposes it.
describe('Listener across window reloads', () => {
  let log: vscode.LogOutputChannel;
  const controllers: ListenerController[] = [];
  const window = async (memento: vscode.Memento) => {
    const controller = new ListenerController((await api()).store, log, undefined, memento);
    controllers.push(controller);
    return controller;
  };

  before(async () => {
    log = vscode.window.createOutputChannel('Webhook Workbench reload tests', { log: true });
    await config().update('port', 0, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    for (const controller of controllers.splice(0)) await controller.dispose();
  });

  after(async () => {
    await config().update('port', undefined, vscode.ConfigurationTarget.Global);
    log.dispose();
  });

  it('resumes a listener the user left running, on the same port', async () => {
    const memento = new MemoryMemento();
    const first = await window(memento);
    const address = await first.start();
    assert.ok(address);
    await first.dispose();
    const second = await window(memento);
    const resumed = await second.resume();
    assert.equal(resumed?.port, address.port);
    assert.equal((await send(`${resumed.url}/resumed`, { body: '{}' })).status, 200);
  });

  it('does not start one the user stopped, nor one never started', async () => {
    const memento = new MemoryMemento();
    assert.equal(await (await window(memento)).resume(), undefined, 'never started');
    const first = await window(memento);
    await first.start();
    await first.stop();
    await first.dispose();
    assert.equal(await (await window(memento)).resume(), undefined, 'stopped by the user');
  });

  it('says why, with the port, when the port it resumes on is taken', async () => {
    const memento = new MemoryMemento();
    const first = await window(memento);
    const address = (await first.start())!;
    await first.dispose();
    const squatter = net.createServer().listen(address.port, '127.0.0.1');
    await new Promise((r) => squatter.once('listening', r));
    try {
      const second = await window(memento);
      assert.equal(await second.resume(), undefined);
      assert.equal(second.problem?.kind, 'portInUse');
      assert.match(second.problem.message, new RegExp(`127\\.0\\.0\\.1:${address.port}: the port is in use`));
      const elsewhere = await second.listenOnFreePort();
      assert.ok(elsewhere && elsewhere.port !== address.port);
      assert.equal(second.problem, undefined);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });
});
