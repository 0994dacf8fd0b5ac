import * as assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { send } from '../support/httpClient';
import { LocaltunnelServer } from '../support/localtunnelServer';
import type { RecordingTarget } from '../support/recordingTarget';
import { closedPort, startRecordingTarget } from '../support/recordingTarget';
import { captureNodes, eventually, workbenchApi } from './workbenchApi';

const SECRET = 'relay-secret';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const config = () => vscode.workspace.getConfiguration('webhookWorkbench');

/** A target that checks GitHub signatures the way a real consumer would. */
function verifyingTarget(): Promise<RecordingTarget> {
  return startRecordingTarget((req) => {
    const expected = `sha256=${createHmac('sha256', SECRET).update(req.body).digest('hex')}`;
    const ok = req.headers['x-hub-signature-256'] === expected;
    return { status: ok ? 200 : 401, headers: { 'content-type': 'text/plain', 'x-target': 'yes' }, body: ok ? 'verified' : 'bad signature' };
  });
}

describe('Tunnel, forwarding, replay, resend, rules and exports in VS Code', () => {
  let tunnelServer: LocaltunnelServer;
  let target: RecordingTarget;
  let url: string;

  before(async () => {
    tunnelServer = await LocaltunnelServer.start();
    target = await verifyingTarget();
    await config().update('port', 0, vscode.ConfigurationTarget.Global);
    await config().update('tunnel.host', tunnelServer.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('webhookWorkbench.clearCaptures', { confirmed: true });
    url = (await vscode.commands.executeCommand<{ url: string }>('webhookWorkbench.startListener')).url;
  });

  after(async () => {
    await vscode.commands.executeCommand('webhookWorkbench.stopTunnel');
    await vscode.commands.executeCommand('webhookWorkbench.stopForwarding');
    for (const key of ['tunnel.host', 'forward.answerWithTargetResponse', 'responseRules']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
    await target.close();
    await tunnelServer.close();
  });

  it('opens a public tunnel from its command; a request to the public URL arrives as a capture', async () => {
    const api = await workbenchApi();
    const publicUrl = await vscode.commands.executeCommand<string>('webhookWorkbench.startTunnel');
    assert.ok(publicUrl, 'the command returns the public URL');
    assert.equal(api.tunnel.state.kind, 'open');
    const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0x00, 0x7d]);
    const res = await send(`${publicUrl}/through/tunnel`, { body, headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(res.status, 200);
    const node = await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.url === '/through/tunnel'), 'the tunnelled capture');
    assert.equal(sha256((await api.store.readBody(node.summary.id))!), sha256(body), 'byte-exact through the tunnel');
    assert.equal(await vscode.commands.executeCommand('webhookWorkbench.copyTunnelUrl'), publicUrl);
  });

  it('forwards each capture byte-exact to the target, records its answer and shows it in the tree', async () => {
    const api = await workbenchApi();
    await vscode.commands.executeCommand('webhookWorkbench.forwardTo', `${target.url}/webhooks`);
    const payload = JSON.stringify({ action: 'opened', note: 'forward me ✓' });
    const signature = `sha256=${createHmac('sha256', SECRET).update(payload).digest('hex')}`;
    const res = await send(`${url}/hooks/forwarded?x=1`, { headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-hub-signature-256': signature }, body: payload });
    assert.equal(res.status, 200, 'the sender is answered by the listener');
    const node = await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.url === '/hooks/forwarded?x=1' && n.summary.forward), 'the forward result');
    assert.deepEqual(node.summary.forward && { ok: node.summary.forward.ok, status: node.summary.forward.ok && node.summary.forward.status }, { ok: true, status: 200 });
    const received = target.received.find((r) => r.url === '/webhooks?x=1')!;
    assert.equal(sha256(received.body), sha256(Buffer.from(payload)));
    assert.equal(received.headers['x-hub-signature-256'], signature, 'the signature header travels and still verifies at the target');
    const item = await api.captureTree.getTreeItem(node);
    assert.match(String(item.description), /→ 200 · \d+ ms/);
  });

  it('reports a dead forward target on the capture and still answers the sender', async () => {
    const api = await workbenchApi();
    await vscode.commands.executeCommand('webhookWorkbench.forwardTo', `http://127.0.0.1:${await closedPort()}/down`);
    const res = await send(`${url}/hooks/dead-target`, { body: '{}' });
    assert.equal(res.status, 200);
    const node = await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.url === '/hooks/dead-target' && n.summary.forward), 'the failed forward');
    assert.equal(node.summary.forward?.ok === false && node.summary.forward.error, 'ECONNREFUSED');
    assert.match(String((await api.captureTree.getTreeItem(node)).description), /→ ECONNREFUSED/);
  });

  it("answers the sender with the target's response when asked to", async () => {
    await vscode.commands.executeCommand('webhookWorkbench.forwardTo', `${target.url}/webhooks`);
    await config().update('forward.answerWithTargetResponse', true, vscode.ConfigurationTarget.Global);
    const res = await eventually(async () => {
      const r = await send(`${url}/hooks/answer-from-target`, { headers: { 'x-hub-signature-256': 'sha256=00' }, body: '{}' });
      return r.status === 401 && r;
    }, "the target's 401 relayed to the sender");
    assert.equal(res.body.toString(), 'bad signature');
    assert.equal(res.headers['x-target'], 'yes');
    const api = await workbenchApi();
    const answered = api.store.list().filter((s) => s.url === '/hooks/answer-from-target').pop()!;
    assert.equal(answered.responseStatus, 401, 'the capture records what the sender really got');
    await config().update('forward.answerWithTargetResponse', undefined, vscode.ConfigurationTarget.Global);
  });

  it('replays a capture to any URL, and edits and resends it re-signed so the target still accepts it', async () => {
    const api = await workbenchApi();
    await api.secrets.set({ provider: 'github' }, SECRET);
    const node = captureNodes(api.captureTree).find((n) => n.summary.url === '/hooks/forwarded?x=1')!;
    const [replayed] = await vscode.commands.executeCommand<Array<{ ok: boolean; status?: number }>>('webhookWorkbench.replayTo', node, undefined, `${target.url}/replayed`);
    assert.equal(replayed.status, 200, 'the untouched replay verifies');

    const uri = await vscode.commands.executeCommand<vscode.Uri>('webhookWorkbench.editAndResend', node);
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    const at = document.getText().indexOf('forward me');
    edit.replace(uri, new vscode.Range(document.positionAt(at), document.positionAt(at + 'forward me'.length)), 'edited body');
    await vscode.workspace.applyEdit(edit);
    await document.save();
    const requestLine = document.getText().split('\n').findIndex((l) => l.startsWith('POST '));
    const unsigned = await vscode.commands.executeCommand<{ ok: boolean; status?: number }>('webhookWorkbench.sendHttpRequest', uri, requestLine, { resign: false });
    assert.equal(unsigned.status, 401, 'the edited body no longer matches the old signature');
    const resigned = await vscode.commands.executeCommand<{ ok: boolean; status?: number }>('webhookWorkbench.sendHttpRequest', uri, requestLine, { resign: true });
    assert.equal(resigned.status, 200, 'the re-signed request verifies at the target');
    assert.ok(target.received.some((r) => r.body.toString().includes('edited body')));
    await api.secrets.clear({ provider: 'github' });
  });

  it('answers per-route rules and provider handshakes, recording handshakes as such', async () => {
    const api = await workbenchApi();
    await vscode.commands.executeCommand('webhookWorkbench.stopForwarding');
    await config().update('responseRules', [{ path: '/ruled/**', status: 202, body: 'ruled' }], vscode.ConfigurationTarget.Global);
    const ruled = await eventually(async () => {
      const r = await send(`${url}/ruled/a/b`, { body: '{}' });
      return r.status === 202 && r;
    }, 'the rule to apply');
    assert.equal(ruled.body.toString(), 'ruled');
    const slack = await send(`${url}/slack/events`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' }) });
    assert.equal(slack.status, 200);
    assert.equal(slack.body.toString(), 'c-123');
    const node = await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.url === '/slack/events'), 'the handshake capture');
    assert.equal(node.summary.handshake, 'slack-url-verification');
    assert.match(String((await api.captureTree.getTreeItem(node)).description), /handshake: slack-url-verification/);
  });

  it('copies a capture as cURL, exports HAR and imports it back', async () => {
    const api = await workbenchApi();
    const node = captureNodes(api.captureTree).find((n) => n.summary.url === '/hooks/forwarded?x=1')!;
    const curl = await vscode.commands.executeCommand<string>('webhookWorkbench.copyAsCurl', node);
    assert.match(curl, /^curl .*--data-binary/);
    assert.equal(await vscode.env.clipboard.readText(), curl);
    const harFile = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'har-')), 'captures.har'));
    await vscode.commands.executeCommand('webhookWorkbench.exportCaptures', undefined, undefined, harFile);
    const har = JSON.parse(fs.readFileSync(harFile.fsPath, 'utf8')) as { log: { version: string; entries: unknown[] } };
    assert.equal(har.log.version, '1.2');
    const count = api.store.size;
    assert.equal(har.log.entries.length, count);
    const forwardedBefore = target.received.length;
    await vscode.commands.executeCommand('webhookWorkbench.clearCaptures', { confirmed: true });
    assert.equal(await vscode.commands.executeCommand('webhookWorkbench.importCaptures', harFile), count);
    assert.equal(api.store.size, count);
    const imported = api.store.list().find((s) => s.url === '/hooks/forwarded?x=1')!;
    assert.match(Buffer.from((await api.store.readBody(imported.id))!).toString(), /forward me ✓/);
    assert.equal(target.received.length, forwardedBefore, 'imported captures are not forwarded');
  });

  it('stops the tunnel from its command', async () => {
    const api = await workbenchApi();
    await vscode.commands.executeCommand('webhookWorkbench.stopTunnel');
    assert.equal(api.tunnel.state.kind, 'closed');
  });
});
