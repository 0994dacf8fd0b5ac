import { randomBytes } from 'node:crypto';
import { anyEqual, hmac } from '../../signatures/constantTime';
import { rawHeaderValue, setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, hasHeader, headerValue, isRecord } from '../../signatures/requestParts';
import { parseUnixTime } from '../../signatures/signatureAge';
import { decodeBase64 } from '../../signatures/signatureEncoding';
import { malformed, matched, mismatch, unusableSecret } from '../../signatures/signatureVerdict';
import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition, SenderService, SignedRequest, SigningOptions, SigningRequest } from '../providerDefinition';
import { bodyBytes, unixSeconds, withHeaders } from '../signingParts';
import { ALPHABETS, NOT_ENCODED, randomText, UNMARKED_RETRIES, zeros } from '../testingParts';

/**
 * Services that send Standard Webhooks, told apart by their payloads, with the secret's variable
 * their documentation uses: https://clerk.com/docs/reference/backend/verify-webhook,
 * https://resend.com/docs/webhooks/verify-webhooks-requests. Both deliver through Svix, whose own
 * User-Agent is the fallback.
 */
const SERVICES: readonly SenderService[] = [
  {
    name: 'Clerk',
    envVar: 'CLERK_WEBHOOK_SIGNING_SECRET',
    sent: ({ payload }) => isRecord(payload) && (
      (typeof payload.instance_id === 'string' && payload.instance_id.startsWith('ins_'))
      || (payload.object === 'event' && isRecord(payload.data) && typeof payload.data.id === 'string' && /^(user|sess|org|orginv|orgmem)_/.test(payload.data.id))
    ),
  },
  {
    name: 'Resend',
    envVar: 'RESEND_WEBHOOK_SECRET',
    sent: ({ payload }) => isRecord(payload) && typeof payload.type === 'string' && /^(email|contact|domain)\./.test(payload.type) && typeof payload.created_at === 'string',
  },
  { name: 'Svix', envVar: 'SVIX_WEBHOOK_SECRET', sent: ({ header }) => (header('user-agent') ?? '').startsWith('Svix-Webhooks/') },
];

/**
 * Standard Webhooks (Svix, Clerk, Resend, …): `webhook-signature: v1,<base64> [v1,<base64> …]`
 * over `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the base64 part of a `whsec_` secret.
 * Svix sends the same headers prefixed `svix-`. https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 */
export const standardWebhooks: ProviderDefinition<'standard-webhooks'> = {
  id: 'standard-webhooks',
  name: 'Standard Webhooks',
  secret: { description: 'the endpoint secret (whsec_…)', envVar: 'WEBHOOK_SECRET', services: SERVICES },
  detection: {
    signatureHeaders: ['webhook-signature', 'svix-signature'],
    markerHeaders: ['webhook-id', 'webhook-timestamp', 'svix-id', 'svix-timestamp'],
  },
  verify(ctx) {
    const prefix = hasHeader(ctx.req, 'webhook-signature') ? 'webhook-' : 'svix-';
    const facts = { signatureHeader: `${prefix}signature`, algorithm: 'HMAC-SHA256' };
    const entries = (headerValue(ctx.req, `${prefix}signature`) ?? '').split(' ').filter((e) => e !== '');
    const signatures: Buffer[] = [];
    for (const entry of entries) {
      const comma = entry.indexOf(',');
      if (comma <= 0) return malformed(this, { ...facts, signatureCount: entries.length }, `"${entry}" is not "<version>,<signature>"`);
      // Other versions (v1a is asymmetric) are skipped, as the specification asks.
      if (entry.slice(0, comma) !== 'v1') continue;
      const signature = decodeBase64(entry.slice(comma + 1), 32);
      if (!signature) return malformed(this, { ...facts, signatureCount: entries.length }, 'a v1 signature is not base64 of 32 bytes');
      signatures.push(signature);
    }
    const counted = { ...facts, signatureCount: signatures.length };
    if (signatures.length === 0) return malformed(this, counted, 'no "v1,<base64>" signature');
    const id = headerValue(ctx.req, `${prefix}id`);
    if (!id) return malformed(this, counted, `${prefix}id is missing`);
    const timestamp = headerValue(ctx.req, `${prefix}timestamp`);
    const signedAt = parseUnixTime(timestamp, 's');
    if (signedAt === undefined) return malformed(this, counted, `${prefix}timestamp "${timestamp ?? ''}" is not a Unix timestamp`);
    const key = secretKey(ctx.secret);
    if (!key) return unusableSecret(this, counted, 'the secret is not whsec_ followed by base64');
    const expected = hmac('sha256', key, [`${id}.${timestamp}.`, bodyBuffer(ctx.req)]);
    return anyEqual(expected, signatures) ? matched(this, counted, ctx, signedAt) : mismatch(this, counted, 'body, id, timestamp or secret differs', signedAt, ctx);
  },
  signing: {
    kind: 'secret',
    signsUrl: false,
    sign: (request, secret, options) => signWithSecrets(request, [secret], options),
  },
  deliveryId: { kind: 'header', headers: ['webhook-id', 'svix-id'] },
  event: { kind: 'field', field: 'type' },
  payloadFormat: { form: null },
  // The specification recommends refusing timestamps more than 5 minutes away (the spec above).
  timestamp: { signed: true, location: 'webhook-timestamp (svix-timestamp)', unit: 's', providerToleranceSeconds: 300 },
  // As Svix sends them: 15 s per attempt; https://docs.svix.com/retries
  delivery: {
    responseTimeoutSeconds: 15,
    ackStatus: 200,
    retries: { automatic: true, schedule: 'Svix: at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h' },
    disabling: 'Svix disables an endpoint whose deliveries have all failed for 5 days',
  },
  handshake: null,
  handler: {
    typescript: {
      cryptoImports: ['createHmac', 'timingSafeEqual'],
      helpers: ['safeEqual', 'isFresh'],
      verifyFunction: code`
        /**
         * Standard Webhooks (Svix, Clerk, Resend…): \`webhook-signature: v1,<base64> v1,<base64>…\`, each an
         * HMAC-SHA256 of \`<webhook-id>.<webhook-timestamp>.<body>\` keyed with the base64-decoded secret
         * after its \`whsec_\` prefix. Svix sends the same headers named \`svix-*\`.
         */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          const id = delivery.header('webhook-id') ?? delivery.header('svix-id');
          const timestamp = delivery.header('webhook-timestamp') ?? delivery.header('svix-timestamp');
          const signatures = delivery.header('webhook-signature') ?? delivery.header('svix-signature');
          if (!id || !timestamp || !signatures || !isFresh(Number(timestamp))) return false;
          const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
          const expected = createHmac('sha256', key).update(\`\${id}.\${timestamp}.\`).update(delivery.rawBody).digest();
          return signatures.split(' ').some((entry) => {
            const [version, signature] = entry.split(',', 2);
            return version === 'v1' && signature !== undefined && safeEqual(Buffer.from(signature, 'base64'), expected);
          });
        }`,
    },
    python: {
      imports: ['base64', 'binascii', 'hashlib', 'hmac'],
      fromImports: [],
      packages: [],
      helpers: ['is_fresh'],
      verifyFunction: code`
        def verify_signature(delivery: Delivery, secret: str) -> bool:
            """Standard Webhooks (Svix, Clerk, Resend…): \`\`webhook-signature: v1,<base64> v1,<base64>…\`\`.

            Each an HMAC-SHA256 of \`\`<webhook-id>.<webhook-timestamp>.<body>\`\` keyed with the base64-decoded
            secret after its \`\`whsec_\`\` prefix. Svix sends the same headers named \`\`svix-*\`\`.
            """
            message_id = delivery.header("webhook-id") or delivery.header("svix-id")
            timestamp = delivery.header("webhook-timestamp") or delivery.header("svix-timestamp")
            signatures = delivery.header("webhook-signature") or delivery.header("svix-signature")
            if not message_id or not timestamp or not signatures or not is_fresh(unix_time(timestamp)):
                return False
            try:
                key = base64.b64decode(secret.removeprefix("whsec_"), validate=True)
            except binascii.Error:
                return False
            signed = f"{message_id}.{timestamp}.".encode() + delivery.raw_body
            expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest())
            for entry in signatures.split(" "):
                version, _, signature = entry.partition(",")
                if version == "v1" and hmac.compare_digest(signature.encode(), expected):
                    return True
            return False`,
    },
  },
  testing: {
    // Svix message ids: msg_ and a 27-character KSUID. https://docs.svix.com/receiving/verifying-payloads/how-manual
    newDeliveryId: () => `msg_${randomText(ALPHABETS.alphanumeric, 27)}`,
    // A retry repeats webhook-id with a fresh timestamp and signature, unmarked otherwise.
    retries: UNMARKED_RETRIES,
    malformedSignatures: [
      { header: 'webhook-signature', value: `v1;${zeros(32, 'base64')}`, what: 'no "<version>,<signature>" comma' },
      { header: 'webhook-signature', value: `v1,${NOT_ENCODED}`, what: 'a v1 signature that is not base64' },
      { header: 'webhook-signature', value: `v1,${zeros(16, 'base64')}`, what: 'base64 of 16 bytes, not the 32 of SHA-256' },
    ],
    // "the signature header may contain several space-delimited signatures", e.g. while a secret rotates (the spec above).
    rotation: {
      description: 'two "v1," signatures in webhook-signature, one per secret, as while a secret is rotated',
      sign: signWithSecrets,
    },
  },
};

/** Signs with each secret; several signatures go in one header, space-separated, in the order given. */
function signWithSecrets(request: SigningRequest, secrets: readonly string[], { now, deliveryId }: SigningOptions): SignedRequest {
  const prefix = headerPrefix(request.rawHeaders);
  const keys = secrets.map((secret) => {
    const key = secretKey(secret);
    if (!key) throw new Error('The secret is not whsec_ followed by base64, so it cannot sign.');
    return key;
  });
  // The id names the message across retries; keep it so the receiver's idempotency still works.
  const id = deliveryId ?? rawHeaderValue(request.rawHeaders, `${prefix}id`) ?? `msg_${randomBytes(12).toString('hex')}`;
  const t = unixSeconds(now);
  let headers = setRawHeader(request.rawHeaders, `${prefix}id`, id);
  headers = setRawHeader(headers, `${prefix}timestamp`, t);
  const signatures = keys.map((key) => `v1,${hmac('sha256', key, [`${id}.${t}.`, bodyBytes(request)]).toString('base64')}`);
  return withHeaders(request, setRawHeader(headers, `${prefix}signature`, signatures.join(' ')));
}

function secretKey(secret: string): Buffer | undefined {
  return decodeBase64(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret);
}

function headerPrefix(rawHeaders: readonly string[]): 'webhook-' | 'svix-' {
  for (const name of ['webhook-signature', 'svix-signature', 'webhook-id', 'svix-id']) {
    if (rawHeaderValue(rawHeaders, name) !== undefined) return name.startsWith('svix-') ? 'svix-' : 'webhook-';
  }
  return 'webhook-';
}
