import type { ResponseSpec } from '../responseSpec';

export type HandshakeProvider = 'slack' | 'meta' | 'twitch' | 'zoom';

/** The label a handshake capture carries (`CaptureSummary.handshake`). */
export type HandshakeKind =
  | 'slack-url-verification'
  | 'meta-subscription-verification'
  | 'twitch-callback-verification'
  | 'zoom-url-validation';

/** A request a provider sends to check that an endpoint is really the subscriber's. */
export interface VerificationHandshake {
  kind: HandshakeKind;
  provider: HandshakeProvider;
  /** What the provider expects back: the challenge, or Zoom's plainToken to sign. */
  challenge: string;
  /** Meta only: the `hub.verify_token` the sender presented. */
  verifyToken?: string;
}

export interface HandshakeOptions {
  /** Answer handshakes automatically (on by default). Off: they are still labelled, and answered like any delivery. */
  enabled: boolean;
  /** When set, a Meta subscription check presenting another verify token is refused with 403. */
  metaVerifyToken?: string;
  /** Looks up a provider's secret, e.g. Zoom's secret token for `'zoom'`. */
  secretLookup?: (provider: string) => Promise<string | undefined>;
}

/** The parts of a delivery detection looks at. */
export interface HandshakeCandidate {
  method: string;
  url: string;
  rawHeaders: readonly string[];
  body: Uint8Array;
}

export function plainTextAnswer(status: number, text: string): ResponseSpec {
  return { status, headers: { 'content-type': 'text/plain' }, body: text, delayMs: 0 };
}

export function jsonAnswer(status: number, value: unknown): ResponseSpec {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value), delayMs: 0 };
}

/**
 * Slack's and Zoom's handshake bodies are about 130 bytes: a body over this is an ordinary delivery,
 * and skipping it spares every such delivery the byte search.
 */
export const MAX_UNANNOUNCED_HANDSHAKE_BYTES = 1024;
/** A handshake a header announces (Twitch) may carry more: its subscription, about 500 bytes. */
export const MAX_ANNOUNCED_HANDSHAKE_BYTES = 16 * 1024;

/**
 * The body as a JSON object, but only when it is small and contains the marker: a byte search
 * keeps ordinary deliveries from paying for a JSON.parse on the request path.
 */
export function smallJsonWith(body: Uint8Array, marker: Buffer, maxBytes: number): Record<string, unknown> | undefined {
  if (body.byteLength === 0 || body.byteLength > maxBytes) return undefined;
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (bytes.indexOf(marker) === -1) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The value of a header (first occurrence), matching its name in any letter case. */
export function headerValue(rawHeaders: readonly string[], lowerCaseName: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    if (name.length === lowerCaseName.length && name.toLowerCase() === lowerCaseName) return rawHeaders[i + 1];
  }
  return undefined;
}
