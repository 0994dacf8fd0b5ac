import type { CustomProvider } from '../providers/custom/customProvider';
import type { ProviderDefinition, SignedRequest, SigningRequest } from '../providers/providerDefinition';
import { resignRequest, ResignError } from '../signatures/resign';

export interface TestSigningOptions {
  /** Signing time, epoch milliseconds. */
  now: number;
  /** The full URL the handler believes it is reached at, for schemes that sign it (Twilio, Square, HubSpot). */
  signedUrl: string;
  customProviders?: readonly CustomProvider[];
}

/**
 * Signs a test delivery as its provider does: with the shared secret, or, for providers that sign
 * with a private key of their own (Discord, SendGrid), with a local test private key (PKCS#8 PEM)
 * whose public half the handler is configured with while testing. Throws a ResignError.
 */
export function signTestDelivery(request: SigningRequest, definition: ProviderDefinition, key: string, options: TestSigningOptions): SignedRequest {
  const { signing } = definition;
  if (signing.kind === 'secret') {
    return resignRequest(request, definition.id, key, options.now, { targetUrl: options.signedUrl, customProviders: options.customProviders });
  }
  if (key === '') throw new ResignError(definition.id, `Signing a ${definition.name} test delivery needs a test private key.`);
  try {
    return signing.testKeys.sign(request, key, { now: options.now, targetUrl: () => options.signedUrl });
  } catch (error) {
    throw new ResignError(definition.id, error instanceof Error ? error.message : String(error));
  }
}

/** What goes in the secret slot of a handler under test: the secret itself, or the test key's public half. */
export function handlerSecretFor(definition: ProviderDefinition, key: string): string {
  return definition.signing.kind === 'secret' ? key : definition.signing.testKeys.publicKeyOf(key);
}
