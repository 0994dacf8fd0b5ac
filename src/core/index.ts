// The core's public face: everything outside src/core (the VS Code layer, tests, people embedding
// the core) imports from here. docs/ARCHITECTURE.md says which exports are a contract.
export type { RawRequest, IncomingDelivery, CaptureSummary, Capture } from './capture';
export { headerMap, toRawRequest, routeOf } from './capture';
export type { Event } from './events';
export type { Disposable } from './disposable';
export { DisposableBase } from './disposable';
export type { ComponentLogger, Logger } from './logger';
export { componentLogger } from './logger';
export { describeDelivery } from './labels/deliveryDescription';
export type { DeliveryDescription } from './labels/deliveryDescription';
export { labelDelivery } from './labels/labelDelivery';
export type { DeliveryDescriber } from './labels/labelDelivery';
export { CaptureStore } from './store/captureStore';
export type { CaptureStoreOptions, RemovedCaptures } from './store/captureStore';
export type { StoreAccess, StoreHealth } from './store/storeHealth';
export { WebhookReceiver } from './receiver/webhookReceiver';
export { isLoopbackHost } from './receiver/loopback';
export type { CaptureSink, ReceiverOptions, ListenerAddress } from './receiver/webhookReceiver';
export { DEFAULT_RESPONSE, normaliseResponse } from './receiver/responseSpec';
export type { ResponseSpec } from './receiver/responseSpec';
export type { SignatureStatus, SignatureResult, VerifyOptions } from './signatures/signatureResult';
export { DEFAULT_TOLERANCE_SECONDS } from './signatures/signatureResult';
export { detectProvider } from './providers/providerDetection';
export { verifySignature, verifyCustomSignature } from './signatures/signatureVerification';
export { BUILT_IN_PROVIDERS, PROVIDERS } from './providers/registry';
export type { ProviderId } from './providers/registry';
export { findProvider, providerDefinitions } from './providers/providerLookup';
export type {
  DeliveryIdRule,
  DeliveryPolicy,
  DetectionRules,
  EventField,
  FormAnswer,
  FormPayload,
  HandlerFragments,
  OfficialTypes,
  PayloadFormat,
  PythonHandlerFragment,
  PythonHelper,
  SenderService,
  ProviderDefinition,
  ProviderHandshake,
  ProviderSigning,
  SecretFacts,
  SignedRequest,
  SigningOptions,
  SigningRequest,
  TimestampFacts,
  TypeScriptHandlerFragment,
  VerificationContext,
} from './providers/providerDefinition';
export type { CustomProvider } from './providers/custom/customProvider';
export { customProviderProblems, parseCustomProvider } from './providers/custom/customProvider';
export { deliveryIdOf } from './deliveries/deliveryId';
export { decodePayload } from './providers/payloadFormat';
export { DuplicateTracker, findDuplicates } from './deliveries/duplicateDeliveries';
export type { DeliveryKey } from './deliveries/duplicateDeliveries';
export { generateTypes, generateEventUnion } from './codegen/generateTypes';
export type { EventUnionOptions, EventTypes } from './codegen/generateTypes';
export { generateHandler } from './codegen/handlers/generateHandler';
export type {
  DeliveryIdSource,
  EventSource,
  GeneratedHandler,
  HandlerEventSpec,
  HandlerFramework,
  HandlerLanguage,
  HandlerSpec,
  KnownProvider,
} from './codegen/handlers/handlerSpec';
export { providerCatalog } from './providers/providerCatalog';
export type { ProviderInfo } from './providers/providerCatalog';
export { planTypes, planHandler, defaultRootName } from './codegen/handlerPlan';
export type { PayloadSample, PlanOptions, TypesPlan } from './codegen/handlerPlan';
export { generatePythonTypes } from './codegen/generatePythonTypes';
export { languageOf } from './codegen/handlers/handlerSpec';
export { readWorkspacePackages, lowestVersion } from './codegen/workspacePackages';
export type { WorkspacePackages } from './codegen/workspacePackages';
export { forwardCapture } from './forward/forwardCapture';
export type { ForwardRequest, ForwardOptions } from './forward/forwardCapture';
export type { ForwardResult, ForwardSuccess, ForwardFailure, ForwardSummary } from './forward/forwardResult';
export { summarizeForward } from './forward/forwardResult';
export { forwardUrl } from './forward/forwardTarget';
export type { ForwardTarget, PathMode } from './forward/forwardTarget';
export { replayCapture, resendRequest } from './forward/replayCapture';
export { resignRequest, ResignError, RESIGNABLE_PROVIDERS } from './signatures/resign';
export type { ResignableRequest, ResignedRequest, ResignOptions } from './signatures/resign';
export { toCurl, shellQuote } from './export/curl';
export type { CurlCommand } from './export/curl';
export { toHttpFile, parseHttpRequest } from './export/httpFile';
export type { HttpFileDocument, ParsedHttpRequest } from './export/httpFile';
export { toHar, harToDeliveries, HarImportError } from './export/har';
export type { Har, HarEntry } from './export/har';
export { PublicTunnel } from './tunnel/publicTunnel';
export type { PublicTunnelOptions, ReconnectOptions } from './tunnel/publicTunnel';
export { BYPASS_TUNNEL_REMINDER_HEADER, DEFAULT_TUNNEL_HOST } from './tunnel/tunnelState';
export type { TunnelState } from './tunnel/tunnelState';
export { reconnectDelay } from './tunnel/reconnectDelay';
export type { BackoffOptions } from './tunnel/reconnectDelay';
export { DEFAULT_LIVENESS } from './tunnel/tunnelLiveness';
export type { LivenessOptions } from './tunnel/tunnelLiveness';
export { matchesRouteGlob, routeGlobProblem } from './receiver/routeGlob';
export type { RouteGlob } from './receiver/routeGlob';
export { parseResponseRules } from './receiver/responseRules';
export type { ParsedResponseRules, ResponseRule, ResponseRuleMatcher } from './receiver/responseRules';
export type {
  HandshakeCandidate,
  HandshakeKind,
  HandshakeOptions,
  HandshakeProvider,
  VerificationHandshake,
} from './receiver/handshakes/verificationHandshake';
export type {
  MalformedSignature,
  ProviderTestFacts,
  RetryFacts,
  RetryReason,
  SecretRotation,
  TestKeyPair,
  TestKeyScheme,
} from './providers/providerDefinition';
export { readSampleEvents, genericSampleEvent } from './testEvents/sampleEvents';
export type { SampleEvent, SampleCatalog, SampleProblem } from './testEvents/sampleEvents';
export { buildTestDelivery } from './testEvents/testDelivery';
export type { DeliveryIdChoice, TestDelivery, TestDeliveryOptions } from './testEvents/testDelivery';
export { stampDeliveryId } from './testEvents/deliveryIdStamp';
export { handlerSecretFor } from './testEvents/signTestDelivery';
export { buildProviderRetry, explainProviderAnswer } from './testEvents/providerRetry';
export type { ProviderRetry, ProviderRetryOptions, ProviderVerdict } from './testEvents/providerRetry';
export { runEndpointCheck, EndpointCheckError } from './check/runEndpointCheck';
export type { CheckTemplate, EndpointCheckOptions } from './check/runEndpointCheck';
export type { SideEffectProbe } from './check/checkContext';
export { PRACTICES } from './check/practiceCatalog';
export type { PracticeId, PracticeInfo } from './check/practiceCatalog';
export type { EndpointCheckReport, ExchangeRecord, ExchangeVerdict, PracticeResult, PracticeStatus } from './check/checkReport';
export { formatExchange } from './check/reportText';
