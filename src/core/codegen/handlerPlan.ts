import type { CustomProvider } from '../providers/custom/customProvider';
import { eventNameOf } from '../providers/eventName';
import { findProvider } from '../providers/providerLookup';
import { generateEventTypes, generateTypes } from './generateTypes';
import type { EventSource, HandlerEventSpec, HandlerFramework, HandlerSpec } from './handlers/handlerSpec';

/** One captured payload, as much of it as type inference and event grouping need. */
export interface PayloadSample {
  headers: Record<string, string | string[]>;
  body: Uint8Array;
}

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
export function planTypes(
  samples: readonly PayloadSample[],
  options: { provider?: string; rootName: string; customProviders?: readonly CustomProvider[] },
): TypesPlan {
  const source: EventSource = (options.provider !== undefined && findProvider(options.provider, options.customProviders)?.event) || { kind: 'none' };
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
  options: { framework: HandlerFramework; provider?: string; routePath: string; rootName: string; customProviders?: readonly CustomProvider[] },
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
    ...(options.customProviders?.length ? { customProviders: options.customProviders } : {}),
  };
  return { spec, plan };
}

function eventOf(source: EventSource, headers: PayloadSample['headers'], payload: unknown): string | undefined {
  return eventNameOf(source, (name) => [headers[name]].flat()[0], payload);
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
}
