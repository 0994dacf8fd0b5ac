import type { ResponseSpec } from '../responseSpec';
import type { HandshakeCandidate, VerificationHandshake } from './verificationHandshake';
import { MAX_UNANNOUNCED_HANDSHAKE_BYTES, plainTextAnswer, smallJsonWith } from './verificationHandshake';

const MARKER = Buffer.from('url_verification');

/** Events API: `POST {"token":…,"challenge":…,"type":"url_verification"}`. */
export function detectSlackUrlVerification(candidate: HandshakeCandidate): VerificationHandshake | undefined {
  if (candidate.method !== 'POST') return undefined;
  const payload = smallJsonWith(candidate.body, MARKER, MAX_UNANNOUNCED_HANDSHAKE_BYTES);
  if (payload?.type !== 'url_verification' || typeof payload.challenge !== 'string') return undefined;
  return { kind: 'slack-url-verification', provider: 'slack', challenge: payload.challenge };
}

/** Slack accepts the challenge as plain text, form data or JSON; plain text is its first example. */
export function answerSlackUrlVerification(handshake: VerificationHandshake): ResponseSpec {
  return plainTextAnswer(200, handshake.challenge);
}
