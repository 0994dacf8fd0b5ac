import type { ForwardSummary } from './forward/forwardResult';

/** A request exactly as it arrived, the shape signature verification works on. */
export interface RawRequest {
  method: string;
  /** Path and query exactly as received, e.g. '/hooks/x?a=1'. */
  url: string;
  /** Names lower-cased; repeated headers as arrays. */
  headers: Record<string, string | string[]>;
  /** The raw bytes, never re-serialised. */
  body: Uint8Array;
}

/** What the receiver hands to the store for one delivery, before it has an id. */
export interface IncomingDelivery {
  method: string;
  url: string;
  httpVersion: string;
  /** Header names and values in arrival order, names as sent: [name, value, name, value, …]. */
  rawHeaders: string[];
  remoteAddress: string;
  /** Epoch milliseconds when the request line arrived. */
  receivedAt: number;
  /** Milliseconds spent reading the body. */
  readMs: number;
  /** True when the body was over the size limit and only its first bytes were kept. */
  truncated: boolean;
  /** The status the receiver answered (or will answer) with. */
  responseStatus: number;
  /** Set when the delivery is a provider's verification request (`slack-url-verification`, …). */
  handshake?: string;
  /**
   * Labels, computed by whoever hands the delivery over (the receiver, an import) with
   * `describeDelivery`; the store keeps them as given.
   */
  event?: string;
  provider?: string;
  deliveryId?: string;
  body: Uint8Array;
}

/** The in-memory index entry of a capture: metadata only, never the body. */
export interface CaptureSummary {
  /** Unique and ordered: a later capture's id sorts after an earlier one's. */
  id: string;
  seq: number;
  receivedAt: number;
  method: string;
  url: string;
  bodySize: number;
  truncated: boolean;
  responseStatus: number;
  /** The event name a provider header or the payload reveals (`push`, `customer.created`). */
  event?: string;
  /** The provider the headers point to (`github`, `stripe`, …). */
  provider?: string;
  /** The provider's id for this delivery, the same across its retries (`X-GitHub-Delivery`, Stripe's event id…). */
  deliveryId?: string;
  /** The latest forward or replay of this capture (the full result: `CaptureStore.readForwardResult`). */
  forward?: ForwardSummary;
  /** The provider verification handshake this capture was (`slack-url-verification`, `zoom-url-validation`, …). */
  handshake?: string;
  /**
   * Set when the capture is damaged on disk (its journal record or body fails its checksum, its body
   * is missing or cut short): why, in a sentence. What is shown of it may be wrong.
   */
  damaged?: string;
}

/** A capture with everything read back from disk. */
export interface Capture extends CaptureSummary {
  httpVersion: string;
  rawHeaders: string[];
  headers: Record<string, string | string[]>;
  remoteAddress: string;
  readMs: number;
  body: Uint8Array;
}

/** Folds raw header pairs into the lower-cased map; repeated names become arrays in arrival order. */
export function headerMap(rawHeaders: readonly string[]): Record<string, string | string[]> {
  const map = Object.create(null) as Record<string, string | string[]>;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const value = rawHeaders[i + 1];
    const existing = map[name];
    if (existing === undefined) map[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else map[name] = [existing, value];
  }
  return map;
}

export function toRawRequest(capture: Pick<Capture, 'method' | 'url' | 'headers' | 'body'>): RawRequest {
  return { method: capture.method, url: capture.url, headers: capture.headers, body: capture.body };
}

/** The path of a capture's URL without its query string: the route it is grouped under. */
export function routeOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
