import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as vscode from 'vscode';
import type { CaptureTreeNode, RouteNode } from '../../src/host/views/captureTreeItems';
import { CAPTURES_PER_PAGE } from '../../src/host/views/captureGroups';
import { TREE_REFRESH_INTERVAL_MS } from '../../src/host/views/captureTreeProvider';
import { send } from '../support/httpClient';
import { startRecordingTarget } from '../support/recordingTarget';
import { captureNodes, eventually, startFresh, workbenchApi } from './workbenchApi';

type Refresh = CaptureTreeNode | CaptureTreeNode[] | undefined | null | void;

const config = () => vscode.workspace.getConfiguration('webhookWorkbench');
/** Longer than the tree's refresh interval: a tree quiet this long has nothing left to repaint. */
const QUIET_MS = 400;

function describeRefresh(refresh: Refresh): string[] | 'everything' {
  if (!refresh) return 'everything';
  return (Array.isArray(refresh) ? refresh : [refresh]).map((n) => (n.kind === 'route' ? `route ${n.route}` : n.kind === 'capture' ? `capture ${n.summary.url}` : `older ${n.parent.route}`));
}

describe('The capture tree in VS Code: what a change repaints', () => {
  const refreshes: Refresh[] = [];
  let subscription: vscode.Disposable;
  let lastRefreshAt = 0;

  before(async () => {
    const api = await workbenchApi();
    subscription = api.captureTree.onDidChangeTreeData((refresh) => {
      refreshes.push(refresh);
      lastRefreshAt = Date.now();
    });
  });

  beforeEach(async () => {
    const before = refreshes.length;
    await startFresh();
    // The clear repaints everything: wait for it, so quiet() below starts from a tree that has.
    await eventually(() => refreshes.length > before, 'the refresh after the fresh start');
  });

  after(async () => {
    subscription.dispose();
    const api = await workbenchApi();
    await api.secrets.clear({ provider: 'github' });
    await config().update('retention', undefined, vscode.ConfigurationTarget.Global);
    await config().update('port', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
  });

  async function deliver(path: string, body = '{}', headers: Record<string, string> = {}): Promise<string> {
    const api = await workbenchApi();
    assert.equal((await send(`${api.listener.address!.url}${path}`, { body, headers: { 'content-type': 'application/json', ...headers } })).status, 200);
    return (await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.url === path), `the capture of ${path}`)).summary.id;
  }

  /**
   * Waits until the tree has repainted everything it was asked to (no refresh for a while). A change
   * made just after another is held up to 60 ms: call it after a refresh, not after a change alone.
   */
  async function quiet(): Promise<void> {
    await eventually(() => Date.now() - lastRefreshAt > QUIET_MS || undefined, 'a quiet tree');
  }

  /** Delivers to `path` on a quiet tree and returns what the next refresh repainted. */
  async function repaintedBy(path: string): Promise<string[] | 'everything'> {
    await quiet();
    const before = refreshes.length;
    await deliver(path);
    return describeRefresh(await eventually(() => refreshes.length > before && { refresh: refreshes[before] }, 'a refresh').then((r) => r.refresh));
  }

  it('repaints only the route that got a capture, and everything only when routes come or change places', async () => {
    assert.equal(await repaintedBy('/tree/a?n=1'), 'everything', 'a new route');
    assert.deepEqual(await repaintedBy('/tree/a?n=2'), ['route /tree/a']);
    assert.equal(await repaintedBy('/tree/b?n=1'), 'everything', 'another new route, now first');
    assert.equal(await repaintedBy('/tree/a?n=3'), 'everything', '/tree/a moves back to the top');
    assert.deepEqual(await repaintedBy('/tree/a?n=4'), ['route /tree/a']);
  });

  it('lands a burst of concurrent deliveries in the tree, newest first, with refreshes coalesced to one per interval', async () => {
    const api = await workbenchApi();
    const { url } = api.listener.address!;
    await quiet();
    const before = refreshes.length;
    const started = Date.now();
    const total = 400;
    const paths = Array.from({ length: total }, (_, n) => `/tree/burst/${n % 2 ? 'odd' : 'even'}?n=${n}`);
    // 40 senders at once, as a provider's retry storm or a load test sends them.
    let next = 0;
    await Promise.all(Array.from({ length: 40 }, async () => {
      while (next < total) {
        const path = paths[next++];
        assert.equal((await send(`${url}${path}`, { body: `{"n":"${path}"}`, headers: { 'content-type': 'application/json' } })).status, 200);
      }
    }));
    const routes = await eventually(() => {
      const shown = (api.captureTree.getChildren() as RouteNode[]).filter((r) => r.route.startsWith('/tree/burst/'));
      return shown.length === 2 && shown.every((r) => r.count === total / 2) && shown;
    }, 'both routes with every capture');
    await quiet();
    const elapsed = Date.now() - started;
    const stored = api.store.list();
    for (const route of routes) {
      const rows = api.captureTree.getChildren(route);
      assert.equal(rows.length, CAPTURES_PER_PAGE + 1, `${route.route}: a page of rows and the row for older ones`);
      const expected = stored.filter((s) => s.url.startsWith(`${route.route}?`)).reverse().slice(0, CAPTURES_PER_PAGE).map((s) => s.id);
      assert.deepEqual(rows.slice(0, CAPTURES_PER_PAGE).map((n) => n.kind === 'capture' && n.summary.id), expected, `${route.route}: the newest captures, newest first`);
    }
    const fired = refreshes.length - before;
    assert.ok(fired >= 1, 'the tree was told');
    // The throttle's promise, whatever the machine's speed: at most one refresh per interval.
    assert.ok(fired <= Math.ceil(elapsed / TREE_REFRESH_INTERVAL_MS) + 1, `${fired} refreshes for ${total} deliveries in ${elapsed} ms`);
  });

  it('builds a row once, and again when its capture changes: a forward result repaints that row alone', async () => {
    const api = await workbenchApi();
    const target = await startRecordingTarget(() => ({ status: 204 }));
    try {
      const id = await deliver('/tree/forwarded');
      const node = captureNodes(api.captureTree).find((n) => n.summary.id === id)!;
      const item = await api.captureTree.getTreeItem(node);
      assert.equal(await api.captureTree.getTreeItem(node), item, 'the same item while nothing changed');
      assert.deepEqual(item.command?.arguments, [id], 'the row opens its capture by id');
      await quiet();
      const before = refreshes.length;
      await api.forwarding.send(id, target.url, 'target');
      assert.deepEqual(describeRefresh(await eventually(() => refreshes.length > before && { r: refreshes[before] }, 'a refresh').then((x) => x.r)), ['capture /tree/forwarded']);
      const updated = await api.captureTree.getTreeItem(node);
      assert.notEqual(updated, item);
      assert.match(String(updated.description), /→ 204/);
    } finally {
      await target.close();
    }
  });

  it('verifies a delivery as it arrives, without reading it back, and again from disk when its secret changes', async () => {
    const api = await workbenchApi();
    await api.secrets.set({ provider: 'github' }, 'tree-secret');
    // The change is announced by SecretStorage as well, and re-checks every verdict: let that pass first.
    await quiet();
    const reads: string[] = [];
    const read = api.store.read.bind(api.store);
    api.store.read = async (id: string) => {
      reads.push(id);
      return read(id);
    };
    try {
      const body = '{"action":"opened"}';
      const signature = `sha256=${createHmac('sha256', 'tree-secret').update(body).digest('hex')}`;
      const id = await deliver('/tree/signed', body, { 'x-github-event': 'issues', 'x-github-delivery': 'tree-1', 'x-hub-signature-256': signature });
      const node = captureNodes(api.captureTree).find((n) => n.summary.id === id)!;
      assert.match(String((await api.captureTree.getTreeItem(node)).description), /signature valid/);
      assert.equal((await api.signatures.verdictFor(id))?.status, 'valid');
      assert.equal(reads.length, 0, 'verified from the body in memory, not read back');

      await api.secrets.set({ provider: 'github' }, 'another-secret');
      await eventually(async () => /signature invalid/.test(String((await api.captureTree.getTreeItem(captureNodes(api.captureTree).find((n) => n.summary.id === id)!)).description)), 'the row re-checked with the new secret');
      assert.ok(reads.includes(id), 're-verified from disk');
    } finally {
      api.store.read = read;
      await api.secrets.clear({ provider: 'github' });
    }
  });

  it('keeps no more verdicts than captures when the retention evicts them', async () => {
    const api = await workbenchApi();
    await config().update('retention', 3, vscode.ConfigurationTarget.Global);
    try {
      await eventually(async () => {
        await deliver(`/tree/retention?n=${Date.now()}`);
        return api.store.size <= 3 && api.store.size > 0;
      }, 'the retention applied');
      for (let n = 0; n < 6; n++) await deliver(`/tree/retention?k=${n}`);
      for (const node of captureNodes(api.captureTree)) await api.signatures.verdictFor(node.summary.id);
      assert.equal(api.store.size, 3);
      await eventually(() => api.signatures.size <= 3 || undefined, 'the evicted captures’ verdicts forgotten');
      assert.equal(captureNodes(api.captureTree).length, 3);
    } finally {
      await config().update('retention', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('shows a route’s newest captures first, and older ones a page at a time from the row below them', async () => {
    const api = await workbenchApi();
    const { url } = api.listener.address!;
    const total = CAPTURES_PER_PAGE + 5;
    for (let n = 0; n < total; n++) assert.equal((await send(`${url}/tree/many?n=${n}`, { body: '{}' })).status, 200);
    const route = await eventually(() => (api.captureTree.getChildren() as RouteNode[]).find((r) => r.route === '/tree/many' && r.count === total), 'every capture in the route');
    let children = api.captureTree.getChildren(route);
    assert.equal(children.length, CAPTURES_PER_PAGE + 1);
    const newest = children[0];
    assert.equal(newest.kind === 'capture' && newest.summary.url, `/tree/many?n=${total - 1}`);
    const older = children[CAPTURES_PER_PAGE];
    assert.equal(older.kind, 'older');
    const olderItem = await api.captureTree.getTreeItem(older);
    assert.equal(olderItem.label, 'Show 5 older captures');
    assert.equal(olderItem.description, '5 not shown');
    assert.match(String((await api.captureTree.getTreeItem(route)).description), new RegExp(`^${total} captures$`));
    await vscode.commands.executeCommand(olderItem.command!.command, ...(olderItem.command!.arguments ?? []));
    children = api.captureTree.getChildren(route);
    assert.equal(children.length, total);
    const oldest = children[total - 1];
    assert.equal(oldest.kind === 'capture' && oldest.summary.url, '/tree/many?n=0');
  });
});
