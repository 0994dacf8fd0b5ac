import { anyEqual, hmac } from '../constantTime';
import type { ProviderScheme } from '../providerScheme';
import { bodyBuffer, headerValue } from '../requestParts';
import { parseUnixTime } from '../signatureAge';
import { decodeHex } from '../signatureEncoding';
import { malformed, matched, mismatch } from '../signatureVerdict';

/** Paddle Billing: `Paddle-Signature: ts=<unix>;h1=<hex>[;h1=<hex>…]` over `<ts>:<body>`. */
export const paddleScheme: ProviderScheme = {
  id: 'paddle',
  name: 'Paddle',
  signatureHeaders: ['paddle-signature'],
  markerHeaders: [],
  secretName: 'the notification destination secret (pdl_ntfset_…)',
  verify(ctx) {
    const facts = { signatureHeader: 'paddle-signature', algorithm: 'HMAC-SHA256' };
    let timestamp: string | undefined;
    const signatures: Buffer[] = [];
    for (const item of (headerValue(ctx.req, 'paddle-signature') ?? '').split(';')) {
      const eq = item.indexOf('=');
      if (eq <= 0) return malformed(this, facts, `"${item.trim()}" is not a key=value pair`);
      const key = item.slice(0, eq).trim();
      const text = item.slice(eq + 1).trim();
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
};
