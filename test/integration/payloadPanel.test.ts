import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PostedMessage } from '../../src/host/panels/payloadPanels';
import { send } from '../support/httpClient';
import type { RecordingTarget } from '../support/recordingTarget';
import { startRecordingTarget } from '../support/recordingTarget';
import { BodyAssembly } from '../../src/webview/model/bodyAssembly';
import { captureNodes, eventually, workbenchApi } from './workbenchApi';

describe('The payload view in VS Code', () => {
  const posted: PostedMessage[] = [];
  let subscription: vscode.Disposable;

  const shows = (id: string) => posted.filter((p) => p.message.type === 'showCapture' && p.message.capture.id === id).length;
  const lastShown = () => [...posted].reverse().find((p) => p.message.type === 'showCapture');
  const lastShownId = () => {
    const message = lastShown()?.message;
    return message?.type === 'showCapture' ? message.capture.id : undefined;
  };

  async function deliver(path: string, body: string): Promise<string> {
    const api = await workbenchApi();
    assert.equal((await send(`${api.listener.address!.url}${path}`, { body, headers: { 'content-type': 'application/json' } })).status, 200);
    return (await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.url === path), `the capture of ${path}`)).summary.id;
  }

  before(async () => {
    const api = await workbenchApi();
    await vscode.workspace.getConfiguration('webhookWorkbench').update('port', 0, vscode.ConfigurationTarget.Global);
    subscription = api.payloadPanels.onDidPost((m) => posted.push(m));
  });

  beforeEach(async () => {
    posted.length = 0;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('webhookWorkbench.clearCaptures', { confirmed: true });
    await vscode.commands.executeCommand('webhookWorkbench.startListener');
  });

  after(async () => {
    subscription.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
    await vscode.workspace.getConfiguration('webhookWorkbench').update('port', undefined, vscode.ConfigurationTarget.Global);
  });

  it('answers every ready: covered by another editor and shown again, the rebuilt view gets its capture again', async () => {
    const api = await workbenchApi();
    const id = await deliver('/panel/ready', '{"marker":"ready-again"}');
    await vscode.commands.executeCommand('webhookWorkbench.openCapture', id);
    await eventually(() => shows(id) >= 1, 'the capture posted to the view once it is ready');
    const before = shows(id);
    // Its own Open Raw puts another editor in the same group and hides the view; VS Code drops the
    // view's page (no retainContextWhenHidden).
    await vscode.commands.executeCommand('webhookWorkbench.openCaptureRaw', id);
    const [panel] = api.payloadPanels.openPanels;
    await eventually(() => !panel.panel.visible, 'the payload view hidden');
    panel.panel.reveal();
    await eventually(() => shows(id) > before, 'the capture posted again to the rebuilt view');
  });

  it('sends a large body as its first part with the capture, then the rest in order, which adds up to the body received', async () => {
    const items = Array.from({ length: 30_000 }, (_, i) => ({ id: `item_${i}`, note: 'é✓'.repeat(i % 7) }));
    const body = JSON.stringify({ marker: 'large-in-parts', items });
    assert.ok(Buffer.byteLength(body) > 1024 * 1024, 'more than one part after the first');
    const id = await deliver('/panel/large', body);
    await vscode.commands.executeCommand('webhookWorkbench.openCapture', id);
    // From the last showCapture on (the view may have said ready more than once).
    const mine = () => {
      const messages = posted.filter((p) => p.captureId === id).map((p) => p.message);
      return messages.slice(Math.max(0, messages.map((m) => m.type).lastIndexOf('showCapture')));
    };
    const sent = Buffer.from(body);
    let whole: Uint8Array | undefined;
    await eventually(() => {
      const [show, ...parts] = mine();
      if (show?.type !== 'showCapture' || show.capture.body.encoding !== 'head') return false;
      const assembly = new BodyAssembly(id, show.capture.body.bytes, show.capture.body.size);
      for (const part of parts) if (part.type === 'bodyPart') whole = assembly.add(part.offset, part.bytes);
      return whole !== undefined;
    }, 'the capture and every part of its body posted');
    const [show] = mine();
    assert.ok(show.type === 'showCapture' && show.capture.body.encoding === 'head' && show.capture.body.size === sent.length);
    assert.ok(Buffer.from(whole!).equals(sent), 'the parts put together are the body, byte for byte');
  });

  it('shows the capture clicked last, even when an earlier one is slower to read', async () => {
    const api = await workbenchApi();
    const slow = await deliver('/panel/slow', '{"n":1}');
    const fast = await deliver('/panel/fast', '{"n":2}');
    const read = api.store.read.bind(api.store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // A disk that takes its time over the first capture.
    api.store.read = async (id: string) => {
      if (id === slow) await gate;
      return read(id);
    };
    try {
      const openingSlow = vscode.commands.executeCommand('webhookWorkbench.openCapture', slow);
      await vscode.commands.executeCommand('webhookWorkbench.openCapture', fast);
      await eventually(() => lastShownId() === fast, 'the later capture shown');
      release();
      await openingSlow;
      assert.equal(lastShownId(), fast, 'the slow read finished last, and was not shown');
      const [panel] = api.payloadPanels.openPanels;
      assert.equal(panel.captureId, fast);
      assert.equal(panel.panel.title, 'POST /panel/fast');
    } finally {
      api.store.read = read;
    }
  });

  it('sends a relay result as its own update instead of showing the capture again', async () => {
    const api = await workbenchApi();
    let target: RecordingTarget | undefined;
    try {
      target = await startRecordingTarget(() => ({ status: 204 }));
      const id = await deliver('/panel/relay', '{"relay":true}');
      await vscode.commands.executeCommand('webhookWorkbench.openCapture', id);
      await eventually(() => shows(id) >= 1, 'the capture in the view');
      const before = shows(id);
      await api.forwarding.send(id, target.url, 'target');
      const update = await eventually(() => posted.find((p) => p.message.type === 'updateForward' && p.message.captureId === id)?.message, 'the relay result posted');
      assert.ok(update.type === 'updateForward' && update.forward?.ok === true && update.forward.status === 204);
      assert.equal(shows(id), before, 'the capture itself was not posted again (its expansion, scroll and search stay)');
    } finally {
      await target?.close();
    }
  });
});
