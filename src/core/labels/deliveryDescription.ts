import { headerMap } from '../capture';
import { BUILT_IN_SCHEMES } from '../signatures/builtInSchemes';
import { BATCH_DELIVERY_ID_FIELDS, DELIVERY_ID_FIELDS, DELIVERY_ID_HEADERS, deliveryIdOf } from '../signatures/deliveryId';
import { GITHUB_EVENTS_WITHOUT_ACTION } from './githubEvents';
import { readLabelHeaders } from './labelHeaders';
import { topLevelStringFields } from './topLevelFields';

/** Top-level payload fields that name the event (Stripe, Standard Webhooks, Paddle, HubSpot, …), best first. */
const EVENT_FIELDS = ['type', 'event_type', 'event', 'eventType', 'topic'];
/** Scanning a large payload on the request path is not worth a label. */
const MAX_SCANNED_BYTES = 512 * 1024;

export interface DeliveryDescription {
  event?: string;
  /** The built-in provider the headers point to (custom providers are matched later, with settings). */
  provider?: string;
  /** The provider's id for the delivery, the same across its retries. */
  deliveryId?: string;
}

interface Delivery {
  method: string;
  url: string;
  rawHeaders: readonly string[];
  body: Uint8Array;
}

/**
 * Labels a delivery: the provider it comes from (as detectProvider names it), its delivery id (as
 * deliveryIdOf reads it) and the event it carries. Runs for every capture before it is answered,
 * so it reads the headers once and scans the body at most once, for just the fields it still lacks.
 */
export function describeDelivery(delivery: Delivery): DeliveryDescription {
  const headers = readLabelHeaders(delivery.rawHeaders);
  const provider = headers.scheme === -1 ? undefined : BUILT_IN_SCHEMES[headers.scheme].id;
  const description: DeliveryDescription = {};

  const headerId = provider === undefined ? undefined : idFromHeaders(provider, headers.deliveryIds);
  // Ids in the payload: only the first candidate field is taken from the scan, so the order of
  // preference stays deliveryIdOf's; anything else (numbers, batches, absence) is left to it.
  const idField = provider !== undefined && headerId === undefined ? DELIVERY_ID_FIELDS[provider]?.[0] : undefined;
  const needsAction = headers.event !== undefined && !(headers.eventHeader === 'x-github-event' && GITHUB_EVENTS_WITHOUT_ACTION.has(headers.event));
  const wanted = wantedFields(headers.event === undefined ? 'event' : needsAction ? 'action' : 'none', idField);
  const fields = wanted.size ? readFields(delivery.body, wanted) : NO_FIELDS;

  if (headers.event !== undefined) {
    // GitHub and GitLab name the event in a header and the action (opened, closed…) in the payload.
    const action = fields.get('action');
    description.event = action ? `${headers.event}.${action}` : headers.event;
  } else {
    const event = eventFromFields(fields, delivery.body);
    if (event !== undefined) description.event = event;
  }
  if (provider === undefined) return description;
  description.provider = provider;
  const scannedId = idField === undefined ? undefined : fields.get(idField);
  const deliveryId = headerId ?? (scannedId || undefined) ?? slowDeliveryId(delivery, provider);
  if (deliveryId !== undefined) description.deliveryId = deliveryId;
  return description;
}

function idFromHeaders(provider: string, values: Map<string, string> | undefined): string | undefined {
  if (!values) return undefined;
  for (const header of DELIVERY_ID_HEADERS[provider] ?? []) {
    const value = values.get(header)?.trim();
    if (value) return value;
  }
  return undefined;
}

/** deliveryIdOf itself, for the payload shapes the scan does not settle (numbers, batches, no id). */
function slowDeliveryId(delivery: Delivery, provider: string): string | undefined {
  if (!DELIVERY_ID_FIELDS[provider] && !BATCH_DELIVERY_ID_FIELDS[provider]) return undefined;
  return deliveryIdOf({ method: delivery.method, url: delivery.url, headers: headerMap(delivery.rawHeaders), body: delivery.body }, provider);
}

function eventFromFields(fields: ReadonlyMap<string, string>, body: Uint8Array): string | undefined {
  for (const field of EVENT_FIELDS) {
    const value = fields.get(field);
    if (!value) continue;
    // Slack wraps the real event: {"type":"event_callback","event":{"type":"app_mention"}}.
    return value === 'event_callback' ? slackInnerEvent(body) ?? value : value;
  }
  return undefined;
}

const NO_FIELDS: ReadonlyMap<string, string> = new Map();
const wantedSets = new Map<string, ReadonlySet<string>>();

/** The fields to scan for, one shared set per combination. */
function wantedFields(event: 'event' | 'action' | 'none', idField: string | undefined): ReadonlySet<string> {
  const key = `${event} ${idField ?? ''}`;
  let set = wantedSets.get(key);
  if (!set) {
    const fields = event === 'event' ? [...EVENT_FIELDS] : event === 'action' ? ['action'] : [];
    if (idField !== undefined) fields.push(idField);
    set = new Set(fields);
    wantedSets.set(key, set);
  }
  return set;
}

function readFields(body: Uint8Array, wanted: ReadonlySet<string>): ReadonlyMap<string, string> {
  if (body.byteLength === 0 || body.byteLength > MAX_SCANNED_BYTES) return NO_FIELDS;
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
