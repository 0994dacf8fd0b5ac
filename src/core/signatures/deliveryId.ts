import type { RawRequest } from '../capture';
import { CUSTOM_PREFIX, type CustomProvider } from './customProvider';
import { detectProvider } from './providerDetection';
import { bodyJson, headerValue, isRecord } from './requestParts';

/** Where each provider puts the id that stays the same when it retries a delivery. */
export const DELIVERY_ID_HEADERS: Record<string, readonly string[]> = {
  github: ['x-github-delivery'],
  'standard-webhooks': ['webhook-id', 'svix-id'],
  shopify: ['x-shopify-webhook-id', 'x-shopify-event-id'],
  gitlab: ['x-gitlab-event-uuid'],
  linear: ['linear-delivery'],
  twilio: ['i-twilio-idempotency-token'],
};

/** Top-level JSON fields that carry the event id, for providers that put it in the payload. */
export const DELIVERY_ID_FIELDS: Record<string, readonly string[]> = {
  stripe: ['id'],
  slack: ['event_id'],
  paddle: ['event_id', 'notification_id'],
  square: ['event_id'],
  discord: ['id'],
};

/** Providers that batch events in a JSON array; the delivery id joins the ids of its events. */
export const BATCH_DELIVERY_ID_FIELDS: Record<string, string> = {
  hubspot: 'eventId',
  sendgrid: 'sg_event_id',
};

/**
 * The provider's id for this delivery, the same across retries, or undefined when it carries none.
 * `provider` defaults to the detected one.
 */
export function deliveryIdOf(req: RawRequest, provider?: string, customProviders: readonly CustomProvider[] = []): string | undefined {
  const id = provider ?? detectProvider(req, customProviders);
  if (id === undefined) return undefined;
  if (id.startsWith(CUSTOM_PREFIX)) {
    const def = customProviders.find((p) => CUSTOM_PREFIX + p.id === id);
    return def?.deliveryIdHeader ? nonEmpty(headerValue(req, def.deliveryIdHeader)) : undefined;
  }
  for (const header of DELIVERY_ID_HEADERS[id] ?? []) {
    const value = nonEmpty(headerValue(req, header));
    if (value !== undefined) return value;
  }
  const fields = DELIVERY_ID_FIELDS[id];
  const batchField = BATCH_DELIVERY_ID_FIELDS[id];
  if (!fields && !batchField) return undefined;
  const payload = bodyJson(req);
  if (fields && isRecord(payload)) {
    for (const field of fields) {
      const value = idText(payload[field]);
      if (value !== undefined) return value;
    }
  }
  if (batchField) {
    const events = Array.isArray(payload) ? payload : [payload];
    const ids = events.map((event) => (isRecord(event) ? idText(event[batchField]) : undefined));
    if (ids.length > 0 && ids.every((value) => value !== undefined)) return ids.join(',');
  }
  return undefined;
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'string') return nonEmpty(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
