import { headerMap } from '../capture';
import { deliveryIdOf, readDeliveryId } from '../deliveries/deliveryId';
import type { CustomProvider } from '../providers/custom/customProvider';
import { eventNameOf, stringAtPath } from '../providers/eventName';
import { GITHUB_EVENTS_WITHOUT_ACTION } from '../providers/builtIn/githubEvents';
import type { ProviderDefinition } from '../providers/providerDefinition';
import { customDefinitions } from '../providers/providerLookup';
import { BUILT_IN_DEFINITIONS } from '../providers/registry';
import { headerValue } from '../signatures/requestParts';
import { readLabelHeaders } from './labelHeaders';
import { topLevelStringFields } from './topLevelFields';

/** Top-level payload fields that name the event of any sender (Stripe, Standard Webhooks, Paddle, …), best first. */
const EVENT_FIELDS = ['type', 'event_type', 'event', 'eventType', 'topic'];
/** Scanning a large payload on the request path is not worth a label. */
const MAX_SCANNED_BYTES = 512 * 1024;

export interface DeliveryDescription {
  event?: string;
  /** The provider the headers point to: a custom one when custom providers are given, else a built-in one. */
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
 * deliveryIdOf reads it) and the event it carries: an event header (plus the payload's `action`),
 * else the provider's own event field, else a common event field. Runs for every capture before it
 * is answered, so it reads the headers once and scans the body at most once, for just the fields it
 * still lacks.
 */
export function describeDelivery(delivery: Delivery, customProviders: readonly CustomProvider[] = []): DeliveryDescription {
  const custom = customProviders.length ? customDefinitions(customProviders).find((d) => signedBy(d, delivery.rawHeaders)) : undefined;
  if (custom) return describeCustom(delivery, custom, customProviders);

  const headers = readLabelHeaders(delivery.rawHeaders);
  const provider: ProviderDefinition | undefined = headers.provider === -1 ? undefined : BUILT_IN_DEFINITIONS[headers.provider];
  const description: DeliveryDescription = {};

  const idRule = provider?.deliveryId;
  const headerId = idRule?.kind === 'header' ? readDeliveryId(idRule, (name) => headers.deliveryIds?.get(name), () => undefined) : undefined;
  // Ids in the payload: only the first candidate field is taken from the scan, so the order of
  // preference stays deliveryIdOf's; anything else (numbers, batches, absence) is left to it.
  const idField = idRule?.kind === 'field' ? idRule.fields[0] : undefined;
  const providerField = provider?.event.kind === 'field' ? provider.event.field : undefined;
  const needsAction = headers.event !== undefined && !(headers.eventHeader === 'x-github-event' && GITHUB_EVENTS_WITHOUT_ACTION.has(headers.event));
  const wanted = wantedFields(headers.event === undefined ? 'event' : needsAction ? 'action' : 'none', providerField, idField);
  const fields = wanted.size ? readFields(delivery.body, wanted) : NO_FIELDS;

  if (headers.event !== undefined) {
    // GitHub and GitLab name the event in a header and the action (opened, closed…) in the payload.
    const action = fields.get('action');
    description.event = action ? `${headers.event}.${action}` : headers.event;
  } else {
    const event = providerEvent(providerField, fields, delivery.body) ?? firstField(fields, EVENT_FIELDS);
    if (event !== undefined) description.event = event;
  }
  if (provider === undefined) return description;
  description.provider = provider.id;
  const scannedId = idField === undefined ? undefined : fields.get(idField);
  const deliveryId = headerId ?? (scannedId || undefined) ?? slowDeliveryId(delivery, provider);
  if (deliveryId !== undefined) description.deliveryId = deliveryId;
  return description;
}

function signedBy(definition: ProviderDefinition, rawHeaders: readonly string[]): boolean {
  const names = new Set(rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase()));
  return definition.detection.signatureHeaders.some((header) => names.has(header));
}

/** A custom provider's delivery, read the plain way: custom providers are few and their rules simple. */
function describeCustom(delivery: Delivery, provider: ProviderDefinition, customProviders: readonly CustomProvider[]): DeliveryDescription {
  const req = { method: delivery.method, url: delivery.url, headers: headerMap(delivery.rawHeaders), body: delivery.body };
  const description: DeliveryDescription = {};
  const event = eventNameOf(provider.event, (name) => headerValue(req, name), parseSmall(delivery.body));
  if (event !== undefined) description.event = event;
  description.provider = provider.id;
  const deliveryId = deliveryIdOf(req, provider.id, customProviders);
  if (deliveryId !== undefined) description.deliveryId = deliveryId;
  return description;
}

const wantedSets = new Map<string, ReadonlySet<string>>();

/**
 * The fields to scan for, one shared set per combination: when no header names the event, the
 * provider's own top-level event field and the common ones; else only `action`; and the id field.
 */
function wantedFields(event: 'event' | 'action' | 'none', providerField: string | undefined, idField: string | undefined): ReadonlySet<string> {
  const key = `${event} ${providerField ?? ''} ${idField ?? ''}`;
  let set = wantedSets.get(key);
  if (!set) {
    const fields = event === 'action' ? ['action'] : [];
    if (event === 'event') {
      if (providerField !== undefined && !providerField.includes('.')) fields.push(providerField);
      fields.push(...EVENT_FIELDS);
    }
    if (idField !== undefined) fields.push(idField);
    set = new Set(fields);
    wantedSets.set(key, set);
  }
  return set;
}

/** The provider's own event field: from the scan when top-level, else from the parsed payload (Slack's `event.type`). */
function providerEvent(field: string | undefined, fields: ReadonlyMap<string, string>, body: Uint8Array): string | undefined {
  if (field === undefined) return undefined;
  if (!field.includes('.')) return fields.get(field) || undefined;
  return stringAtPath(parseSmall(body), field);
}

function firstField(fields: ReadonlyMap<string, string>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = fields.get(name);
    if (value) return value;
  }
  return undefined;
}

/** deliveryIdOf itself, for the payload shapes the scan does not settle (numbers, batches, no id). */
function slowDeliveryId(delivery: Delivery, provider: ProviderDefinition): string | undefined {
  if (provider.deliveryId.kind !== 'field' && provider.deliveryId.kind !== 'batch') return undefined;
  return deliveryIdOf({ method: delivery.method, url: delivery.url, headers: headerMap(delivery.rawHeaders), body: delivery.body }, provider.id);
}

const NO_FIELDS: ReadonlyMap<string, string> = new Map();

function readFields(body: Uint8Array, wanted: ReadonlySet<string>): ReadonlyMap<string, string> {
  if (body.byteLength === 0 || body.byteLength > MAX_SCANNED_BYTES) return NO_FIELDS;
  return topLevelStringFields(body, wanted);
}

function parseSmall(body: Uint8Array): unknown {
  if (body.byteLength === 0 || body.byteLength > MAX_SCANNED_BYTES) return undefined;
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
}
