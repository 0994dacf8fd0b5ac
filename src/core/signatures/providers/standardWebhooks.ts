import { anyEqual, hmac } from '../constantTime';
import type { ProviderScheme } from '../providerScheme';
import { bodyBuffer, hasHeader, headerValue } from '../requestParts';
import { parseUnixTime } from '../signatureAge';
import { decodeBase64 } from '../signatureEncoding';
import { malformed, matched, mismatch, unusableSecret } from '../signatureVerdict';

/**
 * Standard Webhooks (Svix, Clerk, Resend, …): `webhook-signature: v1,<base64> [v1,<base64> …]`
 * over `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the base64 part of a `whsec_` secret.
 * Svix sends the same headers prefixed `svix-`.
 */
export const standardWebhooksScheme: ProviderScheme = {
  id: 'standard-webhooks',
  name: 'Standard Webhooks',
  signatureHeaders: ['webhook-signature', 'svix-signature'],
  markerHeaders: ['webhook-id', 'webhook-timestamp', 'svix-id', 'svix-timestamp'],
  secretName: 'the endpoint secret (whsec_…)',
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
};

function secretKey(secret: string): Buffer | undefined {
  const text = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  return decodeBase64(text);
}
