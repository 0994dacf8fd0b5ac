import { anyEqual, hmac } from '../../signatures/constantTime';
import { setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, headerValue, signedUrl } from '../../signatures/requestParts';
import { parseUnixTime } from '../../signatures/signatureAge';
import { decodeBase64 } from '../../signatures/signatureEncoding';
import { malformed, matched, mismatch } from '../../signatures/signatureVerdict';
import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { bodyBytes, withHeaders } from '../signingParts';
import { NOT_ENCODED, randomDigits, UNMARKED_RETRIES, zeros } from '../testingParts';

/**
 * HubSpot v3: `X-HubSpot-Signature-v3: <base64 HMAC-SHA256>` of method + URI + body + timestamp,
 * with `X-HubSpot-Request-Timestamp` in milliseconds. HubSpot decodes a few percent-escapes in the
 * URI before signing, so both the URI as given and the decoded form are tried.
 * https://developers.hubspot.com/docs/apps/legacy-apps/authentication/validating-requests
 */
export const hubspot: ProviderDefinition<'hubspot'> = {
  id: 'hubspot',
  name: 'HubSpot',
  secret: { description: 'the app client secret', envVar: 'HUBSPOT_CLIENT_SECRET', services: [] },
  detection: {
    signatureHeaders: ['x-hubspot-signature-v3'],
    markerHeaders: ['x-hubspot-request-timestamp', 'x-hubspot-signature', 'x-hubspot-signature-version'],
  },
  verify(ctx) {
    const facts = { signatureHeader: 'x-hubspot-signature-v3', algorithm: 'HMAC-SHA256', signatureCount: 1 };
    const given = decodeBase64(headerValue(ctx.req, 'x-hubspot-signature-v3') ?? '', 32);
    if (!given) return malformed(this, facts, 'expected base64 of 32 bytes');
    const timestamp = headerValue(ctx.req, 'x-hubspot-request-timestamp');
    if (timestamp === undefined) return malformed(this, facts, 'X-HubSpot-Request-Timestamp is missing');
    const signedAt = parseUnixTime(timestamp, 'ms');
    if (signedAt === undefined) return malformed(this, facts, `X-HubSpot-Request-Timestamp "${timestamp}" is not a Unix time in milliseconds`);
    const { url, guessed } = signedUrl(ctx.req, ctx.publicUrl);
    const method = ctx.req.method.toUpperCase();
    const candidates = [...new Set([url, decodeHubSpotUri(url)])]
      .map((uri) => hmac('sha256', ctx.secret, [method + uri, bodyBuffer(ctx.req), timestamp]));
    if (anyEqual(given, candidates)) return matched(this, facts, ctx, signedAt);
    return mismatch(this, facts, guessed
      ? `body, client secret or URL differ (URL rebuilt from the Host header as ${url}; pass the public URL)`
      : 'body, client secret or URL differ', signedAt, ctx);
  },
  signing: {
    kind: 'secret',
    signsUrl: true,
    sign(request, secret, { now, targetUrl }) {
      const ts = String(now);
      const signature = hmac('sha256', secret, [request.method.toUpperCase() + targetUrl(), bodyBytes(request), ts]).toString('base64');
      const headers = setRawHeader(request.rawHeaders, 'X-HubSpot-Request-Timestamp', ts);
      return withHeaders(request, setRawHeader(headers, 'X-HubSpot-Signature-v3', signature));
    },
  },
  // A request batches up to 100 events and has no id of its own; each event has an eventId.
  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/guide#webhook-payloads
  deliveryId: { kind: 'batch', field: 'eventId' },
  event: { kind: 'none' },
  payloadFormat: { form: null },
  // The validation guide above refuses timestamps older than 5 minutes.
  timestamp: { signed: true, location: 'X-HubSpot-Request-Timestamp', unit: 'ms', providerToleranceSeconds: 300 },
  // https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/guide#retries
  delivery: {
    responseTimeoutSeconds: 5,
    ackStatus: 200,
    retries: { automatic: true, schedule: 'up to 10 retries spread over 24 hours' },
    disabling: undefined,
  },
  handshake: null,
  handler: {
    typescript: {
      cryptoImports: ['createHmac', 'timingSafeEqual'],
      helpers: ['safeEqual', 'isFresh', 'publicUrl'],
      verifyFunction: code`
        /**
         * HubSpot (v3): \`X-HubSpot-Signature-v3: <base64 HMAC-SHA256 of method + URL + body + timestamp>\`,
         * keyed with the app's client secret; \`X-HubSpot-Request-Timestamp\` is in milliseconds.
         */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          const signature = delivery.header('x-hubspot-signature-v3');
          const timestamp = delivery.header('x-hubspot-request-timestamp') ?? '';
          if (!signature || !isFresh(Number(timestamp) / 1000)) return false;
          const expected = createHmac('sha256', secret)
            .update(\`\${delivery.method}\${publicUrl(delivery)}\`)
            .update(delivery.rawBody)
            .update(timestamp)
            .digest();
          return safeEqual(Buffer.from(signature, 'base64'), expected);
        }`,
    },
    python: {
      imports: ['base64', 'hashlib', 'hmac'],
      fromImports: [],
      packages: [],
      helpers: ['is_fresh', 'public_url'],
      verifyFunction: code`
        def verify_signature(delivery: Delivery, secret: str) -> bool:
            """HubSpot (v3): \`\`X-HubSpot-Signature-v3: <base64 HMAC-SHA256>\`\` keyed with the app's client secret.

            Signed: method + URL + body + \`\`X-HubSpot-Request-Timestamp\`\` (milliseconds).
            """
            signature = delivery.header("x-hubspot-signature-v3")
            timestamp = delivery.header("x-hubspot-request-timestamp") or ""
            if not signature or not is_fresh(unix_time(timestamp) / 1000):
                return False
            signed = (delivery.method + public_url(delivery)).encode() + delivery.raw_body + timestamp.encode()
            expected = hmac.new(secret.encode(), signed, hashlib.sha256).digest()
            return hmac.compare_digest(base64.b64encode(expected), signature.encode())`,
    },
  },
  testing: {
    // eventId is a number in HubSpot's payloads.
    newDeliveryId: () => randomDigits(10),
    retries: UNMARKED_RETRIES,
    malformedSignatures: [
      { header: 'X-HubSpot-Signature-v3', value: NOT_ENCODED, what: 'characters that are not base64' },
      { header: 'X-HubSpot-Signature-v3', value: zeros(20, 'base64'), what: 'base64 of 20 bytes, not the 32 of SHA-256' },
    ],
    rotation: null,
  },
};

const HUBSPOT_DECODED: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$',
  '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

function decodeHubSpotUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => HUBSPOT_DECODED[escape.toUpperCase()]);
}
