import { customDefinition } from './custom/customDefinition';
import { customProviderProblems, CUSTOM_PREFIX, type CustomProvider } from './custom/customProvider';
import type { ProviderDefinition } from './providerDefinition';
import { BUILT_IN_DEFINITIONS, builtInProvider } from './registry';

/** Definitions are built once per settings object; the settings are re-read, not mutated, when they change. */
const built = new WeakMap<CustomProvider, ProviderDefinition>();

/** The valid custom providers as definitions; invalid ones are skipped (they are reported when the settings are read). */
export function customDefinitions(customProviders: readonly CustomProvider[]): ProviderDefinition[] {
  const definitions: ProviderDefinition[] = [];
  for (const custom of customProviders) {
    let definition = built.get(custom);
    if (!definition) {
      if (customProviderProblems(custom).length > 0) continue;
      definition = customDefinition(custom);
      built.set(custom, definition);
    }
    definitions.push(definition);
  }
  return definitions;
}

/** Every provider in detection order: custom providers first, then the built-in ones. */
export function providerDefinitions(customProviders: readonly CustomProvider[] = []): readonly ProviderDefinition[] {
  return customProviders.length ? [...customDefinitions(customProviders), ...BUILT_IN_DEFINITIONS] : BUILT_IN_DEFINITIONS;
}

/** The definition for a provider id, built-in or `custom:<id>`; undefined when unknown. */
export function findProvider(id: string, customProviders: readonly CustomProvider[] = []): ProviderDefinition | undefined {
  if (id.startsWith(CUSTOM_PREFIX)) return customDefinitions(customProviders).find((definition) => definition.id === id);
  return builtInProvider(id);
}
