import { createHmac } from 'node:crypto';
import type { Logger } from '../../logger';
import type { ResponseSpec } from '../responseSpec';
import type { HandshakeCandidate, HandshakeOptions, VerificationHandshake } from './verificationHandshake';
import { MAX_UNANNOUNCED_HANDSHAKE_BYTES, jsonAnswer, smallJsonWith } from './verificationHandshake';

const MARKER = Buffer.from('endpoint.url_validation');
/** Zoom gives up after 3 s; a lookup slower than this is treated as no secret. */
const SECRET_LOOKUP_TIMEOUT_MS = 2_000;

/** `POST {"event":"endpoint.url_validation","payload":{"plainToken":…}}`. */
export function detectZoomUrlValidation(candidate: HandshakeCandidate): VerificationHandshake | undefined {
  if (candidate.method !== 'POST') return undefined;
  const payload = smallJsonWith(candidate.body, MARKER, MAX_UNANNOUNCED_HANDSHAKE_BYTES);
  const inner = payload?.payload as { plainToken?: unknown } | undefined;
  if (payload?.event !== 'endpoint.url_validation' || typeof inner?.plainToken !== 'string') return undefined;
  return { kind: 'zoom-url-validation', provider: 'zoom', challenge: inner.plainToken };
}

/**
 * 200 with `{plainToken, encryptedToken}`, encryptedToken = hex HMAC-SHA256 of the plainToken keyed
 * with the app's secret token. Without the secret no answer can pass Zoom's check, so the answer is
 * a 500 that says what is missing rather than a 200 that looks like success.
 */
export async function answerZoomUrlValidation(handshake: VerificationHandshake, options: HandshakeOptions, logger: Logger): Promise<ResponseSpec> {
  const secret = await lookUpSecret(options, logger);
  if (!secret) {
    logger.warn('Zoom endpoint.url_validation arrived but no Zoom secret token is set; answered 500, so Zoom will report the validation as failed.');
    return jsonAnswer(500, {
      error: 'zoom-secret-token-missing',
      message: 'Set the Zoom secret token in Webhook Workbench to answer endpoint.url_validation.',
    });
  }
  const encryptedToken = createHmac('sha256', secret).update(handshake.challenge).digest('hex');
  return jsonAnswer(200, { plainToken: handshake.challenge, encryptedToken });
}

async function lookUpSecret(options: HandshakeOptions, logger: Logger): Promise<string | undefined> {
  if (!options.secretLookup) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      logger.warn(`The Zoom secret token lookup took over ${SECRET_LOOKUP_TIMEOUT_MS} ms; answering without it.`);
      resolve(undefined);
    }, SECRET_LOOKUP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([options.secretLookup('zoom'), timeout]);
  } catch (error) {
    logger.error(`Could not look up the Zoom secret token: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
