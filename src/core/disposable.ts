export interface Disposable {
  dispose(): void;
}

/**
 * Owns child disposables and disposes them, newest first, when it is disposed. One that throws does
 * not stop the others; the error (or an AggregateError of several) is rethrown once all have run.
 */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Keeps `item` until the store is disposed; a store already disposed disposes it at once. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
    } else {
      this.items.push(item);
    }
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    while (this.items.length) {
      try {
        this.items.pop()?.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} disposables failed to dispose`);
  }
}

/**
 * The base of every class that starts things (servers, emitters, listeners, timers): it registers
 * each with `_register` and they all end, newest first, when it is disposed.
 */
export abstract class DisposableBase implements Disposable {
  readonly #disposables = new DisposableStore();

  protected get isDisposed(): boolean {
    return this.#disposables.isDisposed;
  }

  /** Keeps `item` until this owner is disposed; an owner already disposed disposes it at once. */
  protected _register<T extends Disposable>(item: T): T {
    return this.#disposables.add(item);
  }

  dispose(): void {
    this.#disposables.dispose();
  }
}
