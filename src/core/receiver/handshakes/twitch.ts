import type { ResponseSpec } from '../responseSpec';
import type { HandshakeCandidate, VerificationHandshake } from './verificationHandshake';
import { MAX_ANNOUNCED_HANDSHAKE_BYTES, headerValue, plainTextAnswer, smallJsonWith } from './verificationHandshake';

const MESSAGE_TYPE_HEADER = 'twitch-eventsub-message-type';
const MARKER = Buffer.from('challenge');

/** EventSub: `Twitch-Eventsub-Message-Type: webhook_callback_verification` with `{"challenge":…}`. */
export function detectTwitchCallbackVerification(candidate: HandshakeCandidate): VerificationHandshake | undefined {
  if (headerValue(candidate.rawHeaders, MESSAGE_TYPE_HEADER) !== 'webhook_callback_verification') return undefined;
  const payload = smallJsonWith(candidate.body, MARKER, MAX_ANNOUNCED_HANDSHAKE_BYTES);
  if (typeof payload?.challenge !== 'string') return undefined;
  return { kind: 'twitch-callback-verification', provider: 'twitch', challenge: payload.challenge };
}

/** Twitch wants the raw challenge as the body, status 200, `Content-Type: text/plain`. */
export function answerTwitchCallbackVerification(handshake: VerificationHandshake): ResponseSpec {
  return plainTextAnswer(200, handshake.challenge);
}
