import type { HandlerSpec } from './handlerSpec';

/** What an adapter needs beyond the spec. */
export interface AdapterContext {
  spec: HandlerSpec;
  /** Whether a Reception may carry a text document (Twilio's TwiML) to send instead of JSON. */
  answersText: boolean;
}

/** What a TypeScript framework contributes to a generated handler file. */
export interface FrameworkTemplate {
  displayName: string;
  /** npm packages the adapter imports. */
  dependencies: string[];
  /** Import lines (besides node:crypto). */
  imports(spec: HandlerSpec): string[];
  fileName(spec: HandlerSpec, provider: string): string;
  /**
   * Whether the file may export its internals (`handlers`, `receiveDelivery`). Next.js rejects a
   * route file that exports anything but route fields.
   */
  exportsInternals: boolean;
  /** How to start it, for the header comment (one line). */
  usage(spec: HandlerSpec): string;
  /** The adapter: reads the raw body, answers, schedules the work. Uses ROUTE_PATH, MAX_BODY_BYTES. */
  adapter(context: AdapterContext): string;
  /** Source of `function runAfterResponse(work: () => Promise<void>): void`, doc comment first. */
  runAfterResponse(spec: HandlerSpec): string;
}
