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
 * Paddle Billing: `Paddle-Signature: ts=<unix>;h1=<hex>[;h1=<hex>…]`, each h1 an HMAC-SHA256 of
 * `<ts>:<body>`. https://developer.paddle.com/webhooks/signature-verification
 */
export const paddle: ProviderDefinition<'paddle'> = {
  id: 'paddle',
  name: 'Paddle',
  secret: { description: 'the notification destination secret (pdl_ntfset_…)', envVar: 'PADDLE_WEBHOOK_SECRET' },
  detection: { signatureHeaders: ['paddle-signature'], markerHeaders: [] },
  verify(ctx) {
    const facts = { signatureHeader: 'paddle-signature', algorithm: 'HMAC-SHA256' };
    const parsed = parseSignedHeaderParams(headerValue(ctx.req, 'paddle-signature') ?? '', ';');
    if ('notAPair' in parsed) return malformed(this, facts, `"${parsed.notAPair}" is not a key=value pair`);
    let timestamp: string | undefined;
    const signatures: Buffer[] = [];
    for (const [key, text] of parsed.pairs) {
      if (key === 'ts') timestamp = text;
      else if (key === 'h1') {
        const signature = decodeHex(text, 32);
        if (!signature) return malformed(this, facts, 'an h1 signature is not 64 hex characters');
        signatures.push(signature);
      }
    }
    const counted = { ...facts, signatureCount: signatures.length };
    if (timestamp === undefined) return malformed(this, counted, 'no ts= timestamp');
    const signedAt = parseUnixTime(timestamp, 's');
    if (signedAt === undefined) return malformed(this, counted, `ts=${timestamp} is not a Unix timestamp`);
    if (signatures.length === 0) return malformed(this, counted, 'no h1= signature');
    const expected = hmac('sha256', ctx.secret, [`${timestamp}:`, bodyBuffer(ctx.req)]);
    return anyEqual(expected, signatures) ? matched(this, counted, ctx, signedAt) : mismatch(this, counted, 'body or secret differs', signedAt, ctx);
  },
  signing: {
    kind: 'secret',
    signsUrl: false,
    sign(request, secret, { now }) {
      const ts = unixSeconds(now);
      const h1 = hmac('sha256', secret, [`${ts}:`, bodyBytes(request)]).toString('hex');
      return withHeaders(request, setRawHeader(request.rawHeaders, 'Paddle-Signature', `ts=${ts};h1=${h1}`));
    },
  },
  // event_id names the event (the same on every retry); notification_id names its delivery to this
  // destination. https://developer.paddle.com/webhooks/overview
  deliveryId: { kind: 'field', fields: ['event_id', 'notification_id'] },
  event: { kind: 'field', field: 'event_type' },
  payloadFormat: 'json',
  // @paddle/paddle-node-sdk refuses signatures older than 5 s by default.
  timestamp: { signed: true, location: 'the ts= part of Paddle-Signature', unit: 's', providerToleranceSeconds: 5 },
  // https://developer.paddle.com/webhooks/respond-to-webhooks
  delivery: {
    responseTimeoutSeconds: 5,
    ackStatus: 200,
    retries: { automatic: true, schedule: 'live: up to 60 retries over 3 days, exponential backoff; sandbox: 3 retries within 15 minutes' },
    disabling: undefined,
  },
  handshake: null,
  handler: {
    typescript: {
      cryptoImports: ['createHmac', 'timingSafeEqual'],
      helpers: ['safeEqual', 'isFresh', 'signedHeaderParams'],
      verifyFunction: code`
        /**
         * Paddle Billing: \`Paddle-Signature: ts=<unix seconds>;h1=<hex HMAC-SHA256 of "<ts>:<body>">\`;
         * h1 repeats while a secret is being rotated.
         */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          let timestamp: string | undefined;
          const signatures: Buffer[] = [];
          for (const [key, value] of signedHeaderParams(delivery.header('paddle-signature') ?? '', ';')) {
            if (key === 'ts') timestamp = value;
            else if (key === 'h1' && ${HEX_SHA256}.test(value)) signatures.push(Buffer.from(value, 'hex'));
          }
          if (timestamp === undefined || !isFresh(Number(timestamp))) return false;
          const expected = createHmac('sha256', secret).update(\`\${timestamp}:\`).update(delivery.rawBody).digest();
          return signatures.some((signature) => safeEqual(signature, expected));
        }`,
    },
  },
};
