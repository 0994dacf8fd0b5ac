import type { RawRequest } from '../capture';
import type { SignatureResult } from '../signatures/signatureResult';

/**
 * Everything known about one webhook provider, in one place. The built-in providers are in
 * `builtIn/<id>.ts` and listed in `registry.ts`; custom HMAC providers from the settings get the
 * same shape from `custom/customDefinition.ts`. Every part is required (absence is spelled out:
 * `{ kind: 'none' }`, `null`), so the compiler refuses a provider that forgets one.
 */
export interface ProviderDefinition<Id extends string = string> {
  /** `github`, `standard-webhooks`, `custom:acme`. */
  id: Id;
  /** Display name: `GitHub`, `Standard Webhooks`. */
  name: string;
  secret: SecretFacts;
  detection: DetectionRules;
  /** Checks a signature once the caller knows there is one and has a secret. */
  verify(ctx: VerificationContext): SignatureResult;
  signing: ProviderSigning;
  deliveryId: DeliveryIdRule;
  /** Where a delivery names its event: what labels show and what generated handlers switch on. */
  event: EventSource;
  /** How a delivery's body becomes its payload: JSON, and for some providers a form. */
  payloadFormat: PayloadFormat;
  timestamp: TimestampFacts;
  delivery: DeliveryPolicy;
  /** The request a provider sends to check an endpoint before (or while) it delivers, if any. */
  handshake: ProviderHandshake | null;
  /** Pieces of generated handler code, one slot per target language. */
  handler: HandlerFragments;
  /** What test events, the endpoint check and retry replays need to act like this provider. */
  testing: ProviderTestFacts;
}

/** What the secret slot holds and where generated code reads it from. */
export interface SecretFacts {
  /** For the no-secret hint: "the webhook secret", "the application public key (hex)". */
  description: string;
  /** The environment variable generated handlers read it from: `GITHUB_WEBHOOK_SECRET`. */
  envVar: string;
  /**
   * Services that deliver through this scheme under their own name (Clerk and Resend send Standard
   * Webhooks), each with the variable its documentation names; the first one a capture shows wins.
   */
  services: readonly SenderService[];
}

/** A service recognisable from its deliveries, with the secret's environment variable it documents. */
export interface SenderService {
  name: string;
  envVar: string;
  /** Whether a delivery came from it; `payload` is the parsed body (undefined when it is not JSON). */
  sent: (delivery: { header: (lowerCaseName: string) => string | undefined; payload: unknown }) => boolean;
}

/** How a request is recognised as this provider's: a signature header first, then a marker header, then the User-Agent. */
export interface DetectionRules {
  /** Headers that carry the signature (lower-cased); a request with none of them is unsigned. */
  signatureHeaders: readonly string[];
  /** Other headers only this provider sends, enough to name it when the signature is missing. */
  markerHeaders: readonly string[];
  /** Start of the User-Agent the provider sends, for providers with no other telling header. */
  userAgentPrefix?: string;
}

/** What a provider's `verify` gets once the wrapper has checked there is a signature and a secret. */
export interface VerificationContext {
  req: RawRequest;
  secret: string;
  /** Arrival time, epoch milliseconds. */
  now: number;
  toleranceSeconds: number;
  publicUrl?: string;
}

/** A request to sign, headers as sent ([name, value, …]). */
export interface SigningRequest {
  method: string;
  /** Path and query. */
  url: string;
  rawHeaders: readonly string[];
  body: Uint8Array;
}

/** The request with fresh signature headers; `body` and `url` change only where the scheme signs them (Linear, Twilio). */
export interface SignedRequest {
  rawHeaders: string[];
  body: Uint8Array;
  url: string;
}

export interface SigningOptions {
  /** Signing time, epoch milliseconds. */
  now: number;
  /** The full URL the request will be posted to; throws when the caller gave none (only URL-signing schemes ask). */
  targetUrl: () => string;
  /** The delivery id to sign with, for schemes that sign it (Standard Webhooks); others keep the request's. */
  deliveryId?: string;
}

export type ProviderSigning =
  /** Signs with the secret the user holds: re-signing edited requests, test events. */
  | {
      kind: 'secret';
      /** Whether the signature covers the URL posted to (so signing needs it). */
      signsUrl: boolean;
      /** Sets fresh signature headers; throws a plain Error when the secret cannot sign. */
      sign(request: SigningRequest, secret: string, options: SigningOptions): SignedRequest;
    }
  /**
   * Signs with the provider's private key: what the user holds only verifies. Test events and the
   * endpoint check sign with a local test key pair instead, whose public half the handler is
   * configured with while testing.
   */
  | { kind: 'private-key'; reason: string; testKeys: TestKeyScheme };

/** A key pair of the provider's algorithm, made locally, to sign test deliveries with. */
export interface TestKeyScheme {
  /** The algorithm, for people: "Ed25519", "ECDSA P-256". */
  algorithm: string;
  /** Where the public half goes, in the form the handler reads it: "the application public key (hex)". */
  publicKeyDescription: string;
  /** A fresh pair: the private key as PKCS#8 PEM, the public key as the provider shows its own. */
  generate(): TestKeyPair;
  /** The public key that belongs to a private key made by `generate`; throws a plain Error for anything else. */
  publicKeyOf(privateKey: string): string;
  /** Sets fresh signature headers made with the private key; throws a plain Error when it cannot sign. */
  sign(request: SigningRequest, privateKey: string, options: SigningOptions): SignedRequest;
}

export interface TestKeyPair {
  privateKey: string;
  publicKey: string;
}

/** Where a delivery carries the id its retries repeat. */
export type DeliveryIdRule =
  /** The first of these headers that is present and not blank (trimmed). */
  | { kind: 'header'; headers: readonly string[] }
  /** The first of these top-level fields of a JSON object that is a non-empty string or a number. */
  | { kind: 'field'; fields: readonly string[] }
  /** A JSON array of events (or one event): every event's field, joined with commas; none if one lacks it. */
  | { kind: 'batch'; field: string }
  | { kind: 'none'; reason: string };

/** Where a delivery names its event. */
export type EventSource =
  /**
   * A request header, e.g. `X-GitHub-Event` (any case); `alternatives` are other spellings of the
   * same header, read when it is absent (Shopify's un-prefixed `Shopify-Topic`). `payloadField` is
   * a top-level payload field that always names the same event (Linear's `type`): generated
   * handlers switch on it, so the payload narrows, and captures without headers still group.
   */
  | { kind: 'header'; header: string; alternatives?: readonly string[]; payloadField?: string }
  /**
   * A string field of the payload, e.g. `type`; a dotted path (`event.type`) reaches into nested
   * objects. A top-level field is switched on directly, so TypeScript narrows the payload:
   * `rootTypeName` must then be a union of the event types, each with that field as a literal.
   * `alternatives` are read in order when the field is absent (Slack interactivity's `type`, a slash
   * command's `command`); `handshakes` are event names of verification requests the handler answers
   * itself, which get no function of their own.
   */
  | { kind: 'field'; field: string; alternatives?: readonly EventField[]; handshakes?: readonly string[] }
  /** Every delivery is the same kind: one function, typed `rootTypeName`, gets them all. */
  | { kind: 'none' };

/** A payload field that may name the event; a number is named through `names` (Discord's interaction types). */
export interface EventField {
  path: string;
  names?: Readonly<Record<string, string>>;
}

/**
 * The bodies a provider sends. JSON always; some providers also post forms
 * (`application/x-www-form-urlencoded`), told apart by their Content-Type.
 */
export interface PayloadFormat {
  form: FormPayload | null;
}

export interface FormPayload {
  /** The form field carrying the payload as JSON (GitHub's form encoding, Slack interactivity: `payload`). */
  jsonField: string | null;
  /** Whether a form without that field is a payload of its own string fields (Twilio, Slack slash commands). */
  fields: boolean;
  /** What the provider wants back for an accepted form delivery. */
  answer: FormAnswer;
}

export type FormAnswer =
  /** The JSON acknowledgement a JSON delivery gets. */
  | { kind: 'json' }
  /** 200 with an empty body (Slack: anything else is shown to the user). */
  | { kind: 'empty' }
  /** A fixed document, e.g. TwiML; `note` says what it does, for the generated comment. */
  | { kind: 'text'; contentType: string; body: string; note: string };

/** Whether the scheme signs a time, so a replay of an old delivery can be refused. */
export type TimestampFacts =
  | { signed: false }
  | {
      signed: true;
      /** Where the signed time is, for people: "the t= part of Stripe-Signature". */
      location: string;
      unit: 's' | 'ms';
      /** The tolerance the provider's own SDK or documentation applies, in seconds. */
      providerToleranceSeconds: number | undefined;
    };

/** How the provider delivers: how long it waits, what it wants back, what it does on failure. */
export interface DeliveryPolicy {
  /** Seconds it waits for the answer before counting the delivery as failed; undefined where it does not say. */
  responseTimeoutSeconds: number | undefined;
  /** The status it expects for an accepted delivery. */
  ackStatus: 200 | 204;
  /** Whether it retries a failed delivery by itself (undefined: not known), and on what schedule. */
  retries: { automatic: boolean | undefined; schedule: string };
  /** What happens to an endpoint that keeps failing; undefined where it does not say. */
  disabling: string | undefined;
}

/** A verification request: what the provider sends, and whether an answer passes its check. */
export interface ProviderHandshake {
  /** The label the receiver gives such a capture, when it recognises it (`slack-url-verification`). */
  kind: string;
  description: string;
  /** What a passing answer looks like, for people: "200 with the challenge as the body". */
  expectedAnswer: string;
  /**
   * Whether the provider also sends the handshake with a deliberately wrong signature and expects
   * it refused (Discord removes an endpoint that accepts one).
   */
  refusesBadSignature: boolean;
  /** The JSON body the provider sends for this challenge (signed like any delivery). */
  body(challenge: string): string;
  /** Whether an endpoint's answer is what the provider accepts. */
  accepts(answer: { status: number; body: string }, challenge: string): boolean;
  /**
   * The same check as another kind of endpoint gets it (Discord's interactions endpoints get a PING
   * of type 1 instead of Webhook Events' type 0): an endpoint passes when it answers either.
   */
  alternative: ProviderHandshake | null;
}

/** Why a provider retries a delivery; Slack's X-Slack-Retry-Reason uses these words. */
export type RetryReason = 'http_timeout' | 'http_error' | 'connection_failed';

/** What the endpoint check, test events and retry replays need to send deliveries as this provider does. */
export interface ProviderTestFacts {
  /** A fresh delivery id in the provider's own format (`evt_…`, a GUID, a snowflake). */
  newDeliveryId(): string;
  retries: RetryFacts;
  /**
   * Signature headers the scheme cannot parse (a wrong prefix, characters or length), each replacing
   * the named header of a correctly signed delivery; a handler must refuse every one.
   */
  malformedSignatures: readonly MalformedSignature[];
  /** How the provider signs while a secret is being rotated (several signatures in one header); null when it sends one. */
  rotation: SecretRotation | null;
}

export interface RetryFacts {
  /** Headers a retry carries besides the delivery's own; `attempt` 1 is the first retry. Empty when the provider marks none. */
  headers(attempt: number, reason: RetryReason): Array<[name: string, value: string]>;
  /** The header that says which retry a delivery is (to count on from a capture); undefined when there is none. */
  countHeader: string | undefined;
  /** A response header with which an endpoint asks the provider not to retry (Slack's `X-Slack-No-Retry: 1`). */
  stopHeader: { name: string; value: string } | undefined;
}

export interface MalformedSignature {
  /** The header to replace (as the provider spells it). */
  header: string;
  value: string;
  /** What is wrong with it, for people: "no sha256= prefix". */
  what: string;
}

export interface SecretRotation {
  /** For people: "two v1= signatures in Stripe-Signature". */
  description: string;
  /** Signs with every secret, all signatures in one header, in the order given. */
  sign(request: SigningRequest, secrets: readonly string[], options: SigningOptions): SignedRequest;
}

/**
 * Generated-code fragments per language. A new language is a new required key here, so every
 * provider (and the custom-provider builder) must supply it before anything compiles.
 */
export interface HandlerFragments {
  typescript: TypeScriptHandlerFragment;
  python: PythonHandlerFragment;
}

/** Helpers of a generated TypeScript file that verification code may call. */
export type TypeScriptHelper = 'safeEqual' | 'isFresh' | 'publicUrl' | 'signedHeaderParams';

export interface TypeScriptHandlerFragment {
  /** Names imported from `node:crypto`. */
  cryptoImports: readonly string[];
  helpers: readonly TypeScriptHelper[];
  /** Source of `function verifySignature(delivery: Delivery, secret: string): boolean`, doc comment first. */
  verifyFunction: string;
  /** Statements run once the payload (a non-null object) is parsed; they may return a `Reception`. */
  afterParse?: string;
  /**
   * Source of `function acceptedAnswer(payload: object, form: boolean): Reception`, for providers whose
   * answer to an accepted delivery depends on it (Discord interactions); otherwise the answer comes
   * from `delivery.ackStatus` and the form's `answer`.
   */
  acceptedAnswer?: string;
  /** The provider's own published payload types, used instead of inferred ones when the workspace has them. */
  officialTypes?: OfficialTypes;
}

/** A package of payload types, e.g. `@octokit/webhooks-types`. */
export interface OfficialTypes {
  package: string;
  /** The `import type` line. */
  importLine: string;
  /** Files of the package that list the events it types, relative to its folder, tried in order. */
  eventListFiles: readonly string[];
  /** The event names a file of `eventListFiles` types. */
  eventsIn(declarations: string): string[];
  /** The type of one event's payload: `WebhookEventMap['push']`. */
  eventType(eventName: string): string;
  /** The type of any payload, when the package has one a switch on the event field narrows (`Stripe.Event`). */
  unionType?: string;
}

/** Helpers of a generated Python file that verification code may call. */
export type PythonHelper = 'is_fresh' | 'public_url' | 'signed_header_params';

export interface PythonHandlerFragment {
  /** Standard-library modules imported whole: `hashlib`, `hmac`, `base64`, `re`. */
  imports: readonly string[];
  /** Other import lines, e.g. `from cryptography.exceptions import InvalidSignature`. */
  fromImports: readonly string[];
  /** pip packages the verification needs beyond the standard library, with why. */
  packages: readonly { name: string; why: string }[];
  helpers: readonly PythonHelper[];
  /** Source of `def verify_signature(delivery: Delivery, secret: str) -> bool:`, docstring inside. */
  verifyFunction: string;
  /** Statements run once the body is parsed into `payload` (a dict or a list); they may return a `Reception`. */
  afterParse?: string;
  /** Source of `def accepted_answer(payload: object, form: bool) -> Reception:`, as for TypeScript. */
  acceptedAnswer?: string;
}
