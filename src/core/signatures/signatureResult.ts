import type { CustomProvider } from '../providers/custom/customProvider';

export type SignatureStatus = 'valid' | 'invalid' | 'expired' | 'unsigned' | 'no-secret' | 'malformed';

/** The verdict on one delivery's signature, with what the UI needs to explain it. */
export interface SignatureResult {
  /** Provider id (`github`, `stripe`, `custom:acme`, …); undefined when no provider headers were found. */
  provider?: string;
  status: SignatureStatus;
  /** One sentence a developer understands: what matched, what differs, or what could not be parsed. */
  detail?: string;
  /** Display name of the provider, e.g. `Stripe`. */
  providerName?: string;
  /** Lower-cased name of the header the signature was read from. */
  signatureHeader?: string;
  /** How the signature is made, e.g. `HMAC-SHA256`, `Ed25519`, `shared token`. */
  algorithm?: string;
  /** How many signatures the header carried (Stripe and Standard Webhooks allow several). */
  signatureCount?: number;
  /** When the sender says it signed, epoch milliseconds (timestamped schemes only). */
  signedAt?: number;
  /** Seconds from signing to arrival; negative when the signature claims to be from the future. */
  ageSeconds?: number;
  /** The tolerance the timestamp was judged against, in seconds. */
  toleranceSeconds?: number;
}

export interface VerifyOptions {
  /** Use this provider's scheme instead of detecting it from the headers. */
  provider?: string;
  /** Arrival time in epoch milliseconds; defaults to the current time. */
  now?: number;
  /** Allowed distance between signing and arrival, both directions; default 300. */
  toleranceSeconds?: number;
  /** The full URL the sender posted to (Twilio, Square and HubSpot sign it). */
  publicUrl?: string;
  /** User-defined HMAC schemes, addressed as `custom:<id>`. */
  customProviders?: readonly CustomProvider[];
}

export const DEFAULT_TOLERANCE_SECONDS = 300;
