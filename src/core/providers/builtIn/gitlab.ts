import { textEqual } from '../../signatures/constantTime';
import { setRawHeader } from '../../signatures/rawHeaderEdits';
import { headerValue } from '../../signatures/requestParts';
import { malformed, matched, mismatch } from '../../signatures/signatureVerdict';
import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { withHeaders } from '../signingParts';
import { newUuid, UNMARKED_RETRIES } from '../testingParts';

/**
 * GitLab: `X-Gitlab-Token` carries the shared secret itself; nothing is signed.
 * https://docs.gitlab.com/user/project/integrations/webhooks/#create-a-webhook (secret token)
 */
export const gitlab: ProviderDefinition<'gitlab'> = {
  id: 'gitlab',
  name: 'GitLab',
  secret: { description: 'the secret token', envVar: 'GITLAB_WEBHOOK_TOKEN', services: [] },
  detection: {
    signatureHeaders: ['x-gitlab-token'],
    markerHeaders: ['x-gitlab-event', 'x-gitlab-event-uuid', 'x-gitlab-webhook-uuid', 'x-gitlab-instance'],
  },
  verify(ctx) {
    const facts = { signatureHeader: 'x-gitlab-token', algorithm: 'shared token', signatureCount: 1 };
    const token = headerValue(ctx.req, 'x-gitlab-token') ?? '';
    if (token === '') return malformed(this, facts, 'X-Gitlab-Token is empty');
    return textEqual(token, ctx.secret)
      ? { ...matched(this, facts, ctx), detail: 'GitLab token matches the secret (a shared token, the body is not signed)' }
      : { ...mismatch(this, facts), detail: 'GitLab token does not match — the X-Gitlab-Token differs from the secret' };
  },
  signing: {
    kind: 'secret',
    signsUrl: false,
    // GitLab sends the secret token itself and signs nothing, so an edited body needs no change.
    sign: (request, secret) => withHeaders(request, setRawHeader(request.rawHeaders, 'X-Gitlab-Token', secret)),
  },
  // Idempotency-Key (GitLab 17.4+) stays the same across retries; X-Gitlab-Event-UUID names the
  // triggering event on older servers. https://docs.gitlab.com/user/project/integrations/webhooks/#delivery-headers
  deliveryId: { kind: 'header', headers: ['idempotency-key', 'x-gitlab-event-uuid'] },
  event: { kind: 'header', header: 'X-Gitlab-Event' },
  payloadFormat: { form: null },
  timestamp: { signed: false },
  // 10 s on GitLab.com (configurable on self-managed): https://docs.gitlab.com/user/gitlab_com/#other-limits
  // https://docs.gitlab.com/user/project/integrations/webhooks/#auto-disabled-webhooks
  delivery: {
    responseTimeoutSeconds: 10,
    ackStatus: 200,
    retries: { automatic: false, schedule: 'none: a failed request can be resent from the webhook’s Recent events' },
    disabling: 'after 4 consecutive failures the webhook is disabled for a while (1 minute, growing to 24 hours); after 40 it stays disabled until re-enabled',
  },
  handshake: null,
  handler: {
    typescript: {
      cryptoImports: ['createHash', 'timingSafeEqual'],
      helpers: ['safeEqual'],
      verifyFunction: code`
        /**
         * GitLab signs nothing: \`X-Gitlab-Token\` carries the webhook's secret token itself. Both sides
         * are hashed first so the comparison takes the same time whatever the token's length.
         */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          const token = delivery.header('x-gitlab-token');
          if (token === undefined) return false;
          const digest = (value: string) => createHash('sha256').update(value).digest();
          return safeEqual(digest(token), digest(secret));
        }`,
    },
    python: {
      imports: ['hashlib', 'hmac'],
      fromImports: [],
      packages: [],
      helpers: [],
      verifyFunction: code`
        def verify_signature(delivery: Delivery, secret: str) -> bool:
            """GitLab signs nothing: \`\`X-Gitlab-Token\`\` carries the webhook's secret token itself.

            Both sides are hashed first so the comparison takes the same time whatever the token's length.
            """
            token = delivery.header("x-gitlab-token")
            if token is None:
                return False
            return hmac.compare_digest(hashlib.sha256(token.encode()).digest(), hashlib.sha256(secret.encode()).digest())`,
    },
  },
  testing: {
    newDeliveryId: newUuid,
    retries: UNMARKED_RETRIES,
    // A token has no format to break; an empty one is what a handler comparing against an unset secret lets in.
    malformedSignatures: [{ header: 'X-Gitlab-Token', value: '', what: 'an empty token' }],
    rotation: null,
  },
};
