import type { DeliveryIdRule } from '../../providers/providerDefinition';
import { ID_TEXT_HELPER } from './deliveryIdCode';
import { eventNameExpression } from './dispatch';
import type { HandlerProvider } from './handlerProvider';
import type { HandlerSpec } from './handlerSpec';
import { code, docComment, indent, wrap } from './sourceText';

/** The `Delivery` and `Reception` shapes every adapter speaks. */
export function deliveryTypesSection(exported: boolean): string {
  const ex = exported ? 'export ' : '';
  return code`
    /** One request as it arrived: the exact bytes, which the signature covers, and its headers. */
    ${ex}interface Delivery {
      method: string;
      /** Path and query as received. */
      url: string;
      rawBody: Buffer;
      header(name: string): string | undefined;
    }

    /** The answer to send now, and the work to run once it has been sent. */
    ${ex}interface Reception {
      status: 200 | 204 | 400 | 401 | 500;
      body?: Record<string, unknown>;
      work?: () => Promise<void>;
    }`;
}

/** The provider's delivery-id rule, unless the spec overrides it. */
export function resolveDeliveryId(spec: HandlerSpec, provider: HandlerProvider): DeliveryIdRule {
  const override = spec.deliveryId;
  if (!override) return provider.deliveryId;
  if (override.kind === 'header') return { kind: 'header', headers: [override.header.toLowerCase()] };
  if (override.kind === 'field') return { kind: 'field', fields: [override.field] };
  return { kind: 'none', reason: 'Duplicate deliveries are not detected: no delivery id was configured.' };
}

export function hasDedupe(spec: HandlerSpec, provider: HandlerProvider): boolean {
  return resolveDeliveryId(spec, provider).kind !== 'none';
}

/** `receiveDelivery`: verify, parse, deduplicate, and hand back the answer and the work. */
export function receiveSection(spec: HandlerSpec, provider: HandlerProvider, exported: boolean): string {
  const ok = provider.ackStatus === 204 ? '{ status: 204' : '{ status: 200, body: { received: true }';
  const duplicate = provider.ackStatus === 204 ? '{ status: 204 }' : '{ status: 200, body: { received: true, duplicate: true } }';
  const parts: string[] = [];
  parts.push(code`
    const secret = process.env[SECRET_ENV_VAR];
    if (!secret) {
      console.error(\`\${SECRET_ENV_VAR} is not set: refusing webhook deliveries until it is.\`);
      return { status: 500, body: { error: 'webhook secret not configured' } };
    }`);
  if (provider.fragment.helpers.includes('publicUrl')) {
    parts.push(code`
      if (!process.env[PUBLIC_ORIGIN_ENV_VAR]) {
        console.error(\`\${PUBLIC_ORIGIN_ENV_VAR} is not set: the signed URL cannot be rebuilt.\`);
        return { status: 500, body: { error: 'public URL not configured' } };
      }`);
  }
  parts.push(code`
    if (!verifySignature(delivery, secret)) {
      return { status: 401, body: { error: 'invalid signature' } };
    }`);
  if (provider.payloadFormat === 'form') {
    parts.push(code`
      // Form-encoded (application/x-www-form-urlencoded): every field is a string.
      const payload: Record<string, string> = Object.fromEntries(new URLSearchParams(delivery.rawBody.toString('utf8')));`);
  } else {
    parts.push(code`
      let payload: unknown;
      try {
        payload = JSON.parse(delivery.rawBody.toString('utf8'));
      } catch {
        return { status: 400, body: { error: 'body is not valid JSON' } };
      }
      if (typeof payload !== 'object' || payload === null) {
        return { status: 400, body: { error: 'body is not a JSON object or array' } };
      }`);
  }
  if (provider.fragment.afterParse) parts.push(provider.fragment.afterParse);

  const id = resolveDeliveryId(spec, provider);
  if (id.kind === 'none') {
    parts.push(wrap(id.reason, 96).map((line) => `// ${line}`).join('\n'));
  } else {
    parts.push(code`
      const deliveryId = deliveryIdOf(delivery, payload);
      if (deliveryId !== undefined && !recentDeliveries.claim(deliveryId)) {
        return ${duplicate};
      }`);
  }
  const eventName = eventNameExpression(spec);
  if (eventName === undefined) {
    parts.push(`return ${ok}, work: () => dispatch(payload) };`);
  } else {
    parts.push(`const eventName = ${eventName};\nreturn ${ok}, work: () => dispatch(payload, eventName) };`);
  }
  const unknownNote = provider.known ? '' : ' (always, until verifySignature is written)';
  const doc = docComment(
    `Decides the answer to one delivery: 401 unless the signature verifies${unknownNote}, 400 unless the body parses, a plain 2xx for a redelivery already seen, and otherwise a 2xx plus the work to run.`,
  );
  return `${doc}\n${exported ? 'export ' : ''}function receiveDelivery(delivery: Delivery): Reception {\n${indent(parts.join('\n'), 2)}\n}`;
}

export const RECENT_DELIVERIES = code`
  /**
   * Delivery ids seen recently, so a redelivery is acknowledged without running its handler twice.
   * This lives in one process's memory: with several instances, or to survive restarts, keep the ids
   * in a shared store instead, e.g. Redis \`SET webhook:<id> 1 NX EX 86400\` (whoever sets it first
   * processes the delivery).
   */
  class RecentDeliveries {
    private readonly expiries = new Map<string, number>();
    private readonly ttlMs: number;

    constructor(ttlMs: number) {
      this.ttlMs = ttlMs;
    }

    /** Records the id; true if it was not seen within the TTL. */
    claim(id: string, now = Date.now()): boolean {
      // Every id lives equally long, so insertion order is expiry order: expired ids are at the front.
      for (const [seen, expiresAt] of this.expiries) {
        if (expiresAt > now) break;
        this.expiries.delete(seen);
      }
      if (this.expiries.has(id)) return false;
      this.expiries.set(id, now + this.ttlMs);
      return true;
    }
  }

  const recentDeliveries = new RecentDeliveries(DEDUPE_TTL_MS);`;

/** Small helpers, emitted only when the rest of the file calls them. */
export const HELPERS: ReadonlyArray<{ name: string; source: string }> = [
  {
    name: 'stringField',
    source: code`
      /** The string at a dotted path of the payload (\`event.type\`), if there is one. */
      function stringField(payload: unknown, path: string): string | undefined {
        let value = payload;
        for (const key of path.split('.')) {
          if (typeof value !== 'object' || value === null) return undefined;
          value = (value as Record<string, unknown>)[key];
        }
        return typeof value === 'string' ? value : undefined;
      }`,
  },
  {
    name: 'signedHeaderParams',
    source: code`
      /** The key=value items of a signature header such as \`t=…,v1=…\`, split on \`separator\`. */
      function signedHeaderParams(header: string, separator: string): Array<[key: string, value: string]> {
        return header.split(separator).map((item): [string, string] => {
          const eq = item.indexOf('=');
          return eq === -1 ? [item.trim(), ''] : [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
        });
      }`,
  },
  { name: 'idText', source: ID_TEXT_HELPER },
  {
    name: 'safeEqual',
    source: code`
      /** Constant-time comparison; different lengths are a mismatch (timingSafeEqual would throw). */
      function safeEqual(a: Buffer, b: Buffer): boolean {
        return a.length === b.length && timingSafeEqual(a, b);
      }`,
  },
  {
    name: 'isFresh',
    source: code`
      /** Whether a signed timestamp (Unix seconds) is within the tolerance of now, either way. */
      function isFresh(timestampSeconds: number): boolean {
        return Number.isFinite(timestampSeconds) && Math.abs(Date.now() / 1000 - timestampSeconds) <= TOLERANCE_SECONDS;
      }`,
  },
  {
    name: 'publicUrl',
    source: code`
      /**
       * The URL the provider posted to, which it signs. Behind a proxy or tunnel this server sees another
       * host, so the origin comes from the environment (e.g. https://example.ngrok.app).
       */
      function publicUrl(delivery: Delivery): string {
        return (process.env[PUBLIC_ORIGIN_ENV_VAR] ?? '').replace(/\/+$/, '') + delivery.url;
      }`,
  },
  {
    name: 'firstHeader',
    source: code`
      function firstHeader(value: string | string[] | undefined): string | undefined {
        return Array.isArray(value) ? value[0] : value;
      }`,
  },
];
