import { generateEventTypes, generateTypes } from './generateTypes';
import type { EventSource, HandlerEventSpec, HandlerFramework, HandlerSpec } from './handlers/handlerSpec';

/** One captured payload, as much of it as type inference and event grouping need. */
export interface PayloadSample {
  headers: Record<string, string | string[]>;
  body: Uint8Array;
}

/** Where each provider names the event of a delivery. */
const EVENT_SOURCES: Record<string, EventSource> = {
  github: { kind: 'header', header: 'X-GitHub-Event' },
  gitlab: { kind: 'header', header: 'X-Gitlab-Event' },
  shopify: { kind: 'header', header: 'X-Shopify-Topic' },
  stripe: { kind: 'field', field: 'type' },
  'standard-webhooks': { kind: 'field', field: 'type' },
  paddle: { kind: 'field', field: 'event_type' },
  square: { kind: 'field', field: 'type' },
  slack: { kind: 'field', field: 'event.type' },
};

export interface TypesPlan {
  typesSource: string;
  /** The type every payload is assignable to. */
  rootTypeName: string;
  events: HandlerEventSpec[];
  eventSource: EventSource;
  /** Samples used, and samples left out (not JSON, or without an event name where one was expected). */
  used: number;
  skipped: number;
}

/**
 * Payload types for the captures of one route: one type per event, joined in a union a `switch`
 * narrows (by the payload's own field where it has one, else through `{ event, payload }` branches
 * plus a `<Root>Payload` alias), or a single type when the provider does not name events.
 */
export function planTypes(samples: readonly PayloadSample[], options: { provider?: string; rootName: string }): TypesPlan {
  const source = (options.provider && EVENT_SOURCES[options.provider]) || { kind: 'none' as const };
  const parsed: Array<{ payload: unknown; event?: string }> = [];
  let skipped = 0;
  for (const sample of samples) {
    const payload = parseJson(sample.body);
    if (payload === undefined) {
      skipped++;
      continue;
    }
    parsed.push({ payload, event: eventOf(source, sample.headers, payload) });
  }
  const named = parsed.filter((p) => p.event !== undefined);
  if (source.kind === 'none' || named.length === 0) {
    return {
      typesSource: generateTypes(parsed.map((p) => p.payload), { rootName: options.rootName }),
      rootTypeName: options.rootName,
      events: [],
      eventSource: { kind: 'none' },
      used: parsed.length,
      skipped,
    };
  }
  const byEvent = new Map<string, unknown[]>();
  for (const { payload, event } of named) byEvent.set(event!, [...(byEvent.get(event!) ?? []), payload]);
  const topLevelField = source.kind === 'field' && !source.field.includes('.') ? source.field : undefined;
  const { source: typesSource, typeNames } = generateEventTypes(byEvent, { rootName: options.rootName, discriminator: topLevelField });
  const events = [...typeNames].map(([name, typeName]) => ({ name, typeName }));
  if (topLevelField) {
    return { typesSource, rootTypeName: options.rootName, events, eventSource: source, used: named.length, skipped: skipped + parsed.length - named.length };
  }
  const payloadAlias = `${options.rootName}Payload`;
  return {
    typesSource: `${typesSource}\n/** Any payload this route receives. */\nexport type ${payloadAlias} = ${options.rootName}['payload'];\n`,
    rootTypeName: payloadAlias,
    events,
    eventSource: source,
    used: named.length,
    skipped: skipped + parsed.length - named.length,
  };
}

/** Everything generateHandler needs for the captures of one route. */
export function planHandler(
  samples: readonly PayloadSample[],
  options: { framework: HandlerFramework; provider?: string; routePath: string; rootName: string },
): { spec: HandlerSpec; plan: TypesPlan } {
  const plan = planTypes(samples, options);
  const spec: HandlerSpec = {
    framework: options.framework,
    provider: options.provider ?? 'unknown',
    typesSource: plan.typesSource,
    rootTypeName: plan.rootTypeName,
    events: plan.events,
    eventSource: plan.eventSource,
    routePath: options.routePath,
  };
  return { spec, plan };
}

function eventOf(source: EventSource, headers: PayloadSample['headers'], payload: unknown): string | undefined {
  if (source.kind === 'header') {
    const value = headers[source.header.toLowerCase()];
    return (Array.isArray(value) ? value[0] : value) || undefined;
  }
  if (source.kind === 'field') {
    let value: unknown = payload;
    for (const key of source.field.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' && value ? value : undefined;
  }
  return undefined;
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
}
