import type { Logger } from '../../logger';
import type { ResponseSpec } from '../responseSpec';
import { answerMetaSubscriptionVerification, detectMetaSubscriptionVerification } from './meta';
import { answerSlackUrlVerification, detectSlackUrlVerification } from './slack';
import { answerTwitchCallbackVerification, detectTwitchCallbackVerification } from './twitch';
import type { HandshakeCandidate, HandshakeOptions, VerificationHandshake } from './verificationHandshake';
import { answerZoomUrlValidation, detectZoomUrlValidation } from './zoom';

/** The provider verification request this delivery is, if any. Cheap: headers and method first. */
export function detectHandshake(candidate: HandshakeCandidate): VerificationHandshake | undefined {
  return (
    detectTwitchCallbackVerification(candidate) ??
    detectMetaSubscriptionVerification(candidate) ??
    detectSlackUrlVerification(candidate) ??
    detectZoomUrlValidation(candidate)
  );
}

/** The answer each provider's documentation asks for. */
export async function answerHandshake(handshake: VerificationHandshake, options: HandshakeOptions, logger: Logger): Promise<ResponseSpec> {
  switch (handshake.provider) {
    case 'slack':
      return answerSlackUrlVerification(handshake);
    case 'meta':
      return answerMetaSubscriptionVerification(handshake, options);
    case 'twitch':
      return answerTwitchCallbackVerification(handshake);
    case 'zoom':
      return answerZoomUrlValidation(handshake, options, logger);
  }
}
