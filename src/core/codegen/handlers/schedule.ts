import { code } from './sourceText';

/** `runAfterResponse` for servers that write the response before the next turn of the event loop. */
export const RUN_WITH_SET_IMMEDIATE = code`
  /**
   * Runs a delivery's handler once the answer has been written. The sender already has its 2xx and
   * will not retry, so a failure is only logged: queue the delivery somewhere durable if it must not
   * be lost.
   */
  function runAfterResponse(work: () => Promise<void>): void {
    setImmediate(() => {
      work().catch((error: unknown) => console.error('Webhook handler failed:', error));
    });
  }`;
