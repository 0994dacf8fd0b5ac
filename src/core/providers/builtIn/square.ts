import { bytesEqual, hmac } from '../../signatures/constantTime';
import { rawHeaderValue, setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, headerValue, signedUrl } from '../../signatures/requestParts';
import { decodeBase64 } from '../../signatures/signatureEncoding';
import { malformed, matched, mismatch } from '../../signatures/signatureVerdict';
import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { bodyBytes, withHeaders } from '../signingParts';
import { NOT_ENCODED, newUuid, zeros } from '../testingParts';

/**
 * Square: `x-square-hmacsha256-signature: <base64 HMAC-SHA256>` of the notification URL followed
 * by the body; the legacy `x-square-signature` is HMAC-SHA1 of the same content.
 * https://developer.squareup.com/docs/webhooks/step3validate
 */
export const square: ProviderDefinition<'square'> = {
  id: 'square',
  name: 'Square',
  secret: { description: 'the subscription signature key', envVar: 'SQUARE_WEBHOOK_SIGNATURE_KEY', services: [] },
  detection: {
    signatureHeaders: ['x-square-hmacsha256-signature', 'x-square-signature'],
    markerHeaders: ['square-environment', 'square-initial-delivery-timestamp', 'square-retry-number', 'square-retry-reason'],
  },
  verify(ctx) {
    const sha256 = headerValue(ctx.req, 'x-square-hmacsha256-signature');
    const [header, algorithm, bytes] = sha256 !== undefined
      ? ['x-square-hmacsha256-signature', 'sha256', 32] as const
      : ['x-square-signature', 'sha1', 20] as const;
    const facts = { signatureHeader: header, algorithm: algorithm === 'sha256' ? 'HMAC-SHA256' : 'HMAC-SHA1', signatureCount: 1 };
    const given = decodeBase64(sha256 ?? headerValue(ctx.req, header) ?? '', bytes);
    if (!given) return malformed(this, facts, `expected base64 of ${bytes} bytes`);
    const { url, guessed } = signedUrl(ctx.req, ctx.publicUrl);
    const expected = hmac(algorithm, ctx.secret, [url, bodyBuffer(ctx.req)]);
    if (bytesEqual(expected, given)) return matched(this, facts, ctx, undefined, `${facts.algorithm} of URL and body`);
    return mismatch(this, facts, guessed
      ? `body, signature key or notification URL differ (URL rebuilt from the Host header as ${url}; pass the public URL)`
      : 'body, signature key or notification URL differ');
  },
  signing: {
    kind: 'secret',
    signsUrl: true,
    sign(request, secret, { targetUrl }) {
      const body = bodyBytes(request);
      let headers = setRawHeader(request.rawHeaders, 'x-square-hmacsha256-signature', hmac('sha256', secret, [targetUrl(), body]).toString('base64'));
      if (rawHeaderValue(request.rawHeaders, 'x-square-signature') !== undefined) {
        headers = setRawHeader(headers, 'x-square-signature', hmac('sha1', secret, [targetUrl(), body]).toString('base64'));
      }
      return withHeaders(request, headers);
    },
  },
  // https://developer.squareup.com/docs/webhooks/overview ("use event_id to dedupe")
  deliveryId: { kind: 'field', fields: ['event_id'] },
  event: { kind: 'field', field: 'type' },
  payloadFormat: { form: null },
  timestamp: { signed: false },
  // https://developer.squareup.com/docs/webhooks/troubleshooting: answer within 10 s; retried for up to 24 h.
  delivery: {
    responseTimeoutSeconds: 10,
    ackStatus: 200,
    retries: { automatic: true, schedule: 'exponential backoff for up to 24 hours (square-retry-number counts them), then discarded' },
    disabling: undefined,
  },
  handshake: null,
  handler: {
    typescript: {
      cryptoImports: ['createHmac', 'timingSafeEqual'],
      helpers: ['safeEqual', 'publicUrl'],
      verifyFunction: code`
        /**
         * Square: \`X-Square-HmacSha256-Signature: <base64 HMAC-SHA256 of notification URL + body>\`, keyed
         * with the subscription's signature key.
         */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          const signature = delivery.header('x-square-hmacsha256-signature');
          if (!signature) return false;
          const expected = createHmac('sha256', secret).update(publicUrl(delivery)).update(delivery.rawBody).digest();
          return safeEqual(Buffer.from(signature, 'base64'), expected);
        }`,
    },
    python: {
      imports: ['base64', 'hashlib', 'hmac'],
      fromImports: [],
      packages: [],
      helpers: ['public_url'],
      verifyFunction: code`
        def verify_signature(delivery: Delivery, secret: str) -> bool:
            """Square: \`\`X-Square-HmacSha256-Signature: <base64 HMAC-SHA256 of notification URL + body>\`\`."""
            signature = delivery.header("x-square-hmacsha256-signature")
            if not signature:
                return False
            signed = public_url(delivery).encode() + delivery.raw_body
            expected = hmac.new(secret.encode(), signed, hashlib.sha256).digest()
            return hmac.compare_digest(base64.b64encode(expected), signature.encode())`,
    },
  },
  testing: {
    newDeliveryId: newUuid,
    // Retries carry their number and the reason the previous attempt failed:
    // https://developer.squareup.com/docs/webhooks/overview (square-retry-number, square-retry-reason).
    retries: {
      headers: (attempt, reason) => [['square-retry-number', String(attempt)], ['square-retry-reason', reason]],
      countHeader: 'square-retry-number',
      stopHeader: undefined,
    },
    malformedSignatures: [
      { header: 'x-square-hmacsha256-signature', value: NOT_ENCODED, what: 'characters that are not base64' },
      { header: 'x-square-hmacsha256-signature', value: zeros(20, 'base64'), what: 'base64 of 20 bytes, not the 32 of SHA-256' },
    ],
    rotation: null,
  },
};
