import type { ForwardResult } from '../forward/forwardResult';
import type { CustomProvider } from '../providers/custom/customProvider';
import type { ProviderDefinition, RetryReason } from '../providers/providerDefinition';
import { rawHeaderValue, setRawHeader } from '../signatures/rawHeaderEdits';
import { buildTestDelivery, type TestDelivery } from './testDelivery';

export interface ProviderRetryOptions {
  definition: ProviderDefinition;
  /** The delivery to retry, as captured. */
  capture: { method: string; rawHeaders: readonly string[]; body: Uint8Array };
  targetUrl: string;
  publicUrl?: string;
  /** The signing secret, or a test private key for private-key schemes. */
  key: string;
  now: number;
  /** Why the previous attempt failed, where the provider says so (Slack, Square); default `http_error`. */
  reason?: RetryReason;
  customProviders?: readonly CustomProvider[];
}

export interface ProviderRetry extends TestDelivery {
  /** Which retry this is: 1 for the first. */
  attempt: number;
}

/**
 * The capture sent again the way its provider retries it: the same delivery id and body, a fresh
 * timestamp and signature, and the provider's retry headers (X-Slack-Retry-Num, square-retry-number…)
 * counting on from the capture's own.
 */
export function buildProviderRetry(options: ProviderRetryOptions): ProviderRetry {
  const { definition, capture } = options;
  const { retries } = definition.testing;
  const previous = retries.countHeader ? Number(rawHeaderValue(capture.rawHeaders, retries.countHeader)) : NaN;
  const attempt = Number.isInteger(previous) && previous >= 0 ? previous + 1 : 1;
  let rawHeaders = [...capture.rawHeaders];
  for (const [name, value] of retries.headers(attempt, options.reason ?? 'http_error')) rawHeaders = setRawHeader(rawHeaders, name, value);
  const delivery = buildTestDelivery({
    definition,
    template: { ...capture, rawHeaders },
    targetUrl: options.targetUrl,
    publicUrl: options.publicUrl,
    key: options.key,
    now: options.now,
    deliveryId: 'keep',
    customProviders: options.customProviders,
  });
  return { ...delivery, attempt };
}

/** What the provider makes of an answer: whether the delivery counts as done, and what happens next. */
export interface ProviderVerdict {
  delivered: boolean;
  /** One sentence: "Slack counts 200 in 12 ms as delivered (its limit is 3 s)." */
  summary: string;
  /** What follows: the retry schedule, when it stops, when the endpoint is disabled. */
  consequences: string[];
}

/** The default when a provider documents no response timeout. */
export const UNDOCUMENTED_TIMEOUT_SECONDS = 10;

/** The provider's response timeout in milliseconds, and whether the provider documents it. */
export function responseTimeoutOf(definition: ProviderDefinition): { ms: number; documented: boolean } {
  const seconds = definition.delivery.responseTimeoutSeconds;
  return seconds === undefined ? { ms: UNDOCUMENTED_TIMEOUT_SECONDS * 1000, documented: false } : { ms: seconds * 1000, documented: true };
}

/** Explains what the provider would do with the answer a delivery got, from the registry's delivery facts. */
export function explainProviderAnswer(definition: ProviderDefinition, result: ForwardResult, timeoutMs = responseTimeoutOf(definition).ms): ProviderVerdict {
  const name = definition.name;
  const limit = formatSeconds(timeoutMs);
  const took = `${Math.round(result.latencyMs)} ms`;
  if (result.ok && result.status >= 200 && result.status < 300 && result.latencyMs <= timeoutMs) {
    return { delivered: true, summary: `${name} counts ${result.status} in ${took} as delivered (it waits up to ${limit}).`, consequences: ['No retry follows.'] };
  }
  let summary: string;
  if (!result.ok) summary = `${name} gets no answer (${result.error}): the delivery failed.`;
  else if (result.latencyMs > timeoutMs) summary = `${name} stops waiting after ${limit}; this answer took ${took}, so the delivery failed even though it was ${result.status}.`;
  else summary = `${name} counts ${result.status} as a failed delivery: only a 2xx acknowledges it.`;
  const consequences: string[] = [];
  const stop = definition.testing.retries.stopHeader;
  const stopped = result.ok && stop !== undefined && result.headers.some(([n, v]) => n.toLowerCase() === stop.name.toLowerCase() && v.trim() === stop.value);
  if (stopped) consequences.push(`The answer carries ${stop.name}: ${stop.value}, so ${name} does not retry it.`);
  else {
    const { automatic, schedule } = definition.delivery.retries;
    if (automatic === true) consequences.push(`${name} retries it: ${schedule}.`);
    else if (automatic === false) consequences.push(`${name} does not retry by itself: ${schedule}.`);
    else consequences.push(`Whether ${name} retries is not known: ${schedule}.`);
    if (stop) consequences.push(`An answer with ${stop.name}: ${stop.value} would stop the retries.`);
  }
  if (definition.delivery.disabling) consequences.push(`If failures go on: ${definition.delivery.disabling}.`);
  return { delivered: false, summary, consequences };
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
