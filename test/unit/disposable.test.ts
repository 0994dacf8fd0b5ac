import * as assert from 'node:assert/strict';
import type { Disposable } from '../../src/core/disposable';
import { DisposableBase, DisposableStore } from '../../src/core/disposable';

/** Records the order things are disposed in; `fail` makes one throw after recording. */
function tracked(log: string[], name: string, fail = false): Disposable {
  return {
    dispose: () => {
      log.push(name);
      if (fail) throw new Error(`${name} failed`);
    },
  };
}

class Owner extends DisposableBase {
  register<T extends Disposable>(item: T): T {
    return this._register(item);
  }
  get disposed(): boolean {
    return this.isDisposed;
  }
}

describe('DisposableBase', () => {
  it('disposes what it registered, newest first', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register(tracked(log, 'server'));
    owner.register(tracked(log, 'emitter'));
    owner.register(tracked(log, 'listener'));
    owner.dispose();
    assert.deepEqual(log, ['listener', 'emitter', 'server']);
    assert.equal(owner.disposed, true);
  });

  it('disposes each registration once, however often it is disposed', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register(tracked(log, 'timer'));
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['timer']);
  });

  it('disposes a registration made after it was disposed at once', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    const late = tracked(log, 'late');
    assert.equal(owner.register(late), late);
    assert.deepEqual(log, ['late']);
    owner.dispose();
    assert.deepEqual(log, ['late']);
  });

  it('returns what it registered, so a field can be assigned in one line', () => {
    const owner = new Owner();
    const item = tracked([], 'x');
    assert.equal(owner.register(item), item);
  });

  it('disposes the others when one throws, then rethrows that error', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register(tracked(log, 'first'));
    owner.register(tracked(log, 'broken', true));
    owner.register(tracked(log, 'last'));
    assert.throws(() => owner.dispose(), /broken failed/);
    assert.deepEqual(log, ['last', 'broken', 'first']);
  });

  it('reports every failure when several throw', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.add(tracked(log, 'a', true));
    store.add(tracked(log, 'b'));
    store.add(tracked(log, 'c', true));
    assert.throws(
      () => store.dispose(),
      (error: unknown) => error instanceof AggregateError && error.errors.map((e: Error) => e.message).join() === 'c failed,a failed',
    );
    assert.deepEqual(log, ['c', 'b', 'a']);
  });
});
