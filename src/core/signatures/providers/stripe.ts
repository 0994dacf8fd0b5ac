import { anyEqual, hmac } from '../constantTime';
import type { ProviderScheme } from '../providerScheme';
import { bodyBuffer, headerValue } from '../requestParts';
import { parseUnixTime } from '../signatureAge';
import { decodeHex } from '../signatureEncoding';
import { malformed, matched, mismatch } from '../signatureVerdict';

/** Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]` over `<t>.<body>`; other schemes (v0) are ignored. */
export const stripeScheme: ProviderScheme = {
  id: 'stripe',
  name: 'Stripe',
  signatureHeaders: ['stripe-signature'],
  markerHeaders: [],
  userAgentPrefix: 'Stripe/',
  secretName: 'the endpoint signing secret (whsec_…)',
  verify(ctx) {
    const facts = { signatureHeader: 'stripe-signature', algorithm: 'HMAC-SHA256' };
    const value = headerValue(ctx.req, 'stripe-signature') ?? '';
    let timestamp: string | undefined;
    const signatures: Buffer[] = [];
    for (const item of value.split(',')) {
      const eq = item.indexOf('=');
      if (eq <= 0) return malformed(this, facts, `"${item.trim()}" is not a key=value pair`);
      const key = item.slice(0, eq).trim();
      const text = item.slice(eq + 1).trim();
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
};
