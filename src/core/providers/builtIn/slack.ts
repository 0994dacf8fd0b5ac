import { bytesEqual, hmac } from '../../signatures/constantTime';
import { setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, headerValue } from '../../signatures/requestParts';
import { parseUnixTime } from '../../signatures/signatureAge';
import { decodeHex } from '../../signatures/signatureEncoding';
import { clip, malformed, matched, mismatch } from '../../signatures/signatureVerdict';
import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { bodyBytes, unixSeconds, withHeaders } from '../signingParts';
import { ALPHABETS, randomText, zeros } from '../testingParts';

/**
 * Slack v0: `X-Slack-Signature: v0=<hex>` over `v0:<X-Slack-Request-Timestamp>:<body>`.
 * https://api.slack.com/authentication/verifying-requests-from-slack
 */
export const slack: ProviderDefinition<'slack'> = {
  id: 'slack',
  name: 'Slack',
  secret: { description: 'the app signing secret', envVar: 'SLACK_SIGNING_SECRET', services: [] },
  detection: {
    signatureHeaders: ['x-slack-signature'],
    markerHeaders: ['x-slack-request-timestamp', 'x-slack-retry-num', 'x-slack-retry-reason'],
  },
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
  signing: {
    kind: 'secret',
    signsUrl: false,
    sign(request, secret, { now }) {
      const t = unixSeconds(now);
      const headers = setRawHeader(request.rawHeaders, 'X-Slack-Request-Timestamp', t);
      const signature = `v0=${hmac('sha256', secret, [`v0:${t}:`, bodyBytes(request)]).toString('hex')}`;
      return withHeaders(request, setRawHeader(headers, 'X-Slack-Signature', signature));
    },
  },
  // Events API: the same event_id on every retry. https://api.slack.com/apis/events-api#callback-field
  deliveryId: { kind: 'field', fields: ['event_id'] },
  // Events API deliveries name theirs in event.type (app_mention); interactivity payloads in type
  // (block_actions, view_submission); slash commands in command (/weather).
  event: { kind: 'field', field: 'event.type', alternatives: [{ path: 'type' }, { path: 'command' }], handshakes: ['url_verification'] },
  // Slash commands post their fields as a form, interactivity a form whose `payload` is JSON; both
  // want a bare 200 within 3 s (a body would be shown to the user).
  // https://api.slack.com/interactivity/slash-commands#app_command_handling,
  // https://api.slack.com/interactivity/handling#payloads
  payloadFormat: { form: { jsonField: 'payload', fields: true, answer: { kind: 'empty' } } },
  // "more than five minutes" old is a replay, per the verification guide above.
  timestamp: { signed: true, location: 'X-Slack-Request-Timestamp', unit: 's', providerToleranceSeconds: 300 },
  // https://api.slack.com/apis/events-api#responding (3 s) and #retries, #failure_limits
  delivery: {
    responseTimeoutSeconds: 3,
    ackStatus: 200,
    retries: {
      automatic: true,
      schedule: 'up to 3 retries: nearly at once, after 1 minute, after 5 minutes (X-Slack-Retry-Num counts them; answering with X-Slack-No-Retry: 1 stops them)',
    },
    disabling: 'event subscriptions are turned off when over 95% of deliveries fail within 60 minutes',
  },
  // https://api.slack.com/events/url_verification: answer with the challenge, as text, form or JSON.
  handshake: {
    kind: 'slack-url-verification',
    description: 'When the Request URL is set, Slack POSTs {"type":"url_verification","challenge":…} and expects the challenge back.',
    expectedAnswer: '200 with the challenge as the body (plain text, form or JSON {"challenge":…})',
    refusesBadSignature: false,
    alternative: null,
    body: (challenge) => JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge, type: 'url_verification' }),
    accepts(answer, challenge) {
      if (answer.status !== 200) return false;
      if (answer.body === challenge) return true;
      if (new URLSearchParams(answer.body).get('challenge') === challenge) return true;
      try {
        return (JSON.parse(answer.body) as { challenge?: unknown }).challenge === challenge;
      } catch {
        return false;
      }
    },
  },
  handler: {
    typescript: {
      cryptoImports: ['createHmac', 'timingSafeEqual'],
      helpers: ['safeEqual', 'isFresh'],
      verifyFunction: code`
        /** Slack: \`X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<X-Slack-Request-Timestamp>:<body>">\`. */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          const timestamp = delivery.header('x-slack-request-timestamp') ?? '';
          const match = /^v0=([0-9a-f]{64})$/i.exec(delivery.header('x-slack-signature') ?? '');
          if (!match || !isFresh(Number(timestamp))) return false;
          const expected = createHmac('sha256', secret).update(\`v0:\${timestamp}:\`).update(delivery.rawBody).digest();
          return safeEqual(Buffer.from(match[1] ?? '', 'hex'), expected);
        }`,
      afterParse: code`
        // Slack checks a new Request URL with a (signed) challenge that must be echoed back.
        if (stringField(payload, 'type') === 'url_verification') {
          return { status: 200, body: { challenge: stringField(payload, 'challenge') ?? '' } };
        }`,
    },
    python: {
      imports: ['hashlib', 'hmac', 're'],
      fromImports: [],
      packages: [],
      helpers: ['is_fresh'],
      verifyFunction: code`
        def verify_signature(delivery: Delivery, secret: str) -> bool:
            """Slack: \`\`X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>">\`\`."""
            timestamp = delivery.header("x-slack-request-timestamp") or ""
            match = re.fullmatch(r"v0=([0-9a-fA-F]{64})", delivery.header("x-slack-signature") or "")
            if match is None or not is_fresh(unix_time(timestamp)):
                return False
            signed = b"v0:" + timestamp.encode() + b":" + delivery.raw_body
            expected = hmac.new(secret.encode(), signed, hashlib.sha256).digest()
            return hmac.compare_digest(bytes.fromhex(match.group(1)), expected)`,
      afterParse: code`
        # Slack checks a new Request URL with a (signed) challenge that must be echoed back.
        if isinstance(payload, dict) and payload.get("type") == "url_verification":
            return Reception(200, {"challenge": str(payload.get("challenge", ""))})`,
    },
  },
  testing: {
    newDeliveryId: () => `Ev${randomText(ALPHABETS.upperAlphanumeric, 9)}`,
    // https://api.slack.com/apis/events-api#retries: the retry's number and why, and the header that stops them.
    retries: {
      headers: (attempt, reason) => [['X-Slack-Retry-Num', String(attempt)], ['X-Slack-Retry-Reason', reason]],
      countHeader: 'x-slack-retry-num',
      stopHeader: { name: 'X-Slack-No-Retry', value: '1' },
    },
    malformedSignatures: [
      { header: 'X-Slack-Signature', value: `v1=${zeros(32, 'hex')}`, what: 'a version other than v0=' },
      { header: 'X-Slack-Signature', value: `v0=${'z'.repeat(64)}`, what: 'characters that are not hex' },
      { header: 'X-Slack-Signature', value: `v0=${zeros(20, 'hex')}`, what: 'a signature of the wrong length' },
    ],
    rotation: null,
  },
};
