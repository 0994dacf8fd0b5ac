import { BUILT_IN_SCHEMES } from './builtInSchemes';
import type { CustomProvider } from './customProvider';
import { customProviderProblems } from './customProvider';
import { customScheme } from './customScheme';

export interface ProviderInfo {
  id: string;
  name: string;
  /** What goes in the secret slot: "the webhook secret", "the application public key (hex)"… */
  secretName: string;
}

/** Every provider a signing secret can be set for: the built-in ones, then valid custom ones. */
export function providerCatalog(customProviders: readonly CustomProvider[] = []): ProviderInfo[] {
  const custom = customProviders.filter((def) => customProviderProblems(def).length === 0).map(customScheme);
  return [...BUILT_IN_SCHEMES, ...custom].map(({ id, name, secretName }) => ({ id, name, secretName }));
}
