const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A TypeScript string literal in the generated code's style (single quotes). */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** `object.name`, or `object['odd-name']` when the key is not an identifier. */
export function propertyAccess(object: string, key: string): string {
  return IDENTIFIER.test(key) ? `${object}.${key}` : `${object}[${quote(key)}]`;
}

/** Whether a string can be used as a TypeScript identifier as it is. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * Function names for events, `on` + PascalCase words: `push` → `onPush`,
 * `customer.subscription.created` → `onCustomerSubscriptionCreated`, `APPLICATION_AUTHORIZED` →
 * `onApplicationAuthorized`. Names that would collide get
 * a numeric suffix, in the order given.
 */
export function handlerNames(eventNames: readonly string[]): string[] {
  const taken = new Set<string>();
  return eventNames.map((eventName) => {
    const words = eventName.split(/[^A-Za-z0-9]+/).filter(Boolean);
    // SHOUTING_CASE words (Discord's APPLICATION_AUTHORIZED) read as words, not acronyms.
    const pascal = words.map((w) => w[0].toUpperCase() + (w === w.toUpperCase() ? w.slice(1).toLowerCase() : w.slice(1))).join('') || 'Event';
    const base = `on${pascal}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    return name;
  });
}

/** `GITHUB`, `STANDARD_WEBHOOKS`: a provider id as an environment variable prefix. */
export function envPrefix(provider: string): string {
  const cleaned = provider.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(cleaned) || cleaned === '' ? `WEBHOOK_${cleaned}`.replace(/_$/, '') : cleaned;
}

/** A provider id as a file name stem: `standard-webhooks`, `acme-corp`. */
export function fileStem(provider: string): string {
  return provider.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'webhook';
}
