import { bytesEqual, hmac } from '../../signatures/constantTime';
import { rawHeaderValue, setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, headerValue } from '../../signatures/requestParts';
import { decodeBase64 } from '../../signatures/signatureEncoding';
import { malformed, matched, mismatch } from '../../signatures/signatureVerdict';
import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { bodyBytes, withHeaders } from '../signingParts';
import { NOT_ENCODED, newUuid, UNMARKED_RETRIES, zeros } from '../testingParts';

/**
 * Shopify names its headers `X-Shopify-*` for webhooks and also un-prefixed `Shopify-*` for its
 * newer Events deliveries, which send both (`@shopify/shopify-api`, lib/webhooks/header-names.ts,
 * reads `Shopify-Hmac-Sha256` first). https://shopify.dev/docs/apps/build/events/delivery-structure
 */
const SIGNATURE_HEADERS = ['shopify-hmac-sha256', 'x-shopify-hmac-sha256'];

/**
 * Shopify: `X-Shopify-Hmac-Sha256` (or `Shopify-Hmac-Sha256`): base64 HMAC-SHA256 of the body,
 * keyed with the app's client secret; no timestamp is signed.
 * https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook
 */
export const shopify: ProviderDefinition<'shopify'> = {
  id: 'shopify',
  name: 'Shopify',
  secret: { description: 'the app client secret', envVar: 'SHOPIFY_WEBHOOK_SECRET', services: [] },
  detection: {
    signatureHeaders: ['x-shopify-hmac-sha256', 'shopify-hmac-sha256'],
    markerHeaders: [
      'x-shopify-topic', 'x-shopify-webhook-id', 'x-shopify-shop-domain', 'x-shopify-event-id', 'x-shopify-api-version',
      'shopify-topic', 'shopify-webhook-id', 'shopify-shop-domain', 'shopify-event-id', 'shopify-api-version',
    ],
  },
  verify(ctx) {
    const header = SIGNATURE_HEADERS.find((name) => headerValue(ctx.req, name) !== undefined) ?? 'x-shopify-hmac-sha256';
    const facts = { signatureHeader: header, algorithm: 'HMAC-SHA256', signatureCount: 1 };
    const given = decodeBase64(headerValue(ctx.req, header) ?? '', 32);
    if (!given) return malformed(this, facts, 'expected base64 of 32 bytes');
    const expected = hmac('sha256', ctx.secret, [bodyBuffer(ctx.req)]);
    return bytesEqual(expected, given) ? matched(this, facts, ctx, undefined, 'HMAC-SHA256 of the body') : mismatch(this, facts);
  },
  signing: {
    kind: 'secret',
    signsUrl: false,
    sign(request, secret) {
      const signature = hmac('sha256', secret, [bodyBytes(request)]).toString('base64');
      const present = ['X-Shopify-Hmac-Sha256', 'Shopify-Hmac-Sha256'].filter((name) => rawHeaderValue(request.rawHeaders, name) !== undefined);
      const headers = (present.length ? present : ['X-Shopify-Hmac-Sha256']).reduce((raw, name) => setRawHeader(raw, name, signature), [...request.rawHeaders]);
      return withHeaders(request, headers);
    },
  },
  // "the same X-Shopify-Event-Id across more than one webhook indicates a duplicate";
  // the webhook id where no event id came. https://shopify.dev/docs/apps/build/webhooks/ignore-duplicates
  deliveryId: { kind: 'header', headers: ['x-shopify-event-id', 'shopify-event-id', 'x-shopify-webhook-id', 'shopify-webhook-id'] },
  event: { kind: 'header', header: 'X-Shopify-Topic', alternatives: ['Shopify-Topic'] },
  payloadFormat: { form: null },
  timestamp: { signed: false },
  // 1 s to connect, 5 s to answer: https://shopify.dev/docs/apps/build/webhooks/subscribe/https
  // 8 retries over 4 hours: https://shopify.dev/changelog/updates-to-webhook-retry-mechanism
  delivery: {
    responseTimeoutSeconds: 5,
    ackStatus: 200,
    retries: { automatic: true, schedule: '8 retries over the next 4 hours, exponential backoff, with the original payload' },
    disabling: 'after 8 consecutive failures a subscription made through the Admin API is deleted',
  },
  handshake: null,
  handler: {
    typescript: {
      cryptoImports: ['createHmac', 'timingSafeEqual'],
      helpers: ['safeEqual'],
      verifyFunction: code`
        /**
         * Shopify: \`X-Shopify-Hmac-Sha256\` (\`Shopify-Hmac-Sha256\` on newer deliveries): the base64
         * HMAC-SHA256 of the body, keyed with the app's client secret.
         */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          const signature = delivery.header('shopify-hmac-sha256') ?? delivery.header('x-shopify-hmac-sha256');
          if (!signature) return false;
          const expected = createHmac('sha256', secret).update(delivery.rawBody).digest();
          return safeEqual(Buffer.from(signature, 'base64'), expected);
        }`,
    },
    python: {
      imports: ['base64', 'hashlib', 'hmac'],
      fromImports: [],
      packages: [],
      helpers: [],
      verifyFunction: code`
        def verify_signature(delivery: Delivery, secret: str) -> bool:
            """Shopify: \`\`X-Shopify-Hmac-Sha256\`\` (\`\`Shopify-Hmac-Sha256\`\` on newer deliveries).

            The base64 HMAC-SHA256 of the body, keyed with the app's client secret.
            """
            signature = delivery.header("shopify-hmac-sha256") or delivery.header("x-shopify-hmac-sha256")
            if not signature:
                return False
            expected = hmac.new(secret.encode(), delivery.raw_body, hashlib.sha256).digest()
            return hmac.compare_digest(base64.b64encode(expected), signature.encode())`,
    },
  },
  testing: {
    newDeliveryId: newUuid,
    // Retries resend the original payload with the same ids and no retry marker (see the changelog above).
    retries: UNMARKED_RETRIES,
    malformedSignatures: [
      { header: 'X-Shopify-Hmac-Sha256', value: NOT_ENCODED, what: 'characters that are not base64' },
      { header: 'X-Shopify-Hmac-Sha256', value: zeros(20, 'base64'), what: 'base64 of 20 bytes, not the 32 of SHA-256' },
    ],
    rotation: null,
  },
};
