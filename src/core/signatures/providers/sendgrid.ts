import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { ProviderScheme } from '../providerScheme';
import { bodyBuffer, headerValue } from '../requestParts';
import { parseUnixTime } from '../signatureAge';
import { decodeBase64 } from '../signatureEncoding';
import { malformed, matched, mismatch, unusableSecret } from '../signatureVerdict';

const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

/**
 * SendGrid Event Webhook: an ECDSA P-256 / SHA-256 signature (base64 DER) over
 * `<timestamp><body>`, checked with the verification key SendGrid shows (base64 SPKI DER).
 */
export const sendgridScheme: ProviderScheme = {
  id: 'sendgrid',
  name: 'SendGrid',
  signatureHeaders: [SIGNATURE_HEADER],
  markerHeaders: [TIMESTAMP_HEADER],
  secretName: 'the verification key (base64)',
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
    let ok = false;
    try {
      ok = verify('sha256', Buffer.concat([Buffer.from(timestamp), bodyBuffer(ctx.req)]), key, signature);
    } catch {
      return malformed(this, facts, 'the signature is not valid DER');
    }
    return ok ? matched(this, facts, ctx, signedAt) : mismatch(this, facts, 'body, timestamp or verification key differs', signedAt, ctx);
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
