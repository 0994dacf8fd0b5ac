import type { RawRequest } from './capture';
import { headerMap } from './capture';
import { deliveryIdOf } from './signatures/deliveryId';
import { detectProvider } from './signatures/providerDetection';
import { topLevelStringFields } from './topLevelFields';

/** Headers whose value names the event outright, checked in this order. */
const EVENT_HEADERS = ['x-github-event', 'x-gitlab-event', 'x-shopify-topic', 'x-event-key', 'linear-event', 'x-wc-webhook-topic'];
/** Top-level payload fields that name the event (Stripe, Standard Webhooks, Paddle, HubSpot, …). */
const EVENT_FIELDS = ['type', 'event_type', 'event', 'eventType', 'topic'];
const EVENT_FIELD_SET: ReadonlySet<string> = new Set(EVENT_FIELDS);
const ACTION_FIELD: ReadonlySet<string> = new Set(['action']);
/** Scanning a large payload on the request path is not worth a label. */
const MAX_SCANNED_BYTES = 512 * 1024;

export interface DeliveryDescription {
  event?: string;
  /** The built-in provider the headers point to (custom providers are matched later, with settings). */
  provider?: string;
  /** The provider's id for the delivery, the same across its retries. */
  deliveryId?: string;
}

/** Labels a delivery: the provider it comes from, its delivery id and the event it carries. */
export function describeDelivery(delivery: { method: string; url: string; rawHeaders: readonly string[]; body: Uint8Array }): DeliveryDescription {
  const request: RawRequest = { method: delivery.method, url: delivery.url, headers: headerMap(delivery.rawHeaders), body: delivery.body };
  const provider = detectProvider(request);
  const description: DeliveryDescription = { ...eventOf(delivery.rawHeaders, delivery.body) };
  if (provider !== undefined) {
    description.provider = provider;
    const deliveryId = deliveryIdOf(request, provider);
    if (deliveryId !== undefined) description.deliveryId = deliveryId;
  }
  return description;
}

function eventOf(rawHeaders: readonly string[], body: Uint8Array): { event?: string } {
  const headerEvent = eventFromHeaders(rawHeaders);
  if (headerEvent !== undefined) {
    // GitHub and GitLab name the event in a header and the action (opened, closed…) in the payload.
    const action = readFields(body, ACTION_FIELD).get('action');
    return { event: action ? `${headerEvent}.${action}` : headerEvent };
  }
  const fields = readFields(body, EVENT_FIELD_SET);
  for (const field of EVENT_FIELDS) {
    const value = fields.get(field);
    if (!value) continue;
    // Slack wraps the real event: {"type":"event_callback","event":{"type":"app_mention"}}.
    if (value === 'event_callback') return { event: slackInnerEvent(body) ?? value };
    return { event: value };
  }
  return {};
}

function eventFromHeaders(rawHeaders: readonly string[]): string | undefined {
  let found: string | undefined;
  let rank = EVENT_HEADERS.length;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const at = EVENT_HEADERS.indexOf(rawHeaders[i].toLowerCase());
    if (at !== -1 && at < rank && rawHeaders[i + 1]) {
      rank = at;
      found = rawHeaders[i + 1];
    }
  }
  return found;
}

function readFields(body: Uint8Array, wanted: ReadonlySet<string>): Map<string, string> {
  if (body.byteLength === 0 || body.byteLength > MAX_SCANNED_BYTES) return new Map();
  return topLevelStringFields(body, wanted);
}

function slackInnerEvent(body: Uint8Array): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as { event?: { type?: unknown } };
    return typeof payload.event?.type === 'string' ? payload.event.type : undefined;
  } catch {
    return undefined;
  }
}
