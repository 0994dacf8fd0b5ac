import type { EventSource } from './providerDefinition';

/** The names a header event source may arrive under, lower-cased, preferred first. */
export function eventHeaderNames(source: Extract<EventSource, { kind: 'header' }>): string[] {
  return [source.header, ...(source.alternatives ?? [])].map((name) => name.toLowerCase());
}

/**
 * The event a delivery names by its provider's rule: the header's value, or the string at the
 * payload's (dotted) field path. Undefined when absent, empty or not a string.
 */
export function eventNameOf(source: EventSource, header: (lowerCaseName: string) => string | undefined, payload: unknown): string | undefined {
  switch (source.kind) {
    case 'header':
      for (const name of eventHeaderNames(source)) {
        const value = header(name);
        if (value) return value;
      }
      return undefined;
    case 'field':
      return stringAtPath(payload, source.field);
    case 'none':
      return undefined;
  }
}

/** The non-empty string at a dotted path (`event.type`) of a parsed payload. */
export function stringAtPath(payload: unknown, path: string): string | undefined {
  let value = payload;
  for (const key of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value ? value : undefined;
}
