import type { PayloadFormat } from './providerDefinition';

/** `application/x-www-form-urlencoded`, whatever its parameters. */
export function isFormContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').trim().toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/**
 * A delivery's payload as a provider's format reads it, the way generated handlers do: JSON, or
 * for a form (told by its Content-Type, from a provider that posts forms) the JSON in its payload
 * field, or its fields. Undefined when the body does not parse.
 */
export function decodePayload(format: PayloadFormat, contentType: string | undefined, body: Uint8Array): { payload: unknown; form: boolean } | undefined {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (format.form && isFormContentType(contentType)) {
    const fields = Object.fromEntries(new URLSearchParams(text));
    const embedded = format.form.jsonField === null ? undefined : fields[format.form.jsonField];
    if (embedded !== undefined) {
      const payload = parseJson(embedded);
      return payload === undefined ? undefined : { payload, form: true };
    }
    return format.form.fields ? { payload: fields, form: true } : undefined;
  }
  const payload = parseJson(text);
  return payload === undefined ? undefined : { payload, form: false };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
