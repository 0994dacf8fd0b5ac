import type { CustomProvider } from '../providers/custom/customProvider';
import type { SignedRequest, SigningRequest } from '../providers/providerDefinition';
import { findProvider } from '../providers/providerLookup';
import { BUILT_IN_DEFINITIONS } from '../providers/registry';
import { rawHeaderValue, setRawHeader } from './rawHeaderEdits';

export type ResignableRequest = SigningRequest;
export type ResignedRequest = SignedRequest;

export interface ResignOptions {
  /** The full URL the request will be sent to; HubSpot, Twilio and Square sign it. */
  targetUrl?: string;
  /**
   * The delivery id the signed request carries: set in the provider's delivery-id header (and
   * signed where the scheme signs it, as Standard Webhooks does). Default: the request's own.
   */
  deliveryId?: string;
  /** User-defined HMAC schemes, addressed as `custom:<id>`. */
  customProviders?: readonly CustomProvider[];
}

/** Why a request cannot be re-signed: an unknown provider, a private-key scheme, a missing URL or an unusable secret. */
export class ResignError extends Error {
  constructor(readonly provider: string, message: string) {
    super(message);
    this.name = 'ResignError';
  }
}

/** Built-in providers whose requests can be signed with the secret the user holds. */
export const RESIGNABLE_PROVIDERS: readonly string[] = BUILT_IN_DEFINITIONS.filter((d) => d.signing.kind === 'secret').map((d) => d.id);

/**
 * Fresh signature headers, with a fresh timestamp, for a request whose body may have been edited
 * (or for a test event). Throws a ResignError when the provider cannot be signed for with what the user has.
 */
export function resignRequest(request: ResignableRequest, provider: string, secret: string, now = Date.now(), options: ResignOptions = {}): ResignedRequest {
  const definition = findProvider(provider, options.customProviders);
  if (!definition) throw new ResignError(provider, `Cannot re-sign for provider "${provider}"; supported: ${RESIGNABLE_PROVIDERS.join(', ')}.`);
  const { signing } = definition;
  if (signing.kind === 'private-key') throw new ResignError(provider, `Cannot re-sign a ${provider} request: ${signing.reason}`);
  if (secret === '') throw new ResignError(provider, `Re-signing a ${provider} request needs its secret.`);
  const targetUrl = () => {
    if (options.targetUrl === undefined) throw new ResignError(provider, `${provider} signs the URL it posts to; pass the target URL to re-sign.`);
    return options.targetUrl;
  };
  if (signing.signsUrl) targetUrl();
  const idRule = definition.deliveryId;
  let withId = request;
  if (options.deliveryId !== undefined && idRule.kind === 'header') {
    // The spelling the request already uses (svix-id rather than webhook-id), else the first.
    const header = idRule.headers.find((name) => rawHeaderValue(request.rawHeaders, name) !== undefined) ?? idRule.headers[0];
    withId = { ...request, rawHeaders: setRawHeader(request.rawHeaders, header, options.deliveryId) };
  }
  try {
    return signing.sign(withId, secret, { now, targetUrl, deliveryId: options.deliveryId });
  } catch (error) {
    if (error instanceof ResignError) throw error;
    throw new ResignError(provider, error instanceof Error ? error.message : String(error));
  }
}
