import type { CustomProvider } from './custom/customProvider';
import { customDefinitions } from './providerLookup';
import { BUILT_IN_DEFINITIONS } from './registry';

export interface ProviderInfo {
  id: string;
  name: string;
  /** What goes in the secret slot: "the webhook secret", "the application public key (hex)"… */
  secretName: string;
}

/** Every provider a signing secret can be set for: the built-in ones, then valid custom ones. */
export function providerCatalog(customProviders: readonly CustomProvider[] = []): ProviderInfo[] {
  return [...BUILT_IN_DEFINITIONS, ...customDefinitions(customProviders)].map(({ id, name, secret }) => ({ id, name, secretName: secret.description }));
}
