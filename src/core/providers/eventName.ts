import type { EventField, EventSource } from './providerDefinition';

/** The names a header event source may arrive under, lower-cased, preferred first. */
export function eventHeaderNames(source: Extract<EventSource, { kind: 'header' }>): string[] {
  return [source.header, ...(source.alternatives ?? [])].map((name) => name.toLowerCase());
}

/** The payload fields a field event source reads, in order: its field, then the alternatives. */
export function eventFields(source: Extract<EventSource, { kind: 'field' }>): EventField[] {
  return [{ path: source.field }, ...(source.alternatives ?? [])];
}

/**
 * The event a delivery names by its provider's rule: the header's value (else the payload field that
 * names the same event), or the first of the payload's event fields that is a non-empty string
 * (or a number the field names). Undefined when absent.
 */
export function eventNameOf(source: EventSource, header: (lowerCaseName: string) => string | undefined, payload: unknown): string | undefined {
  switch (source.kind) {
    case 'header':
      for (const name of eventHeaderNames(source)) {
        const value = header(name);
        if (value) return value;
      }
      return source.payloadField === undefined ? undefined : stringAtPath(payload, source.payloadField);
    case 'field':
      for (const field of eventFields(source)) {
        const name = eventFieldValue(payload, field);
        if (name !== undefined) return name;
      }
      return undefined;
    case 'none':
      return undefined;
  }
}

/** One event field's name for the payload: its string, or the name its number has. */
export function eventFieldValue(payload: unknown, field: EventField): string | undefined {
  const value = valueAtPath(payload, field.path);
  if (typeof value === 'string') return value || undefined;
  if (typeof value === 'number' && field.names) return Object.prototype.hasOwnProperty.call(field.names, String(value)) ? field.names[String(value)] : undefined;
  return undefined;
}

/** The non-empty string at a dotted path (`event.type`) of a parsed payload. */
export function stringAtPath(payload: unknown, path: string): string | undefined {
  const value = valueAtPath(payload, path);
  return typeof value === 'string' && value ? value : undefined;
}

function valueAtPath(payload: unknown, path: string): unknown {
  let value = payload;
  for (const key of path.split('.')) value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}
