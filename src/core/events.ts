import type { Disposable } from './disposable';

/** A subscription function in the style of vscode.Event, without depending on vscode. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    if (this.listeners.size === 0) return; // the request path fires per capture, often to nobody
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        // One failing listener must not starve the others (or the request path).
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
