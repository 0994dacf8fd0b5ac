import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { send } from '../../support/httpClient';
import { captureNodes, eventually, workbenchApi } from '../workbenchApi';
import { DAMAGED_URL, INTACT_CAPTURES } from './brokenStoreFacts';

describe('Webhook Workbench on a read-only, damaged capture folder', () => {
  after(async () => {
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
  });

  it('activates, lists every intact capture read-only and marks the damaged one', async () => {
    const api = await workbenchApi();
    assert.equal(api.store.health.access, 'read-only');
    assert.match(api.store.health.accessProblem ?? '', /permission denied \((EACCES|EPERM)\)/);
    assert.match(api.store.health.findings.join(' '), /Ignored 1 unreadable line at the end of the journal/);
    const nodes = captureNodes(api.captureTree);
    const intact = nodes.filter((n) => /^\/hooks\/intact\/\d+$/.test(n.summary.url));
    assert.equal(intact.length, INTACT_CAPTURES);
    for (const node of intact) {
      const n = Number(node.summary.url.split('/').pop());
      assert.equal(Buffer.from((await api.store.readBody(node.summary.id))!).toString(), JSON.stringify({ n }));
      assert.equal(node.summary.damaged, undefined);
    }
    const damaged = nodes.find((n) => n.summary.url === DAMAGED_URL);
    assert.ok(damaged, 'the capture with the damaged record is listed');
    const item = await api.captureTree.getTreeItem(damaged);
    assert.match(String(item.description), /^damaged · /);
    assert.match(String(item.contextValue), /\bdamaged\b/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning');
  });

  it('says in the view what is wrong and offers a fresh folder, where deliveries are captured again', async () => {
    const api = await workbenchApi();
    assert.match(api.storeProblems.viewMessage ?? '', /^Read-only: the captures below can be read, new deliveries cannot be saved\. .*permission denied/);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['showStoreProblem', 'useFreshCaptureFolder', 'revealCaptureFolder']) assert.ok(commands.includes(`webhookWorkbench.${id}`), id);

    await vscode.workspace.getConfiguration('webhookWorkbench').update('port', 0, vscode.ConfigurationTarget.Global);
    const address = await vscode.commands.executeCommand<{ url: string }>('webhookWorkbench.startListener');
    const refused = await send(`${address.url}/hooks/while-read-only`, { body: '{"lost":false}' });
    assert.equal(refused.status, 503, 'the sender is told the delivery was not stored');

    const fresh = await vscode.commands.executeCommand<string>('webhookWorkbench.useFreshCaptureFolder');
    assert.equal(api.store.folder, fresh);
    assert.equal(api.store.health.access, 'read-write');
    assert.equal(api.storeProblems.viewMessage, undefined);
    const res = await send(`${address.url}/hooks/after-fresh`, { headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
    assert.equal(res.status, 200);
    const node = await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.url === '/hooks/after-fresh'), 'the new capture in the tree');
    assert.equal(Buffer.from((await api.store.readBody(node.summary.id))!).toString(), '{"ok":true}');
    assert.equal(captureNodes(api.captureTree).length, 1, 'the tree shows the fresh folder');
  });
});
