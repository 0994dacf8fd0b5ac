import { isHostMessage } from '../shared/protocol';
import type { HostMessage, PayloadViewState, WebviewMessage } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  setState(state: PayloadViewState): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The view's one link to the extension host: typed posts out, validated messages in, saved state. */
export class HostConnection {
  private readonly api = acquireVsCodeApi();

  post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  /** What an earlier instance of this view saved (unvalidated: it may come from another version). */
  savedState(): unknown {
    return this.api.getState();
  }

  /** Kept by VS Code while the panel lives and through window reloads. */
  saveState(state: PayloadViewState): void {
    this.api.setState(state);
  }

  /** Calls `handler` for each valid host message; anything else is dropped and reported to the host. */
  listen(handler: (message: HostMessage) => void): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isHostMessage(message)) {
        this.post({ type: 'error', message: `Ignored an invalid message from the host: ${describe(message)}` });
        return;
      }
      handler(message);
    });
  }
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'type' in value) {
    return `type ${JSON.stringify(String((value).type)).slice(0, 80)}`;
  }
  return typeof value;
}
