export interface Disposable {
  dispose(): void;
}

/** Owns child disposables and disposes them, newest first, when it is disposed. */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
    } else {
      this.items.push(item);
    }
    return item;
  }

  dispose(): void {
    this.disposed = true;
    while (this.items.length) this.items.pop()?.dispose();
  }
}
