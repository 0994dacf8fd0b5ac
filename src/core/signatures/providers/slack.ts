import { bytesEqual, hmac } from '../constantTime';
import type { ProviderScheme } from '../providerScheme';
import { bodyBuffer, headerValue } from '../requestParts';
import { parseUnixTime } from '../signatureAge';
import { decodeHex } from '../signatureEncoding';
import { clip, malformed, matched, mismatch } from '../signatureVerdict';

/** Slack v0: `X-Slack-Signature: v0=<hex>` over `v0:<X-Slack-Request-Timestamp>:<body>`. */
export const slackScheme: ProviderScheme = {
  id: 'slack',
  name: 'Slack',
  signatureHeaders: ['x-slack-signature'],
  markerHeaders: ['x-slack-request-timestamp', 'x-slack-retry-num', 'x-slack-retry-reason'],
  secretName: 'the app signing secret',
  verify(ctx) {
    const facts = { signatureHeader: 'x-slack-signature', algorithm: 'HMAC-SHA256', signatureCount: 1 };
    const value = headerValue(ctx.req, 'x-slack-signature') ?? '';
    if (!value.startsWith('v0=')) return malformed(this, facts, `expected "v0=<hex>", got "${clip(value)}"`);
    const given = decodeHex(value.slice(3), 32);
    if (!given) return malformed(this, facts, 'after "v0=" expected 64 hex characters');
    const timestamp = headerValue(ctx.req, 'x-slack-request-timestamp');
    if (timestamp === undefined) return malformed(this, facts, 'X-Slack-Request-Timestamp is missing');
    const signedAt = parseUnixTime(timestamp, 's');
    if (signedAt === undefined) return malformed(this, facts, `X-Slack-Request-Timestamp "${timestamp}" is not a Unix timestamp`);
    const expected = hmac('sha256', ctx.secret, [`v0:${timestamp}:`, bodyBuffer(ctx.req)]);
    return bytesEqual(expected, given) ? matched(this, facts, ctx, signedAt) : mismatch(this, facts, 'body or secret differs', signedAt, ctx);
  },
};
