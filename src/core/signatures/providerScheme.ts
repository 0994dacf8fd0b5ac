import type { RawRequest } from '../capture';
import type { SignatureResult } from './signatureResult';

/** What a provider module gets once the wrapper has checked there is a signature and a secret. */
export interface VerificationContext {
  req: RawRequest;
  secret: string;
  /** Arrival time, epoch milliseconds. */
  now: number;
  toleranceSeconds: number;
  publicUrl?: string;
}

/** One provider's signing scheme: how to recognise its requests and how to check them. */
export interface ProviderScheme {
  id: string;
  name: string;
  /** Headers that carry the signature (lower-cased); a request with none of them is unsigned. */
  signatureHeaders: readonly string[];
  /** Other headers only this provider sends, enough to name it when the signature is missing. */
  markerHeaders: readonly string[];
  /** Start of the User-Agent the provider sends, for providers with no other telling header. */
  userAgentPrefix?: string;
  /** What to put in the secret slot, for the no-secret hint: "the webhook secret", "the public key". */
  secretName: string;
  verify(ctx: VerificationContext): SignatureResult;
}
