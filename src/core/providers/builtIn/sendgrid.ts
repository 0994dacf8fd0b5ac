import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, headerValue } from '../../signatures/requestParts';
import { parseUnixTime } from '../../signatures/signatureAge';
import { decodeBase64 } from '../../signatures/signatureEncoding';
import { malformed, matched, mismatch, unusableSecret } from '../../signatures/signatureVerdict';
import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { bodyBytes, testPrivateKey, unixSeconds, withHeaders } from '../signingParts';
import { NOT_ENCODED, UNMARKED_RETRIES, zeros } from '../testingParts';
import { CRYPTOGRAPHY_PACKAGE } from './pythonPackages';

const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

/**
 * SendGrid Event Webhook: an ECDSA P-256 / SHA-256 signature (base64 DER) over
 * `<timestamp><body>`, checked with the verification key SendGrid shows (base64 SPKI DER).
 * https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features
 */
export const sendgrid: ProviderDefinition<'sendgrid'> = {
  id: 'sendgrid',
  name: 'SendGrid',
  secret: { description: 'the verification key (base64)', envVar: 'SENDGRID_WEBHOOK_VERIFICATION_KEY', services: [] },
  detection: { signatureHeaders: [SIGNATURE_HEADER], markerHeaders: [TIMESTAMP_HEADER] },
  verify(ctx) {
    const facts = { signatureHeader: SIGNATURE_HEADER, algorithm: 'ECDSA P-256 SHA-256', signatureCount: 1 };
    const signature = decodeBase64(headerValue(ctx.req, SIGNATURE_HEADER) ?? '');
    // A DER ECDSA signature is a SEQUENCE of two integers: 8 to 72 bytes for P-256.
    if (!signature || signature[0] !== 0x30 || signature.length < 8 || signature.length > 72) {
      return malformed(this, facts, 'expected a base64 DER-encoded ECDSA signature');
    }
    const timestamp = headerValue(ctx.req, TIMESTAMP_HEADER);
    if (timestamp === undefined) return malformed(this, facts, 'X-Twilio-Email-Event-Webhook-Timestamp is missing');
    const signedAt = parseUnixTime(timestamp, 's');
    if (signedAt === undefined) return malformed(this, facts, `X-Twilio-Email-Event-Webhook-Timestamp "${timestamp}" is not a Unix timestamp`);
    const key = verificationKeyOf(ctx.secret);
    if (!key) return unusableSecret(this, facts, 'the verification key is not a base64 (or PEM) P-256 public key');
    let ok: boolean;
    try {
      ok = verify('sha256', Buffer.concat([Buffer.from(timestamp), bodyBuffer(ctx.req)]), key, signature);
    } catch {
      return malformed(this, facts, 'the signature is not valid DER');
    }
    return ok ? matched(this, facts, ctx, signedAt) : mismatch(this, facts, 'body, timestamp or verification key differs', signedAt, ctx);
  },
  signing: {
    kind: 'private-key',
    reason: 'SendGrid signs events with its ECDSA private key; the verification key you have can only verify them.',
    testKeys: {
      algorithm: 'ECDSA P-256',
      publicKeyDescription: 'the verification key (base64)',
      generate() {
        const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
        return { privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey: verificationKeyText(publicKey) };
      },
      publicKeyOf: (privateKey) => verificationKeyText(createPublicKey(testPrivateKey(privateKey, 'ec'))),
      sign(request, privateKey, { now }) {
        const timestamp = unixSeconds(now);
        const signature = sign('sha256', Buffer.concat([Buffer.from(timestamp), bodyBytes(request)]), testPrivateKey(privateKey, 'ec'));
        const headers = setRawHeader(request.rawHeaders, 'X-Twilio-Email-Event-Webhook-Timestamp', timestamp);
        return withHeaders(request, setRawHeader(headers, 'X-Twilio-Email-Event-Webhook-Signature', signature.toString('base64')));
      },
    },
  },
  // A request batches events; each has an sg_event_id.
  // https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event#event-objects
  deliveryId: { kind: 'batch', field: 'sg_event_id' },
  event: { kind: 'none' },
  payloadFormat: { form: null },
  timestamp: { signed: true, location: 'X-Twilio-Email-Event-Webhook-Timestamp', unit: 's', providerToleranceSeconds: undefined },
  // https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook#retry-logic
  delivery: {
    responseTimeoutSeconds: undefined,
    ackStatus: 200,
    retries: { automatic: true, schedule: 'at increasing intervals for up to 24 hours, then dropped' },
    disabling: undefined,
  },
  handshake: null,
  handler: {
    typescript: {
      cryptoImports: ['createPublicKey', 'verify'],
      helpers: ['isFresh'],
      verifyFunction: code`
        /**
         * SendGrid Event Webhook: \`X-Twilio-Email-Event-Webhook-Signature: <base64 ECDSA P-256 signature
         * of timestamp + body>\`. The "secret" is the verification key SendGrid shows (base64 DER).
         */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          const signature = delivery.header('x-twilio-email-event-webhook-signature');
          const timestamp = delivery.header('x-twilio-email-event-webhook-timestamp') ?? '';
          if (!signature || !isFresh(Number(timestamp))) return false;
          try {
            const key = createPublicKey({ key: Buffer.from(secret, 'base64'), format: 'der', type: 'spki' });
            const message = Buffer.concat([Buffer.from(timestamp), delivery.rawBody]);
            return verify('sha256', message, key, Buffer.from(signature, 'base64'));
          } catch {
            return false; // a malformed key or signature
          }
        }`,
    },
    python: {
      imports: ['base64', 'binascii'],
      fromImports: [
        'from cryptography.exceptions import InvalidSignature',
        'from cryptography.hazmat.primitives import hashes',
        'from cryptography.hazmat.primitives.asymmetric import ec',
        'from cryptography.hazmat.primitives.serialization import load_der_public_key',
      ],
      packages: [CRYPTOGRAPHY_PACKAGE],
      helpers: ['is_fresh'],
      verifyFunction: code`
        def verify_signature(delivery: Delivery, secret: str) -> bool:
            """SendGrid Event Webhook: an ECDSA P-256 signature (base64 DER) of timestamp + body.

            In \`\`X-Twilio-Email-Event-Webhook-Signature\`\`, the timestamp in
            \`\`X-Twilio-Email-Event-Webhook-Timestamp\`\`; the "secret" is the verification key SendGrid
            shows (base64 DER).
            """
            signature = delivery.header("x-twilio-email-event-webhook-signature")
            timestamp = delivery.header("x-twilio-email-event-webhook-timestamp") or ""
            if not signature or not is_fresh(unix_time(timestamp)):
                return False
            try:
                key = load_der_public_key(base64.b64decode(secret, validate=True))
                if not isinstance(key, ec.EllipticCurvePublicKey):
                    return False
                key.verify(base64.b64decode(signature, validate=True), timestamp.encode() + delivery.raw_body, ec.ECDSA(hashes.SHA256()))
            except (InvalidSignature, ValueError, binascii.Error):
                return False  # a wrong signature, or a malformed key or signature
            return True`,
    },
  },
  testing: {
    newDeliveryId: () => randomBytes(33).toString('base64url'),
    retries: UNMARKED_RETRIES,
    malformedSignatures: [
      { header: 'X-Twilio-Email-Event-Webhook-Signature', value: NOT_ENCODED, what: 'characters that are not base64' },
      { header: 'X-Twilio-Email-Event-Webhook-Signature', value: zeros(64, 'base64'), what: 'base64 that is not a DER-encoded signature' },
    ],
    rotation: null,
  },
};

function verificationKeyOf(secret: string): KeyObject | undefined {
  const text = secret.trim();
  try {
    const key = text.startsWith('-----BEGIN')
      ? createPublicKey(text)
      : createPublicKey({ key: decodeBase64(text.replace(/\s+/g, '')) ?? Buffer.alloc(0), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Base64 SPKI DER, the form SendGrid shows its verification key in. */
function verificationKeyText(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64');
}
