import type { RawRequest } from '../capture';
import { hasHeader, headerValue } from '../signatures/requestParts';
import type { CustomProvider } from './custom/customProvider';
import type { ProviderDefinition } from './providerDefinition';
import { providerDefinitions } from './providerLookup';

/**
 * Names the provider a request's headers point to: a signature header first, then any other
 * header only that provider sends, then its User-Agent. Custom providers are checked before the built-in ones.
 */
export function detectProvider(req: RawRequest, customProviders: readonly CustomProvider[] = []): string | undefined {
  return detectDefinition(req, customProviders)?.id;
}

export function detectDefinition(req: RawRequest, customProviders: readonly CustomProvider[] = []): ProviderDefinition | undefined {
  const definitions = providerDefinitions(customProviders);
  return definitions.find((d) => d.detection.signatureHeaders.some((h) => hasHeader(req, h)))
    ?? definitions.find((d) => d.detection.markerHeaders.some((h) => hasHeader(req, h)))
    ?? definitions.find((d) => d.detection.userAgentPrefix !== undefined && (headerValue(req, 'user-agent') ?? '').startsWith(d.detection.userAgentPrefix));
}
