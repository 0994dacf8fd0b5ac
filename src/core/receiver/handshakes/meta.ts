import { textEqual } from '../../signatures/constantTime';
import type { ResponseSpec } from '../responseSpec';
import type { HandshakeCandidate, HandshakeOptions, VerificationHandshake } from './verificationHandshake';
import { plainTextAnswer } from './verificationHandshake';

/** Graph API webhooks: `GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`. */
export function detectMetaSubscriptionVerification(candidate: HandshakeCandidate): VerificationHandshake | undefined {
  if (candidate.method !== 'GET') return undefined;
  const q = candidate.url.indexOf('?');
  if (q === -1 || !candidate.url.includes('hub.', q)) return undefined;
  const query = new URLSearchParams(candidate.url.slice(q + 1));
  const challenge = query.get('hub.challenge');
  if (query.get('hub.mode') !== 'subscribe' || challenge === null) return undefined;
  return { kind: 'meta-subscription-verification', provider: 'meta', challenge, verifyToken: query.get('hub.verify_token') ?? '' };
}

/** Echoes `hub.challenge`; with a configured verify token, a request presenting another gets 403. */
export function answerMetaSubscriptionVerification(handshake: VerificationHandshake, options: HandshakeOptions): ResponseSpec {
  const expected = options.metaVerifyToken;
  if (expected && !textEqual(expected, handshake.verifyToken ?? '')) {
    return plainTextAnswer(403, 'hub.verify_token does not match the verify token configured in Webhook Workbench.\n');
  }
  return plainTextAnswer(200, handshake.challenge);
}
