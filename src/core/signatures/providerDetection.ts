import type { RawRequest } from '../capture';
import { BUILT_IN_SCHEMES } from './builtInSchemes';
import { customProviderProblems, CUSTOM_PREFIX, type CustomProvider } from './customProvider';
import { customScheme } from './customScheme';
import type { ProviderScheme } from './providerScheme';
import { hasHeader, headerValue } from './requestParts';

/**
 * Names the provider a request's headers point to: a signature header first, then any other
 * header only that provider sends, then its User-Agent. Custom providers are checked before the built-in ones.
 */
export function detectProvider(req: RawRequest, customProviders: readonly CustomProvider[] = []): string | undefined {
  return detectScheme(req, customProviders)?.id;
}

export function detectScheme(req: RawRequest, customProviders: readonly CustomProvider[]): ProviderScheme | undefined {
  const schemes = customProviders.length ? [...usableCustomSchemes(customProviders), ...BUILT_IN_SCHEMES] : BUILT_IN_SCHEMES;
  return schemes.find((scheme) => scheme.signatureHeaders.some((h) => hasHeader(req, h)))
    ?? schemes.find((scheme) => scheme.markerHeaders.some((h) => hasHeader(req, h)))
    ?? schemes.find((scheme) => scheme.userAgentPrefix !== undefined && (headerValue(req, 'user-agent') ?? '').startsWith(scheme.userAgentPrefix));
}

/** The scheme for a provider id, built-in or `custom:<id>`; undefined when unknown. */
export function schemeFor(provider: string, customProviders: readonly CustomProvider[]): ProviderScheme | undefined {
  if (provider.startsWith(CUSTOM_PREFIX)) {
    return usableCustomSchemes(customProviders).find((scheme) => scheme.id === provider);
  }
  return BUILT_IN_SCHEMES.find((scheme) => scheme.id === provider);
}

/** Invalid definitions are skipped here; callers validate them with `parseCustomProvider` when they are entered. */
function usableCustomSchemes(customProviders: readonly CustomProvider[]): ProviderScheme[] {
  return customProviders.filter((def) => customProviderProblems(def).length === 0).map(customScheme);
}
