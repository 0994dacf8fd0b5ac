import { bytesEqual, hmac } from '../../signatures/constantTime';
import { rawHeaderValue, setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, headerValue } from '../../signatures/requestParts';
import { decodeHex } from '../../signatures/signatureEncoding';
import { clip, malformed, matched, mismatch } from '../../signatures/signatureVerdict';
import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { bodyBytes, withHeaders } from '../signingParts';
import { newUuid, UNMARKED_RETRIES, zeros } from '../testingParts';

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`, with the legacy SHA-1
 * `X-Hub-Signature` as a fallback. https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
export const github: ProviderDefinition<'github'> = {
  id: 'github',
  name: 'GitHub',
  secret: { description: 'the webhook secret', envVar: 'GITHUB_WEBHOOK_SECRET', services: [] },
  detection: {
    signatureHeaders: ['x-hub-signature-256', 'x-hub-signature'],
    markerHeaders: ['x-github-event', 'x-github-delivery', 'x-github-hook-id', 'x-github-hook-installation-target-id'],
  },
  verify(ctx) {
    const sha256 = headerValue(ctx.req, 'x-hub-signature-256');
    const [header, algorithm, prefix, bytes] = sha256 !== undefined
      ? ['x-hub-signature-256', 'sha256', 'sha256=', 32] as const
      : ['x-hub-signature', 'sha1', 'sha1=', 20] as const;
    const facts = { signatureHeader: header, algorithm: algorithm === 'sha256' ? 'HMAC-SHA256' : 'HMAC-SHA1', signatureCount: 1 };
    const value = sha256 ?? headerValue(ctx.req, header) ?? '';
    if (!value.startsWith(prefix)) return malformed(this, facts, `expected "${prefix}<hex>", got "${clip(value)}"`);
    const given = decodeHex(value.slice(prefix.length), bytes);
    if (!given) return malformed(this, facts, `after "${prefix}" expected ${bytes * 2} hex characters`);
    const expected = hmac(algorithm, ctx.secret, [bodyBuffer(ctx.req)]);
    return bytesEqual(expected, given) ? matched(this, facts, ctx, undefined, `${facts.algorithm} of the body`) : mismatch(this, facts);
  },
  signing: {
    kind: 'secret',
    signsUrl: false,
    sign(request, secret) {
      const body = bodyBytes(request);
      let headers = setRawHeader(request.rawHeaders, 'X-Hub-Signature-256', `sha256=${hmac('sha256', secret, [body]).toString('hex')}`);
      if (rawHeaderValue(request.rawHeaders, 'x-hub-signature') !== undefined) {
        headers = setRawHeader(headers, 'X-Hub-Signature', `sha1=${hmac('sha1', secret, [body]).toString('hex')}`);
      }
      return withHeaders(request, headers);
    },
  },
  deliveryId: { kind: 'header', headers: ['x-github-delivery'] },
  event: { kind: 'header', header: 'X-GitHub-Event' },
  // A webhook set to "application/x-www-form-urlencoded" posts `payload=<the JSON>`, signed as
  // sent. https://docs.github.com/en/webhooks/using-webhooks/creating-webhooks#content-type
  payloadFormat: { form: { jsonField: 'payload', fields: false, answer: { kind: 'json' } } },
  timestamp: { signed: false },
  // https://docs.github.com/en/webhooks/using-webhooks/best-practices-for-using-webhooks#respond-within-10-seconds
  // https://docs.github.com/en/webhooks/testing-and-troubleshooting-webhooks/redelivering-webhooks
  delivery: {
    responseTimeoutSeconds: 10,
    ackStatus: 200,
    retries: { automatic: false, schedule: 'none: failed deliveries are redelivered by hand (UI or REST API) within 3 days' },
    disabling: undefined,
  },
  handshake: null,
  handler: {
    typescript: {
      cryptoImports: ['createHmac', 'timingSafeEqual'],
      helpers: ['safeEqual'],
      verifyFunction: code`
        /** GitHub: \`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>\`. */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          const match = /^sha256=([0-9a-f]{64})$/i.exec(delivery.header('x-hub-signature-256') ?? '');
          if (!match) return false;
          const expected = createHmac('sha256', secret).update(delivery.rawBody).digest();
          return safeEqual(Buffer.from(match[1] ?? '', 'hex'), expected);
        }`,
      officialTypes: {
        package: '@octokit/webhooks-types',
        importLine: "import type { WebhookEventMap } from '@octokit/webhooks-types';",
        eventListFiles: ['schema.d.ts'],
        eventsIn: (declarations) => {
          const map = /export interface (?:WebhookEventMap|EventPayloadMap) \{([^}]*)\}/.exec(declarations)?.[1] ?? '';
          return [...map.matchAll(/^\s*"?([a-z0-9_]+)"?\s*:/gm)].map((m) => m[1] ?? '');
        },
        eventType: (eventName) => `WebhookEventMap[${JSON.stringify(eventName)}]`,
      },
    },
    python: {
      imports: ['hashlib', 'hmac', 're'],
      fromImports: [],
      packages: [],
      helpers: [],
      verifyFunction: code`
        def verify_signature(delivery: Delivery, secret: str) -> bool:
            """GitHub: \`\`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>\`\`."""
            match = re.fullmatch(r"sha256=([0-9a-fA-F]{64})", delivery.header("x-hub-signature-256") or "")
            if match is None:
                return False
            expected = hmac.new(secret.encode(), delivery.raw_body, hashlib.sha256).digest()
            return hmac.compare_digest(bytes.fromhex(match.group(1)), expected)`,
    },
  },
  testing: {
    newDeliveryId: newUuid,
    // GitHub does not retry; a redelivery (by hand) repeats X-GitHub-Delivery and adds nothing.
    retries: UNMARKED_RETRIES,
    malformedSignatures: [
      { header: 'X-Hub-Signature-256', value: `sha1=${zeros(20, 'hex')}`, what: 'a sha1= prefix in the SHA-256 header' },
      { header: 'X-Hub-Signature-256', value: `sha256=${'z'.repeat(64)}`, what: 'characters that are not hex' },
      { header: 'X-Hub-Signature-256', value: zeros(32, 'hex'), what: 'no sha256= prefix' },
    ],
    rotation: null,
  },
};
