import type { RawRequest } from '../capture';
import { BUILT_IN_PROVIDERS } from './builtInSchemes';
import type { CustomProvider } from './customProvider';
import { detectScheme, schemeFor } from './providerDetection';
import { hasHeader } from './requestParts';
import { DEFAULT_TOLERANCE_SECONDS, type SignatureResult, type VerifyOptions } from './signatureResult';

/** Checks a delivery's signature with the provider's scheme; see ARCHITECTURE.md for what each status means. */
export function verifySignature(req: RawRequest, secret: string | undefined, options: VerifyOptions = {}): SignatureResult {
  const customProviders = options.customProviders ?? [];
  const scheme = options.provider !== undefined ? schemeFor(options.provider, customProviders) : detectScheme(req, customProviders);
  if (options.provider !== undefined && !scheme) {
    const custom = customProviders.map((def) => `custom:${def.id}`);
    return {
      provider: options.provider,
      status: 'unsigned',
      detail: `Unknown provider "${options.provider}"; known: ${[...BUILT_IN_PROVIDERS, ...custom].join(', ')}`,
    };
  }
  if (!scheme) return { status: 'unsigned', detail: 'No webhook provider headers found, so there is no signature to check' };
  const named = { provider: scheme.id, providerName: scheme.name };
  if (!scheme.signatureHeaders.some((header) => hasHeader(req, header))) {
    return { ...named, status: 'unsigned', detail: `${scheme.name} delivery without a ${scheme.signatureHeaders.join(' or ')} header` };
  }
  if (secret === undefined || secret === '') {
    return { ...named, status: 'no-secret', detail: `Signed by ${scheme.name}; set ${scheme.secretName} to verify it` };
  }
  return scheme.verify({
    req,
    secret,
    now: options.now ?? Date.now(),
    toleranceSeconds: options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
    publicUrl: options.publicUrl,
  });
}

/** Same as `verifySignature` with custom providers, for callers that keep them apart from other options. */
export function verifyCustomSignature(
  req: RawRequest,
  secret: string | undefined,
  customProviders: readonly CustomProvider[],
  options: Omit<VerifyOptions, 'customProviders'> = {},
): SignatureResult {
  return verifySignature(req, secret, { ...options, customProviders });
}
