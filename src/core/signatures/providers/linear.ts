import { bytesEqual, hmac } from '../constantTime';
import type { ProviderScheme } from '../providerScheme';
import { bodyBuffer, bodyJson, headerValue, isRecord } from '../requestParts';
import { decodeHex } from '../signatureEncoding';
import { malformed, matched, mismatch } from '../signatureVerdict';

/**
 * Linear: `Linear-Signature: <hex HMAC-SHA256>` of the body. Freshness comes from the signed
 * `webhookTimestamp` (ms) inside the body, not from a header an attacker could change.
 */
export const linearScheme: ProviderScheme = {
  id: 'linear',
  name: 'Linear',
  signatureHeaders: ['linear-signature'],
  markerHeaders: ['linear-delivery', 'linear-event'],
  secretName: 'the webhook signing secret',
  verify(ctx) {
    const facts = { signatureHeader: 'linear-signature', algorithm: 'HMAC-SHA256', signatureCount: 1 };
    const given = decodeHex(headerValue(ctx.req, 'linear-signature') ?? '', 32);
    if (!given) return malformed(this, facts, 'expected 64 hex characters');
    const expected = hmac('sha256', ctx.secret, [bodyBuffer(ctx.req)]);
    const signedAt = webhookTimestampOf(bodyJson(ctx.req));
    if (!bytesEqual(expected, given)) return mismatch(this, facts, 'body or secret differs', signedAt, ctx);
    return signedAt === undefined
      ? matched(this, facts, ctx, undefined, 'no webhookTimestamp in the body to check freshness')
      : matched(this, facts, ctx, signedAt);
  },
};

function webhookTimestampOf(payload: unknown): number | undefined {
  if (!isRecord(payload)) return undefined;
  const value = payload.webhookTimestamp;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
