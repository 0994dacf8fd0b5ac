import type { CustomProvider } from '../providers/custom/customProvider';
import type { ProviderDefinition } from '../providers/providerDefinition';
import { findProvider } from '../providers/providerLookup';
import { BUILT_IN_PROVIDERS } from '../providers/registry';
import { ResignError } from '../signatures/resign';
import { responseTimeoutOf } from '../testEvents/providerRetry';
import { genericSampleEvent, readSampleEvents, type SampleEvent } from '../testEvents/sampleEvents';
import type { EndpointCheckReport, PracticeResult } from './checkReport';
import { createCheckContext, worstVerdict, type CheckContext, type PracticeOutcome, type SideEffectProbe } from './checkContext';
import { PRACTICES, type PracticeId } from './practiceCatalog';
import { badSignatures } from './practices/badSignatures';
import { duplicateDelivery } from './practices/duplicateDelivery';
import { fastAcknowledgement } from './practices/fastAcknowledgement';
import { handshake } from './practices/handshake';
import { methodAndSize } from './practices/methodAndSize';
import { secretRotation } from './practices/secretRotation';
import { staleTimestamps } from './practices/staleTimestamps';
import { unparsableJson } from './practices/unparsableJson';
import { validDelivery } from './practices/validDelivery';

const RUNS: Record<PracticeId, (ctx: CheckContext) => Promise<PracticeOutcome>> = {
  'valid-delivery': validDelivery,
  'bad-signatures': badSignatures,
  'stale-timestamps': staleTimestamps,
  'duplicate-delivery': duplicateDelivery,
  'unparsable-json': unparsableJson,
  'fast-acknowledgement': fastAcknowledgement,
  handshake,
  'method-and-size': methodAndSize,
  'secret-rotation': secretRotation,
};

export const DEFAULT_BURST_SIZE = 10;
export const DEFAULT_SETTLE_MS = 5000;

/** A delivery to build the probes from: a sample event, or a capture. */
export interface CheckTemplate {
  method: string;
  rawHeaders: readonly string[];
  body: Uint8Array;
  /** For the report: "push (github/push.json)", "capture 00042". */
  label: string;
}

export interface EndpointCheckOptions {
  /** The handler's URL. */
  url: string;
  /** A provider id: `github`, `custom:acme`. */
  provider: string;
  /** The signing secret; for private-key providers (Discord, SendGrid) a test private key (PKCS#8 PEM). */
  key: string;
  customProviders?: readonly CustomProvider[];
  /** The URL the handler believes it is reached at, when it differs (behind a tunnel); signed by Twilio, Square, HubSpot. */
  publicUrl?: string;
  /** The delivery the probes are built from; default: a sample event of the provider. */
  template?: CheckTemplate;
  /** Where the sample events are (`samples/` of the extension). */
  samplesFolder?: string;
  /** Which sample to use, by event name; default the provider's first. */
  event?: string;
  /** Holds the endpoint to this instead of the provider's timeout (tests scale it down). */
  responseTimeoutMs?: number;
  /** Deliveries practice 6 sends back to back; default 10. */
  burstSize?: number;
  /** The largest body the handler accepts; practice 8 sends one byte more. Unset: not probed. */
  oversizedBodyBytes?: number;
  /** Something the handler changes when it processes a delivery, to see that a retry is processed once. */
  sideEffect?: SideEffectProbe;
  /** How long a side effect may take to show, milliseconds; default 5000. */
  settleMs?: number;
  /** Run only these practices (the Testing view runs one at a time); default all nine. */
  practices?: readonly PracticeId[];
  now?: () => number;
  signal?: AbortSignal;
  /** Called as each practice starts and ends, for progress. */
  onPractice?: (event: { kind: 'started'; id: PracticeId } | { kind: 'finished'; result: PracticeResult }) => void;
}

/** Why the check could not start: an unknown provider, a key that cannot sign, a URL that is not one. */
export class EndpointCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointCheckError';
  }
}

/**
 * Sends real deliveries to a webhook endpoint and reports, practice by practice, whether it does
 * what a webhook consumer must. Never throws once started: unreachable endpoints are failed practices.
 */
export async function runEndpointCheck(options: EndpointCheckOptions): Promise<EndpointCheckReport> {
  const customProviders = options.customProviders ?? [];
  const definition = findProvider(options.provider, customProviders);
  if (!definition) throw new EndpointCheckError(`Unknown provider "${options.provider}"; known: ${[...BUILT_IN_PROVIDERS, ...customProviders.map((c) => `custom:${c.id}`)].join(', ')}.`);
  const url = httpUrl(options.url, 'endpoint URL');
  const publicUrl = options.publicUrl === undefined ? undefined : httpUrl(options.publicUrl, 'public URL');
  if (!options.key) throw new EndpointCheckError(`The check signs deliveries as ${definition.name} does: it needs ${keyDescription(definition)}.`);
  const template = options.template ?? checkTemplate(definition, options.samplesFolder, options.event);
  const timeout = options.responseTimeoutMs !== undefined ? { ms: options.responseTimeoutMs, documented: true } : responseTimeoutOf(definition);
  const ctx = createCheckContext({
    definition,
    url,
    publicUrl,
    key: options.key,
    customProviders,
    template,
    timeoutMs: timeout.ms,
    burstSize: options.burstSize ?? DEFAULT_BURST_SIZE,
    oversizedBodyBytes: options.oversizedBodyBytes,
    sideEffect: options.sideEffect,
    settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
    now: options.now ?? Date.now,
    signal: options.signal,
  });
  try {
    ctx.deliver();
  } catch (error) {
    throw new EndpointCheckError(error instanceof ResignError ? error.message : `Cannot sign a ${definition.name} delivery: ${String(error)}`);
  }

  const startedAt = Date.now();
  const results: PracticeResult[] = [];
  const wanted = options.practices ? new Set(options.practices) : undefined;
  let cancelled = false;
  for (const practice of PRACTICES) {
    if (wanted && !wanted.has(practice.id)) continue;
    if (options.signal?.aborted) {
      cancelled = true;
      break;
    }
    options.onPractice?.({ kind: 'started', id: practice.id });
    const began = Date.now();
    const outcome = await RUNS[practice.id](ctx);
    if (options.signal?.aborted) {
      cancelled = true;
      break;
    }
    const result = toResult(practice.id, outcome, Date.now() - began);
    results.push(result);
    options.onPractice?.({ kind: 'finished', result });
  }
  return {
    url,
    provider: definition.id,
    providerName: definition.name,
    sample: template.label,
    startedAt,
    durationMs: Date.now() - startedAt,
    timeoutMs: timeout.ms,
    timeoutDocumented: timeout.documented,
    results,
    outcome: cancelled ? 'cancelled' : results.some((r) => r.status === 'fail') ? 'fail' : 'pass',
  };
}

/** The provider's sample to build probes from: the named event, else the first that is not a handshake. */
export function checkTemplate(definition: ProviderDefinition, samplesFolder: string | undefined, event?: string): CheckTemplate {
  const samples: SampleEvent[] = samplesFolder ? readSampleEvents(samplesFolder, definition.id).samples : [];
  let sample: SampleEvent | undefined;
  if (event !== undefined) {
    sample = samples.find((s) => s.event === event);
    if (!sample) {
      const known = samples.map((s) => s.event);
      throw new EndpointCheckError(`No ${definition.name} sample event "${event}"${known.length ? `; there are: ${known.join(', ')}` : ''}.`);
    }
  } else {
    sample = samples.find((s) => !s.handshake) ?? genericSampleEvent(definition);
  }
  return { method: sample.method, rawHeaders: sample.rawHeaders, body: sample.body, label: sample.file ? `${sample.event} (${sample.file})` : `${sample.event} (generated)` };
}

function toResult(id: PracticeId, outcome: PracticeOutcome, durationMs: number): PracticeResult {
  const info = PRACTICES.find((p) => p.id === id)!;
  const base = { id, number: info.number, title: info.title, durationMs };
  if (!outcome.applicable) {
    return { ...base, status: 'not-applicable', summary: `not applicable: ${outcome.reason}`, notes: [], exchanges: [] };
  }
  const status = outcome.status ?? worstVerdict(outcome.exchanges.map((e) => e.verdict));
  const result: PracticeResult = { ...base, status, summary: outcome.summary, notes: outcome.notes ?? [], exchanges: outcome.exchanges };
  if (status === 'pass') return result;
  const off = outcome.exchanges.filter((e) => e.verdict !== 'pass');
  const actual = outcome.actual ?? off.map((e) => `${e.label}: ${e.note ?? (e.response ? `answered ${e.response.status}` : `no answer (${e.error?.code})`)}`).join('\n');
  const expected = off.length && !outcome.actual ? off.map((e) => `${e.label}: ${e.expected}`).join('\n') : info.expectation;
  const firstLine = actual.split('\n')[0];
  return { ...result, summary: status === 'fail' ? `failed: ${firstLine}` : `warning: ${firstLine}`, hint: info.hint, expected, actual };
}

function httpUrl(text: string, what: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EndpointCheckError(`The ${what} "${text}" is not a URL; give one such as http://localhost:3000/webhooks.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new EndpointCheckError(`The ${what} must be http:// or https://, not ${url.protocol}`);
  return url.toString();
}

function keyDescription(definition: ProviderDefinition): string {
  return definition.signing.kind === 'secret'
    ? definition.secret.description
    : `a test private key (${definition.signing.testKeys.algorithm}); the handler is configured with its public half as ${definition.signing.testKeys.publicKeyDescription}`;
}
