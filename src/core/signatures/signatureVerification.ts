import type { RawRequest } from '../capture';
import type { CustomProvider } from '../providers/custom/customProvider';
import { detectDefinition } from '../providers/providerDetection';
import { customDefinitions, findProvider } from '../providers/providerLookup';
import { BUILT_IN_PROVIDERS } from '../providers/registry';
import { hasHeader } from './requestParts';
import { DEFAULT_TOLERANCE_SECONDS, type SignatureResult, type VerifyOptions } from './signatureResult';

/** Checks a delivery's signature with the provider's scheme; docs/ARCHITECTURE.md says what each status means. */
export function verifySignature(req: RawRequest, secret: string | undefined, options: VerifyOptions = {}): SignatureResult {
  const customProviders = options.customProviders ?? [];
  const provider = options.provider !== undefined ? findProvider(options.provider, customProviders) : detectDefinition(req, customProviders);
  if (options.provider !== undefined && !provider) {
    const known = [...BUILT_IN_PROVIDERS, ...customDefinitions(customProviders).map((definition) => definition.id)];
    return { provider: options.provider, status: 'unsigned', detail: `Unknown provider "${options.provider}"; known: ${known.join(', ')}` };
  }
  if (!provider) return { status: 'unsigned', detail: 'No webhook provider headers found, so there is no signature to check' };
  const named = { provider: provider.id, providerName: provider.name };
  const { signatureHeaders } = provider.detection;
  if (!signatureHeaders.some((header) => hasHeader(req, header))) {
    return { ...named, status: 'unsigned', detail: `${provider.name} delivery without a ${signatureHeaders.join(' or ')} header` };
  }
  if (secret === undefined || secret === '') {
    return { ...named, status: 'no-secret', detail: `Signed by ${provider.name}; set ${provider.secret.description} to verify it` };
  }
  return provider.verify({
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
