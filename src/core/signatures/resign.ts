import { createHash, randomBytes } from 'node:crypto';
import { headerMap } from '../capture';
import { hmac } from './constantTime';
import { sortedFormParams } from './providers/twilio';
import { rawHeaderValue, setRawHeader } from './rawHeaderEdits';
import { decodeBase64 } from './signatureEncoding';

export interface ResignableRequest {
  method: string;
  /** Path and query. */
  url: string;
  rawHeaders: readonly string[];
  body: Uint8Array;
}

/** The request with fresh signature headers; `body` and `url` change only where the scheme signs them (Linear, Twilio). */
export interface ResignedRequest {
  rawHeaders: string[];
  body: Uint8Array;
  url: string;
}

export interface ResignOptions {
  /** The full URL the request will be sent to; HubSpot, Twilio and Square sign it. */
  targetUrl?: string;
}

/** Why a request cannot be re-signed: an unknown provider, a private-key scheme, a missing URL or an unusable secret. */
export class ResignError extends Error {
  constructor(readonly provider: string, message: string) {
    super(message);
    this.name = 'ResignError';
  }
}

type Signer = (request: ResignableRequest, secret: string, now: number, targetUrl: () => string) => ResignedRequest;

const seconds = (now: number) => String(Math.floor(now / 1000));
const body = (request: ResignableRequest) => Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
const same = (request: ResignableRequest, rawHeaders: string[]): ResignedRequest => ({ rawHeaders, body: request.body, url: request.url });

const SIGNERS: Record<string, Signer> = {
  github(request, secret) {
    let headers = setRawHeader(request.rawHeaders, 'X-Hub-Signature-256', `sha256=${hmac('sha256', secret, [body(request)]).toString('hex')}`);
    if (rawHeaderValue(request.rawHeaders, 'x-hub-signature') !== undefined) {
      headers = setRawHeader(headers, 'X-Hub-Signature', `sha1=${hmac('sha1', secret, [body(request)]).toString('hex')}`);
    }
    return same(request, headers);
  },
  stripe(request, secret, now) {
    const t = seconds(now);
    return same(request, setRawHeader(request.rawHeaders, 'Stripe-Signature', `t=${t},v1=${hmac('sha256', secret, [`${t}.`, body(request)]).toString('hex')}`));
  },
  slack(request, secret, now) {
    const t = seconds(now);
    const headers = setRawHeader(request.rawHeaders, 'X-Slack-Request-Timestamp', t);
    return same(request, setRawHeader(headers, 'X-Slack-Signature', `v0=${hmac('sha256', secret, [`v0:${t}:`, body(request)]).toString('hex')}`));
  },
  'standard-webhooks'(request, secret, now) {
    const prefix = standardWebhooksPrefix(request.rawHeaders);
    const key = decodeBase64(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret);
    if (!key) throw new ResignError('standard-webhooks', 'The secret is not whsec_ followed by base64, so it cannot sign.');
    // The id names the message across retries; keep it so the receiver's idempotency still works.
    const id = rawHeaderValue(request.rawHeaders, `${prefix}id`) ?? `msg_${randomBytes(12).toString('hex')}`;
    const t = seconds(now);
    let headers = setRawHeader(request.rawHeaders, `${prefix}id`, id);
    headers = setRawHeader(headers, `${prefix}timestamp`, t);
    return same(request, setRawHeader(headers, `${prefix}signature`, `v1,${hmac('sha256', key, [`${id}.${t}.`, body(request)]).toString('base64')}`));
  },
  shopify(request, secret) {
    return same(request, setRawHeader(request.rawHeaders, 'X-Shopify-Hmac-Sha256', hmac('sha256', secret, [body(request)]).toString('base64')));
  },
  paddle(request, secret, now) {
    const ts = seconds(now);
    return same(request, setRawHeader(request.rawHeaders, 'Paddle-Signature', `ts=${ts};h1=${hmac('sha256', secret, [`${ts}:`, body(request)]).toString('hex')}`));
  },
  linear(request, secret, now) {
    const fresh = withWebhookTimestamp(body(request), now);
    return { rawHeaders: setRawHeader(request.rawHeaders, 'Linear-Signature', hmac('sha256', secret, [fresh]).toString('hex')), body: fresh, url: request.url };
  },
  hubspot(request, secret, now, targetUrl) {
    const ts = String(now);
    const signature = hmac('sha256', secret, [request.method.toUpperCase() + targetUrl(), body(request), ts]).toString('base64');
    const headers = setRawHeader(request.rawHeaders, 'X-HubSpot-Request-Timestamp', ts);
    return same(request, setRawHeader(headers, 'X-HubSpot-Signature-v3', signature));
  },
  gitlab(request, secret) {
    // GitLab sends the secret token itself and signs nothing, so an edited body needs no change.
    return same(request, setRawHeader(request.rawHeaders, 'X-Gitlab-Token', secret));
  },
  twilio(request, secret, _now, targetUrl) {
    // JSON deliveries carry the body's hash in the URL (bodySHA256) and sign only the URL.
    const hash = createHash('sha256').update(body(request)).digest('hex');
    const signedUrl = withBodySha256(targetUrl(), hash);
    const url = withBodySha256(request.url, hash);
    const params = hasBodySha256(signedUrl) ? '' : sortedFormParams({ method: request.method, url, headers: headerMap(request.rawHeaders), body: request.body });
    const signature = hmac('sha1', secret, [signedUrl + params]).toString('base64');
    return { rawHeaders: setRawHeader(request.rawHeaders, 'X-Twilio-Signature', signature), body: request.body, url };
  },
  square(request, secret, _now, targetUrl) {
    let headers = setRawHeader(request.rawHeaders, 'x-square-hmacsha256-signature', hmac('sha256', secret, [targetUrl(), body(request)]).toString('base64'));
    if (rawHeaderValue(request.rawHeaders, 'x-square-signature') !== undefined) {
      headers = setRawHeader(headers, 'x-square-signature', hmac('sha1', secret, [targetUrl(), body(request)]).toString('base64'));
    }
    return same(request, headers);
  },
};

/** Providers that sign with their own private key; the key the user holds only verifies. */
const PRIVATE_KEY_PROVIDERS: Record<string, string> = {
  discord: 'Discord signs interactions with its Ed25519 private key; the application public key you have can only verify them.',
  sendgrid: 'SendGrid signs events with its ECDSA private key; the verification key you have can only verify them.',
};

/** Providers whose signature covers the URL the request is posted to. */
const URL_SIGNING = new Set(['hubspot', 'twilio', 'square']);

export const RESIGNABLE_PROVIDERS: readonly string[] = Object.keys(SIGNERS);

/**
 * Fresh signature headers, with a fresh timestamp, for a request whose body may have been edited.
 * Throws a ResignError when the provider cannot be re-signed with what the user has.
 */
export function resignRequest(request: ResignableRequest, provider: string, secret: string, now = Date.now(), options: ResignOptions = {}): ResignedRequest {
  const privateKey = ownValue(PRIVATE_KEY_PROVIDERS, provider);
  if (privateKey) throw new ResignError(provider, `Cannot re-sign a ${provider} request: ${privateKey}`);
  const signer = ownValue(SIGNERS, provider);
  if (!signer) throw new ResignError(provider, `Cannot re-sign for provider "${provider}"; supported: ${RESIGNABLE_PROVIDERS.join(', ')}.`);
  if (secret === '') throw new ResignError(provider, `Re-signing a ${provider} request needs its secret.`);
  const targetUrl = () => {
    if (options.targetUrl === undefined) throw new ResignError(provider, `${provider} signs the URL it posts to; pass the target URL to re-sign.`);
    return options.targetUrl;
  };
  if (URL_SIGNING.has(provider)) targetUrl();
  return signer(request, secret, now, targetUrl);
}

/** Provider ids come from users and payloads: never read `constructor` or `__proto__` off a table. */
function ownValue<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function standardWebhooksPrefix(rawHeaders: readonly string[]): 'webhook-' | 'svix-' {
  for (const name of ['webhook-signature', 'svix-signature', 'webhook-id', 'svix-id']) {
    if (rawHeaderValue(rawHeaders, name) !== undefined) return name.startsWith('svix-') ? 'svix-' : 'webhook-';
  }
  return 'webhook-';
}

/**
 * Linear signs the body, and its freshness is the body's own `webhookTimestamp` (ms): set it to
 * now. The number is replaced in the text so the rest of the body keeps its bytes; only when the
 * first match is not the top-level field is the JSON serialised again.
 */
function withWebhookTimestamp(bytes: Buffer, now: number): Buffer {
  let payload: unknown;
  try {
    payload = JSON.parse(bytes.toString('utf8'));
  } catch {
    return bytes;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || !('webhookTimestamp' in payload)) return bytes;
  const text = bytes.toString('utf8').replace(/("webhookTimestamp"\s*:\s*)-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, `$1${now}`);
  try {
    if ((JSON.parse(text) as { webhookTimestamp?: unknown }).webhookTimestamp === now) return Buffer.from(text);
  } catch {
    // fall through to re-serialising
  }
  return Buffer.from(JSON.stringify({ ...payload, webhookTimestamp: now }));
}

function hasBodySha256(url: string): boolean {
  return /[?&]bodySHA256=/.test(url);
}

function withBodySha256(url: string, hash: string): string {
  return url.replace(/([?&]bodySHA256=)[^&#]*/, `$1${hash}`);
}
