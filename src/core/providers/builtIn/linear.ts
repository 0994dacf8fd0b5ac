import { bytesEqual, hmac } from '../../signatures/constantTime';
import { setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, bodyJson, headerValue, isRecord } from '../../signatures/requestParts';
import { decodeHex } from '../../signatures/signatureEncoding';
import { malformed, matched, mismatch } from '../../signatures/signatureVerdict';
import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { bodyBytes } from '../signingParts';
import { HEX_SHA256 } from './generatedPatterns';
import { newUuid, UNMARKED_RETRIES, zeros } from '../testingParts';

/**
 * Linear: `Linear-Signature: <hex HMAC-SHA256>` of the body. Freshness comes from the signed
 * `webhookTimestamp` (ms) inside the body, not from a header an attacker could change.
 * https://linear.app/developers/webhooks#securing-webhooks
 */
export const linear: ProviderDefinition<'linear'> = {
  id: 'linear',
  name: 'Linear',
  secret: { description: 'the webhook signing secret', envVar: 'LINEAR_WEBHOOK_SECRET', services: [] },
  detection: { signatureHeaders: ['linear-signature'], markerHeaders: ['linear-delivery', 'linear-event'] },
  verify(ctx) {
    const facts = { signatureHeader: 'linear-signature', algorithm: 'HMAC-SHA256', signatureCount: 1 };
    const given = decodeHex(headerValue(ctx.req, 'linear-signature') ?? '', 32);
    if (!given) return malformed(this, facts, 'expected 64 hex characters');
    const expected = hmac('sha256', ctx.secret, [bodyBuffer(ctx.req)]);
    const signedAt = webhookTimestampOf(bodyJson(ctx.req));
    if (!bytesEqual(expected, given)) return mismatch(this, facts, 'body or secret differs', signedAt, ctx);
    return signedAt === undefined
      ? matched(this, facts, ctx, undefined, 'no webhookTimestamp in the body to check freshness')
      : matched(this, facts, ctx, signedAt);
  },
  signing: {
    kind: 'secret',
    signsUrl: false,
    sign(request, secret, { now }) {
      const fresh = withWebhookTimestamp(bodyBytes(request), now);
      return { rawHeaders: setRawHeader(request.rawHeaders, 'Linear-Signature', hmac('sha256', secret, [fresh]).toString('hex')), body: fresh, url: request.url };
    },
  },
  deliveryId: { kind: 'header', headers: ['linear-delivery'] },
  // `Linear-Event: Issue`; the payload's `type` says the same (so handlers switch on it and narrow)
  // and `action` says what happened. https://linear.app/developers/webhooks#webhook-payload
  event: { kind: 'header', header: 'Linear-Event', payloadField: 'type' },
  payloadFormat: { form: null },
  // @linear/sdk's LinearWebhookClient refuses a webhookTimestamp more than 60 s from now.
  timestamp: { signed: true, location: 'the webhookTimestamp field of the signed body', unit: 'ms', providerToleranceSeconds: 60 },
  // https://linear.app/developers/webhooks#webhook-retries
  delivery: {
    responseTimeoutSeconds: 5,
    ackStatus: 200,
    retries: { automatic: true, schedule: 'up to 3 retries: after 1 minute, 1 hour and 6 hours' },
    disabling: 'a webhook that keeps failing may be disabled',
  },
  handshake: null,
  handler: {
    typescript: {
      cryptoImports: ['createHmac', 'timingSafeEqual'],
      helpers: ['safeEqual', 'isFresh'],
      verifyFunction: code`
        /** Linear: \`Linear-Signature: <hex HMAC-SHA256 of the body>\`; its timestamp is checked once the body is parsed. */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          const signature = delivery.header('linear-signature') ?? '';
          if (!${HEX_SHA256}.test(signature)) return false;
          const expected = createHmac('sha256', secret).update(delivery.rawBody).digest();
          return safeEqual(Buffer.from(signature, 'hex'), expected);
        }`,
      afterParse: code`
        // Linear's timestamp (milliseconds) is inside the signed body, so a replay is only caught here.
        const sentAt = (payload as { webhookTimestamp?: unknown }).webhookTimestamp;
        if (typeof sentAt !== 'number' || !isFresh(sentAt / 1000)) {
          return { status: 401, body: { error: 'stale or missing webhookTimestamp' } };
        }`,
    },
    python: {
      imports: ['hashlib', 'hmac', 're'],
      fromImports: [],
      packages: [],
      helpers: ['is_fresh'],
      verifyFunction: code`
        def verify_signature(delivery: Delivery, secret: str) -> bool:
            """Linear: \`\`Linear-Signature: <hex HMAC-SHA256 of the body>\`\`."""
            signature = delivery.header("linear-signature") or ""
            if not re.fullmatch(r"[0-9a-fA-F]{64}", signature):
                return False
            expected = hmac.new(secret.encode(), delivery.raw_body, hashlib.sha256).digest()
            return hmac.compare_digest(bytes.fromhex(signature), expected)`,
      afterParse: code`
        # Linear's timestamp (milliseconds) is inside the signed body, so a replay is only caught here.
        sent_at = payload.get("webhookTimestamp") if isinstance(payload, dict) else None
        if isinstance(sent_at, bool) or not isinstance(sent_at, (int, float)) or not is_fresh(sent_at / 1000):
            return Reception(401, {"error": "stale or missing webhookTimestamp"})`,
    },
  },
  testing: {
    newDeliveryId: newUuid,
    retries: UNMARKED_RETRIES,
    malformedSignatures: [
      { header: 'Linear-Signature', value: 'z'.repeat(64), what: 'characters that are not hex' },
      { header: 'Linear-Signature', value: zeros(20, 'hex'), what: 'a signature of the wrong length' },
    ],
    rotation: null,
  },
};

function webhookTimestampOf(payload: unknown): number | undefined {
  if (!isRecord(payload)) return undefined;
  const value = payload.webhookTimestamp;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
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
  if (!isRecord(payload) || !('webhookTimestamp' in payload)) return bytes;
  const text = bytes.toString('utf8').replace(/("webhookTimestamp"\s*:\s*)-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, `$1${now}`);
  try {
    if ((JSON.parse(text) as { webhookTimestamp?: unknown }).webhookTimestamp === now) return Buffer.from(text);
  } catch {
    // fall through to re-serialising
  }
  return Buffer.from(JSON.stringify({ ...payload, webhookTimestamp: now }));
}
