// The core's public face: everything outside src/core (the VS Code layer, tests, people embedding
// the core) imports from here. See ARCHITECTURE.md for the contract of each export.
export type { RawRequest, IncomingDelivery, CaptureSummary, Capture } from './capture';
export { headerMap, toRawRequest, routeOf } from './capture';
export type { Event } from './events';
export { Emitter } from './events';
export type { Disposable } from './disposable';
export { DisposableStore } from './disposable';
export type { Logger } from './logger';
export { silentLogger } from './logger';
export { describeDelivery } from './deliveryDescription';
export type { DeliveryDescription } from './deliveryDescription';
export { CaptureStore, captureId } from './store/captureStore';
export type { CaptureStoreOptions, RemovedCaptures } from './store/captureStore';
export { WebhookReceiver } from './receiver/webhookReceiver';
export type { CaptureSink, ReceiverOptions, ListenerAddress } from './receiver/webhookReceiver';
export { DEFAULT_RESPONSE, MAX_DELAY_MS, normaliseResponse } from './receiver/responseSpec';
export type { ResponseSpec } from './receiver/responseSpec';
export { generateHandler } from './codegen/handlers/generateHandler';
export type {
  DeliveryIdSource,
  EventSource,
  GeneratedHandler,
  HandlerEventSpec,
  HandlerFramework,
  HandlerSpec,
  KnownProvider,
} from './codegen/handlers/handlerSpec';
