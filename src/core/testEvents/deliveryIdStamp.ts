import { readDeliveryId } from '../deliveries/deliveryId';
import { headerMap } from '../capture';
import type { DeliveryIdRule, SigningRequest } from '../providers/providerDefinition';
import { rawHeaderValue, setRawHeader } from '../signatures/rawHeaderEdits';
import { headerValue, isRecord } from '../signatures/requestParts';

/** What a delivery id stamp did: the request, and the id the handler will read from it. */
export interface StampedDelivery {
  request: SigningRequest;
  /** undefined when the provider carries no id (or the body has nowhere to put one). */
  deliveryId: string | undefined;
}

/**
 * Sets a delivery id where the provider carries it: every id header of the rule the request has
 * (the first of them when it has none), the id fields a JSON body has, or each event of a batch.
 * `id` is a fixed id or a maker of fresh ones (called once per event of a batch).
 */
export function stampDeliveryId(request: SigningRequest, rule: DeliveryIdRule, id: string | (() => string)): StampedDelivery {
  const next = typeof id === 'string' ? batchIds(id) : id;
  switch (rule.kind) {
    case 'header': {
      const value = next();
      const present = rule.headers.filter((name) => rawHeaderValue(request.rawHeaders, name) !== undefined);
      let rawHeaders = [...request.rawHeaders];
      for (const name of present.length ? present : [rule.headers[0]]) {
        rawHeaders = setRawHeader(rawHeaders, name, keepPrefix(rawHeaderValue(rawHeaders, name), value));
      }
      return read({ ...request, rawHeaders }, rule);
    }
    case 'field': {
      const payload = parseJson(request.body);
      if (!isRecord(payload)) return read(request, rule);
      const value = next();
      const edits = rule.fields.filter((field) => isIdValue(payload[field])).map((field) => ({ target: payload, field, value: keepPrefix(String(payload[field]), value) }));
      return read({ ...request, body: rewrite(request.body, payload, edits) }, rule);
    }
    case 'batch': {
      const payload = parseJson(request.body);
      const events = Array.isArray(payload) ? payload : [payload];
      const edits = events.filter((event): event is Record<string, unknown> => isRecord(event) && isIdValue(event[rule.field]))
        .map((event) => ({ target: event, field: rule.field, value: next() }));
      return read({ ...request, body: rewrite(request.body, payload, edits) }, rule);
    }
    case 'none':
      return { request, deliveryId: undefined };
  }
}

/** The id the provider's rule reads from a request. */
export function deliveryIdOfRequest(request: SigningRequest, rule: DeliveryIdRule): string | undefined {
  const raw = { method: request.method, url: request.url, headers: headerMap(request.rawHeaders), body: request.body };
  return readDeliveryId(rule, (name) => headerValue(raw, name), () => parseJson(request.body));
}

function read(request: SigningRequest, rule: DeliveryIdRule): StampedDelivery {
  return { request, deliveryId: deliveryIdOfRequest(request, rule) };
}

/** A chosen id for the first event; for the others of a batch the next numbers (HubSpot's ids are numbers) or `<id>-2`, `<id>-3`. */
function batchIds(id: string): () => string {
  let n = 0;
  return () => {
    const i = n++;
    if (i === 0) return id;
    return /^\d{1,15}$/.test(id) ? String(Number(id) + i) : `${id}-${i + 1}`;
  };
}

/** Paddle's notification_id keeps its `ntf_` when its event_id gets a fresh `evt_…`. */
function keepPrefix(old: string | undefined, value: string): string {
  const oldPrefix = old === undefined ? undefined : /^[a-z]+_/.exec(old)?.[0];
  const newPrefix = /^[a-z]+_/.exec(value)?.[0];
  if (!oldPrefix || !newPrefix || oldPrefix === newPrefix) return value;
  return oldPrefix + value.slice(newPrefix.length);
}

function isIdValue(value: unknown): value is string | number {
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
}

interface FieldEdit {
  target: Record<string, unknown>;
  field: string;
  value: string;
}

/**
 * Applies the edits to the parsed payload and to its text: each `"field": <old>` is replaced in
 * order, so the rest of the body keeps its bytes (and formatting). When the text edit does not
 * produce exactly the edited payload, the payload is serialised again.
 */
function rewrite(body: Uint8Array, payload: unknown, edits: readonly FieldEdit[]): Uint8Array {
  if (!edits.length) return body;
  let text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  let from = 0;
  let textOk = true;
  for (const edit of edits) {
    const old = edit.target[edit.field];
    const replacement = typeof old === 'number' && /^\d{1,15}$/.test(edit.value) ? Number(edit.value) : edit.value;
    edit.target[edit.field] = replacement;
    if (!textOk) continue;
    const pattern = new RegExp(`${escapeRegExp(JSON.stringify(edit.field))}\\s*:\\s*${escapeRegExp(JSON.stringify(old))}`, 'g');
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (!match) {
      textOk = false;
      continue;
    }
    const colon = match[0].indexOf(':');
    const spacing = /^:\s*/.exec(match[0].slice(colon))![0];
    const written = `${match[0].slice(0, colon)}${spacing}${JSON.stringify(replacement)}`;
    text = text.slice(0, match.index) + written + text.slice(match.index + match[0].length);
    from = match.index + written.length;
  }
  if (textOk) {
    try {
      if (JSON.stringify(JSON.parse(text)) === JSON.stringify(payload)) return Buffer.from(text);
    } catch {
      // fall through to serialising again
    }
  }
  return Buffer.from(JSON.stringify(payload));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
