import type { CustomProvider } from '../providers/custom/customProvider';
import type { ProviderDefinition, SigningRequest } from '../providers/providerDefinition';
import { signTestDelivery } from '../testEvents/signTestDelivery';
import { buildTestDelivery, type DeliveryIdChoice, type TestDelivery } from '../testEvents/testDelivery';
import type { ExchangeRecord, ExchangeVerdict, PracticeStatus } from './checkReport';
import { exchange, type Expectation, type OutgoingRequest } from './exchange';

/** Reads something the handler changes when it processes a delivery (a row count, a log line count). */
export interface SideEffectProbe {
  /** For people: "GET http://localhost:3000/debug/orders-count". */
  description: string;
  read(): Promise<string>;
}

/** What every practice gets: the endpoint, the provider, the key, and ways to build and send deliveries. */
export interface CheckContext {
  definition: ProviderDefinition;
  url: string;
  /** The URL the handler believes it is reached at (signed by Twilio, Square, HubSpot). */
  signedUrl: string;
  /** The signing secret, or a test private key for private-key schemes. */
  key: string;
  customProviders: readonly CustomProvider[];
  /** The delivery every probe starts from: a sample event or a capture. */
  template: { method: string; rawHeaders: readonly string[]; body: Uint8Array };
  timeoutMs: number;
  burstSize: number;
  oversizedBodyBytes: number | undefined;
  sideEffect: SideEffectProbe | undefined;
  /** How long to wait for a side effect to show, milliseconds. */
  settleMs: number;
  now(): number;
  signal: AbortSignal | undefined;
  /** A correctly signed delivery built from the template (or from `from`), signed at `at` (default now). */
  deliver(options?: { from?: CheckContext['template']; at?: number; deliveryId?: DeliveryIdChoice }): TestDelivery;
  /** Signs an already built request again, unchanged otherwise (same id), with this key or another. */
  resign(request: OutgoingRequest, options?: { key?: string; at?: number }): OutgoingRequest;
  send(label: string, request: OutgoingRequest, expectation: Expectation, timeoutMs?: number): Promise<ExchangeRecord>;
}

/** What a practice found; the runner adds its number, title, hint and timing. */
export type PracticeOutcome =
  | { applicable: false; reason: string }
  | {
      applicable: true;
      exchanges: ExchangeRecord[];
      /** The summary when everything passed; failures are summarised from the exchanges. */
      summary: string;
      notes?: string[];
      /** Overrides the verdict the exchanges give (the burst's p95 decides for practice 6). */
      status?: PracticeStatus;
      /** Said instead of the failing exchanges, when the status is overridden. */
      actual?: string;
    };

export interface ContextInit {
  definition: ProviderDefinition;
  url: string;
  publicUrl?: string;
  key: string;
  customProviders: readonly CustomProvider[];
  template: CheckContext['template'];
  timeoutMs: number;
  burstSize: number;
  oversizedBodyBytes?: number;
  sideEffect?: SideEffectProbe;
  settleMs: number;
  now: () => number;
  signal?: AbortSignal;
}

export function createCheckContext(init: ContextInit): CheckContext {
  const signedUrl = init.publicUrl ?? init.url;
  return {
    ...init,
    signedUrl,
    oversizedBodyBytes: init.oversizedBodyBytes,
    sideEffect: init.sideEffect,
    signal: init.signal,
    deliver(options = {}) {
      return buildTestDelivery({
        definition: init.definition,
        template: options.from ?? init.template,
        targetUrl: init.url,
        publicUrl: init.publicUrl,
        key: init.key,
        now: options.at ?? init.now(),
        deliveryId: options.deliveryId,
        customProviders: init.customProviders,
      });
    },
    resign(request, options = {}) {
      const target = new URL(request.url);
      const unsigned: SigningRequest = { method: request.method, url: target.pathname + target.search, rawHeaders: request.rawHeaders, body: request.body };
      const signed = signTestDelivery(unsigned, init.definition, options.key ?? init.key, { now: options.at ?? init.now(), signedUrl, customProviders: init.customProviders });
      return { method: request.method, url: new URL(signed.url, target).toString(), rawHeaders: signed.rawHeaders, body: signed.body };
    },
    send(label, request, expectation, timeoutMs = init.timeoutMs) {
      return exchange(label, request, expectation, { timeoutMs, signal: init.signal });
    },
  };
}

/** The worst of the verdicts: fail over warn over pass. */
export function worstVerdict(verdicts: readonly ExchangeVerdict[]): ExchangeVerdict {
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('warn')) return 'warn';
  return 'pass';
}
