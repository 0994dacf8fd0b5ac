import { anyEqual, hmac } from '../../signatures/constantTime';
import { setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, headerValue } from '../../signatures/requestParts';
import { parseUnixTime } from '../../signatures/signatureAge';
import { decodeHex } from '../../signatures/signatureEncoding';
import { parseSignedHeaderParams } from '../../signatures/signedHeaderParams';
import { malformed, matched, mismatch } from '../../signatures/signatureVerdict';
import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { bodyBytes, unixSeconds, withHeaders } from '../signingParts';
import { HEX_SHA256 } from './generatedPatterns';

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, each v1 an HMAC-SHA256 of `<t>.<body>`;
 * other schemes (v0) are ignored. https://docs.stripe.com/webhooks#verify-manually
 */
export const stripe: ProviderDefinition<'stripe'> = {
  id: 'stripe',
  name: 'Stripe',
  secret: { description: 'the endpoint signing secret (whsec_…)', envVar: 'STRIPE_WEBHOOK_SECRET' },
  detection: { signatureHeaders: ['stripe-signature'], markerHeaders: [], userAgentPrefix: 'Stripe/' },
  verify(ctx) {
    const facts = { signatureHeader: 'stripe-signature', algorithm: 'HMAC-SHA256' };
    const parsed = parseSignedHeaderParams(headerValue(ctx.req, 'stripe-signature') ?? '', ',');
    if ('notAPair' in parsed) return malformed(this, facts, `"${parsed.notAPair}" is not a key=value pair`);
    let timestamp: string | undefined;
    const signatures: Buffer[] = [];
    for (const [key, text] of parsed.pairs) {
      if (key === 't') timestamp = text;
      else if (key === 'v1') {
        const signature = decodeHex(text, 32);
        if (!signature) return malformed(this, { ...facts, signatureCount: signatures.length + 1 }, 'a v1 signature is not 64 hex characters');
        signatures.push(signature);
      }
    }
    const counted = { ...facts, signatureCount: signatures.length };
    if (timestamp === undefined) return malformed(this, counted, 'no t= timestamp');
    const signedAt = parseUnixTime(timestamp, 's');
    if (signedAt === undefined) return malformed(this, counted, `t=${timestamp} is not a Unix timestamp`);
    if (signatures.length === 0) return malformed(this, counted, 'no v1= signature');
    const expected = hmac('sha256', ctx.secret, [`${timestamp}.`, bodyBuffer(ctx.req)]);
    return anyEqual(expected, signatures) ? matched(this, counted, ctx, signedAt) : mismatch(this, counted, 'body or secret differs', signedAt, ctx);
  },
  signing: {
    kind: 'secret',
    signsUrl: false,
    sign(request, secret, { now }) {
      const t = unixSeconds(now);
      const v1 = hmac('sha256', secret, [`${t}.`, bodyBytes(request)]).toString('hex');
      return withHeaders(request, setRawHeader(request.rawHeaders, 'Stripe-Signature', `t=${t},v1=${v1}`));
    },
  },
  // The event's id; a retry sends the same event. https://docs.stripe.com/webhooks#handle-duplicate-events
  deliveryId: { kind: 'field', fields: ['id'] },
  event: { kind: 'field', field: 'type' },
  payloadFormat: 'json',
  // The SDKs' default tolerance is 300 s. https://docs.stripe.com/webhooks#replay-attacks
  timestamp: { signed: true, location: 'the t= part of Stripe-Signature', unit: 's', providerToleranceSeconds: 300 },
  // https://docs.stripe.com/webhooks#retries (no fixed response timeout is documented; answer 2xx
  // before any slow work: https://docs.stripe.com/webhooks#acknowledge-events-immediately)
  delivery: {
    responseTimeoutSeconds: undefined,
    ackStatus: 200,
    retries: { automatic: true, schedule: 'live mode: exponential backoff for up to 3 days; sandboxes: 3 times over a few hours' },
    disabling: 'Stripe emails you about an endpoint that keeps failing and may disable it; events are not retried while it is disabled',
  },
  handshake: null,
  handler: {
    typescript: {
      cryptoImports: ['createHmac', 'timingSafeEqual'],
      helpers: ['safeEqual', 'isFresh', 'signedHeaderParams'],
      verifyFunction: code`
        /**
         * Stripe: \`Stripe-Signature: t=<unix seconds>,v1=<hex>,v1=<hex>…\`, each v1 an HMAC-SHA256 of
         * \`<t>.<body>\`. Several v1 entries appear while a secret is being rolled; one match is enough.
         */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          let timestamp: string | undefined;
          const signatures: Buffer[] = [];
          for (const [key, value] of signedHeaderParams(delivery.header('stripe-signature') ?? '', ',')) {
            if (key === 't') timestamp = value;
            else if (key === 'v1' && ${HEX_SHA256}.test(value)) signatures.push(Buffer.from(value, 'hex'));
          }
          if (timestamp === undefined || !isFresh(Number(timestamp))) return false;
          const expected = createHmac('sha256', secret).update(\`\${timestamp}.\`).update(delivery.rawBody).digest();
          return signatures.some((signature) => safeEqual(signature, expected));
        }`,
    },
  },
};
