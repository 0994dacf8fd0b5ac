import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as vscode from 'vscode';
import type { PostedMessage } from '../../src/host/panels/payloadPanels';
import type { SignatureSnapshot } from '../../src/shared/protocol';
import { send } from '../support/httpClient';
import { captureNodes, eventually, startFresh, workbenchApi } from './workbenchApi';

const SECRET = 'integration-secret';

function githubDelivery(body: string, deliveryId: string, signWith = SECRET) {
  return {
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': deliveryId,
      'x-hub-signature-256': `sha256=${createHmac('sha256', signWith).update(body).digest('hex')}`,
    },
    body,
  };
}

describe('Signatures and the payload view in VS Code', () => {
  const posted: PostedMessage[] = [];
  let url: string;

  before(async () => {
    const api = await workbenchApi();
    await api.secrets.clear({ provider: 'github' });
    api.payloadPanels.onDidPost((m) => posted.push(m));
    url = await startFresh();
  });

  // Each test sets the secret it needs.
  beforeEach(async () => {
    await (await workbenchApi()).secrets.clear({ provider: 'github' });
  });

  after(async () => {
    const api = await workbenchApi();
    await api.secrets.clear({ provider: 'github' });
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const lastSignature = (captureId: string): SignatureSnapshot | undefined => {
    for (let i = posted.length - 1; i >= 0; i--) {
      const { message } = posted[i];
      if (message.type === 'showCapture' && message.capture.id === captureId) return message.capture.signature;
      if (message.type === 'updateSignature' && message.captureId === captureId) return message.signature;
    }
    return undefined;
  };

  async function capture(path: string, delivery: { headers: Record<string, string>; body: string }): Promise<string> {
    const api = await workbenchApi();
    await send(`${url}${path}`, delivery);
    const node = await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.url === path), `the capture of ${path}`);
    return node.summary.id;
  }

  it('opens a signed capture in the payload view with a no-secret badge, and flips to valid when the secret is set', async () => {
    const api = await workbenchApi();
    const id = await capture('/hooks/github', githubDelivery('{"action":"opened","issue":{"number":1}}', 'delivery-1'));
    await vscode.commands.executeCommand('webhookWorkbench.openCapture', id);
    const before = await eventually(() => lastSignature(id), 'the badge the host posts');
    assert.equal(before.status, 'no-secret');
    assert.equal(before.provider, 'github');
    const shown = posted.find((p) => p.message.type === 'showCapture' && p.message.capture.id === id)!.message;
    assert.ok(shown.type === 'showCapture');
    assert.equal(shown.capture.event, 'issues.opened');
    assert.equal(shown.capture.deliveryId, 'delivery-1');
    assert.ok(!JSON.stringify(posted).includes(SECRET), 'the secret never reaches the view');

    await api.secrets.set({ provider: 'github' }, SECRET);
    const after = await eventually(() => lastSignature(id)?.status === 'valid' && lastSignature(id), 'the badge to become valid');
    assert.match(after.detail, /GitHub/);
    assert.ok(!JSON.stringify(posted).includes(SECRET), 'the secret never reaches the view');
    const node = captureNodes(api.captureTree).find((n) => n.summary.id === id)!;
    const item = await api.captureTree.getTreeItem(node);
    assert.match(String(item.contextValue), /\bsig-valid\b/);
    assert.match(String(item.description), /signature valid/);
  });

  it('marks a tampered delivery invalid and a redelivery as a duplicate', async () => {
    const api = await workbenchApi();
    await api.secrets.set({ provider: 'github' }, SECRET);
    const tampered = githubDelivery('{"action":"opened","issue":{"number":2}}', 'delivery-2');
    tampered.body = tampered.body.replace('2', '3');
    const badId = await capture('/hooks/github/tampered', tampered);
    assert.equal((await api.signatures.verdictFor(badId))?.status, 'invalid');
    const firstId = await capture('/hooks/github/retry', githubDelivery('{"action":"closed"}', 'delivery-3'));
    const retryDelivery = githubDelivery('{"action":"closed"}', 'delivery-3');
    await send(`${url}/hooks/github/retry`, retryDelivery);
    const retry = await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.url === '/hooks/github/retry' && n.summary.id !== firstId), 'the redelivery');
    assert.equal(api.store.duplicateOf(retry.summary.id), firstId);
    const item = await api.captureTree.getTreeItem(retry);
    assert.match(String(item.contextValue), /\bduplicate\b/);
    await vscode.commands.executeCommand('webhookWorkbench.openCapture', retry.summary.id);
    const shown = await eventually(
      () => posted.map((p) => p.message).find((m) => m.type === 'showCapture' && m.capture.id === retry.summary.id),
      'the redelivery in the view',
    );
    assert.ok(shown.type === 'showCapture');
    assert.equal(shown.capture.duplicateOf, firstId);
  });

  it('labels and verifies a custom HMAC provider from settings like a built-in one: provider, event, delivery id, duplicate, badge', async () => {
    const api = await workbenchApi();
    const config = vscode.workspace.getConfiguration('webhookWorkbench');
    const acme = {
      id: 'acme', name: 'Acme', signatureHeader: 'X-Acme-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=',
      deliveryIdHeader: 'X-Acme-Delivery', eventHeader: 'X-Acme-Event',
    };
    await config.update('signatures.customProviders', [acme], vscode.ConfigurationTarget.Global);
    try {
      const body = '{"order":42}';
      const acmeDelivery = (signWith: string) => ({
        headers: {
          'content-type': 'application/json',
          'x-acme-event': 'order.paid',
          'x-acme-delivery': 'acme-1',
          'x-acme-signature': `sha256=${createHmac('sha256', signWith).update(body).digest('hex')}`,
        },
        body,
      });
      // The listener takes the new labeller when the setting changes; a delivery sent before that lands unlabelled.
      const firstId = await eventually(async () => {
        const id = await capture(`/hooks/acme/${Date.now()}`, acmeDelivery('acme-secret'));
        return api.store.get(id)?.provider === 'custom:acme' && id;
      }, 'a delivery labelled with the custom provider');
      const first = api.store.get(firstId)!;
      assert.equal(first.event, 'order.paid');
      assert.equal(first.deliveryId, 'acme-1');
      await api.secrets.set({ provider: 'custom:acme' }, 'acme-secret');
      assert.equal((await api.signatures.verdictFor(firstId))?.status, 'valid');
      const retryId = await capture('/hooks/acme/retry', acmeDelivery('acme-secret'));
      assert.equal(api.store.duplicateOf(retryId), firstId);
      const forgedId = await capture('/hooks/acme/forged', acmeDelivery('not-the-secret'));
      assert.equal((await api.signatures.verdictFor(forgedId))?.status, 'invalid');
    } finally {
      await api.secrets.clear({ provider: 'custom:acme' });
      await config.update('signatures.customProviders', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('reuses one payload view until it is pinned, and closes a view whose capture is deleted', async () => {
    const api = await workbenchApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push(await capture(`/hooks/reuse/${n}`, githubDelivery(`{"n":${n}}`, `reuse-${n}`)));
    await vscode.commands.executeCommand('webhookWorkbench.openCapture', ids[0]);
    await vscode.commands.executeCommand('webhookWorkbench.openCapture', ids[1]);
    assert.equal(api.payloadPanels.openPanels.length, 1);
    await vscode.commands.executeCommand('webhookWorkbench.pinPayloadView');
    await vscode.commands.executeCommand('webhookWorkbench.openCapture', ids[2]);
    assert.equal(api.payloadPanels.openPanels.length, 2);
    await vscode.commands.executeCommand('webhookWorkbench.deleteCapture', captureNodes(api.captureTree).find((n) => n.summary.id === ids[2]));
    await eventually(() => api.payloadPanels.openPanels.length === 1, 'the deleted capture’s view to close');
  });

  it('restores a payload view after a reload through its serializer, and closes one whose capture is gone', async () => {
    const api = await workbenchApi();
    const id = await capture('/hooks/restored', githubDelivery('{"restored":true}', 'restored-1'));
    const node = captureNodes(api.captureTree).find((n) => n.summary.id === id)!;
    const restored = vscode.window.createWebviewPanel('webhookWorkbench.payload', 'restored', vscode.ViewColumn.Active, {});
    await api.payloadPanels.deserializeWebviewPanel(restored, { captureId: node.summary.id });
    await eventually(
      () => posted.some((p) => p.message.type === 'showCapture' && p.message.capture.id === node.summary.id && api.payloadPanels.openPanels.some((o) => o.panel === restored)),
      'the restored view to show its capture',
    );
    let disposed = false;
    const orphan = vscode.window.createWebviewPanel('webhookWorkbench.payload', 'orphan', vscode.ViewColumn.Active, {});
    orphan.onDidDispose(() => (disposed = true));
    await api.payloadPanels.deserializeWebviewPanel(orphan, { captureId: '9999999999' });
    assert.equal(disposed, true, 'a view whose capture no longer exists is closed');
  });
});
