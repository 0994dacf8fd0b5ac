/** Headers whose value names the event outright, checked in this order. */
const EVENT_HEADERS = ['x-github-event', 'x-gitlab-event', 'x-shopify-topic', 'x-event-key', 'linear-event', 'x-wc-webhook-topic'];
/** Top-level payload fields that name the event (Stripe, Standard Webhooks, Paddle, HubSpot, …). */
const EVENT_FIELDS = ['type', 'event_type', 'event', 'eventType', 'topic'];
/** Parsing a large payload on the request path is not worth a label. */
const MAX_PARSED_BYTES = 512 * 1024;

export interface DeliveryDescription {
  event?: string;
  provider?: string;
}

/** Names the event a delivery carries, from its headers or its JSON payload. */
export function describeDelivery(rawHeaders: readonly string[], body: Uint8Array): DeliveryDescription {
  const headerEvent = eventFromHeaders(rawHeaders);
  const payload = parseObject(body);
  if (headerEvent !== undefined) {
    // GitHub and GitLab name the event in a header and the action (opened, closed…) in the payload.
    const action = payload && typeof payload.action === 'string' ? payload.action : undefined;
    return { event: action ? `${headerEvent}.${action}` : headerEvent };
  }
  if (!payload) return {};
  for (const field of EVENT_FIELDS) {
    const value = payload[field];
    if (typeof value === 'string' && value) {
      // Slack wraps the real event: {"type":"event_callback","event":{"type":"app_mention"}}.
      const inner = payload.event;
      if (value === 'event_callback' && inner && typeof inner === 'object' && typeof (inner as { type?: unknown }).type === 'string') {
        return { event: (inner as { type: string }).type };
      }
      return { event: value };
    }
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

function parseObject(body: Uint8Array): Record<string, unknown> | undefined {
  if (body.byteLength === 0 || body.byteLength > MAX_PARSED_BYTES) return undefined;
  let first = 0;
  while (first < body.byteLength && (body[first] === 0x20 || body[first] === 0x0a || body[first] === 0x0d || body[first] === 0x09)) first++;
  if (body[first] !== 0x7b /* { */) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
