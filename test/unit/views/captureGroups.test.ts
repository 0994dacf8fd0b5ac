import * as assert from 'node:assert/strict';
import type { CaptureSummary } from '../../../src/core';
import { captureId } from '../../../src/core/store/captureTable';
import type { CaptureNode, OlderCapturesNode, RouteNode, TreeChange } from '../../../src/host/views/captureGroups';
import { CAPTURES_PER_PAGE, CaptureGroups } from '../../../src/host/views/captureGroups';

let seq = 0;
function summary(url: string, extra: Partial<CaptureSummary> = {}): CaptureSummary {
  seq += 1;
  return { id: captureId(seq), seq, receivedAt: 1_700_000_000_000 + seq, method: 'POST', url, bodySize: 2, truncated: false, responseStatus: 200, ...extra };
}

const routesOf = (groups: CaptureGroups) => groups.routes().map((r) => r.route);
const urlsOf = (groups: CaptureGroups, route: RouteNode) => groups.children(route).map((n) => (n.kind === 'capture' ? n.summary.url : `older ${n.hidden}`));
const touched = (change: TreeChange) => [...change.nodes].map((n) => (n.kind === 'route' ? `route ${n.route}` : `capture ${n.summary.url}`));

describe('CaptureGroups: the capture tree kept up to date capture by capture', () => {
  it('groups by route, the route with the newest capture first, each newest first', () => {
    const groups = new CaptureGroups(() => true);
    groups.reset([summary('/a?n=1'), summary('/b?n=1'), summary('/a?n=2')]);
    assert.deepEqual(routesOf(groups), ['/a', '/b']);
    assert.deepEqual(urlsOf(groups, groups.routes()[0]), ['/a?n=2', '/a?n=1']);
    assert.deepEqual(groups.routes()[0].captures.map((c) => c.url), ['/a?n=2', '/a?n=1']);
    assert.equal(groups.routes()[0].count, 2);
  });

  it('repaints only the route that got a capture while that route leads', () => {
    const groups = new CaptureGroups(() => true);
    groups.reset([summary('/b'), summary('/a')]);
    const [a] = groups.routes();
    const change = groups.add(summary('/a?n=2'));
    assert.equal(change.all, false);
    assert.deepEqual(touched(change), ['route /a']);
    assert.equal(groups.routes()[0], a, 'the same route node, so VS Code can refresh it by identity');
  });

  it('repaints everything when a route appears, takes the lead or goes', () => {
    const groups = new CaptureGroups(() => true);
    const first = summary('/a');
    groups.reset([first, summary('/b')]);
    assert.equal(groups.add(summary('/c')).all, true, 'a new route');
    assert.deepEqual(routesOf(groups), ['/c', '/b', '/a']);
    assert.equal(groups.add(summary('/a')).all, true, 'a route moves to the top');
    assert.deepEqual(routesOf(groups), ['/a', '/c', '/b']);
    assert.equal(groups.remove([first.id]).all, false, 'an old capture of a route with newer ones');
    const onlyB = groups.routes().find((r) => r.route === '/b')!;
    assert.equal(groups.remove([onlyB.captures[0].id]).all, true, 'the last capture of a route');
    assert.deepEqual(routesOf(groups), ['/a', '/c']);
  });

  it('shows the newest page of a big route, then a row that shows the next page of older ones', () => {
    const groups = new CaptureGroups(() => true);
    const all = Array.from({ length: CAPTURES_PER_PAGE * 2 + 5 }, (_, i) => summary(`/burst?i=${i}`));
    groups.reset(all);
    const [route] = groups.routes();
    let children = groups.children(route);
    assert.equal(children.length, CAPTURES_PER_PAGE + 1);
    assert.equal((children[0] as CaptureNode).summary.url, `/burst?i=${all.length - 1}`);
    const older = children[CAPTURES_PER_PAGE] as OlderCapturesNode;
    assert.equal(older.kind, 'older');
    assert.equal(older.hidden, CAPTURES_PER_PAGE + 5);
    assert.equal(route.count, all.length, 'the route still counts every capture');
    assert.deepEqual(touched(groups.showOlder(route)), ['route /burst']);
    children = groups.children(route);
    assert.equal(children.length, CAPTURES_PER_PAGE * 2 + 1);
    assert.equal(older.hidden, 5);
    groups.showOlder(route);
    children = groups.children(route);
    assert.equal(children.length, all.length, 'everything shown, no row for older ones');
    assert.equal((children[children.length - 1] as CaptureNode).summary.url, '/burst?i=0');
  });

  it('keeps a capture node when its summary changes, and repaints only that row', () => {
    const groups = new CaptureGroups(() => true);
    const original = summary('/a');
    groups.reset([original, summary('/a')]);
    const node = groups.node(original.id)!;
    const forwarded = { ...original, forward: { ok: true, status: 204, latencyMs: 3, at: 1 } } as CaptureSummary;
    const change = groups.update(forwarded);
    assert.equal(change.all, false);
    assert.deepEqual([...change.nodes], [node]);
    assert.equal(groups.node(original.id), node);
    assert.equal(node.summary, forwarded);
  });

  it('follows the filter: captures it refuses are left out, and leave when an update makes it refuse them', () => {
    const groups = new CaptureGroups((s) => s.responseStatus !== 500);
    const kept = summary('/a');
    groups.reset([kept, summary('/a', { responseStatus: 500 })]);
    assert.equal(groups.size, 1);
    assert.deepEqual(touched(groups.add(summary('/b', { responseStatus: 500 }))), []);
    const change = groups.update({ ...kept, responseStatus: 500 });
    assert.equal(change.all, true, 'its route is now empty');
    assert.equal(groups.size, 0);
    assert.deepEqual(routesOf(groups), []);
  });

  it('finds the captures that share a provider delivery id', () => {
    const groups = new CaptureGroups(() => true);
    const a = summary('/gh', { provider: 'github', deliveryId: 'd-1' });
    const b = summary('/gh', { provider: 'github', deliveryId: 'd-1' });
    groups.reset([a, b, summary('/gh', { provider: 'github', deliveryId: 'd-2' }), summary('/st', { provider: 'stripe', deliveryId: 'd-1' })]);
    assert.deepEqual(groups.withDeliveryIds(new Set([`github\u0000d-1`])).map((n) => n.summary.id), [a.id, b.id]);
  });
});
