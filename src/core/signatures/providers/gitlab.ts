import { textEqual } from '../constantTime';
import type { ProviderScheme } from '../providerScheme';
import { headerValue } from '../requestParts';
import { malformed, matched, mismatch } from '../signatureVerdict';

/** GitLab: `X-Gitlab-Token` carries the shared secret itself; nothing is signed. */
export const gitlabScheme: ProviderScheme = {
  id: 'gitlab',
  name: 'GitLab',
  signatureHeaders: ['x-gitlab-token'],
  markerHeaders: ['x-gitlab-event', 'x-gitlab-event-uuid', 'x-gitlab-webhook-uuid', 'x-gitlab-instance'],
  secretName: 'the secret token',
  verify(ctx) {
    const facts = { signatureHeader: 'x-gitlab-token', algorithm: 'shared token', signatureCount: 1 };
    const token = headerValue(ctx.req, 'x-gitlab-token') ?? '';
    if (token === '') return malformed(this, facts, 'X-Gitlab-Token is empty');
    return textEqual(token, ctx.secret)
      ? { ...matched(this, facts, ctx), detail: 'GitLab token matches the secret (a shared token, the body is not signed)' }
      : { ...mismatch(this, facts), detail: 'GitLab token does not match — the X-Gitlab-Token differs from the secret' };
  },
};
