import type { CustomProvider } from '../providers/custom/customProvider';
import { eventNameOf } from '../providers/eventName';
import { decodePayload } from '../providers/payloadFormat';
import type { EventSource, OfficialTypes, ProviderDefinition, SenderService } from '../providers/providerDefinition';
import { findProvider } from '../providers/providerLookup';
import { renderDeclarations } from './declarations';
import { generatePythonEventTypes, generatePythonTypes } from './generatePythonTypes';
import { generateEventTypes, generateTypes, inferEventRoots } from './generateTypes';
import { TYPESCRIPT_RESERVED_NAMES } from './globalNames';
import type { HandlerEventSpec, HandlerFramework, HandlerSpec } from './handlers/handlerSpec';
import { languageOf, type HandlerLanguage } from './handlers/handlerSpec';

/** One captured payload, as much of it as type inference and event grouping need. */
export interface PayloadSample {
  headers: Record<string, string | string[]>;
  body: Uint8Array;
}

export interface TypesPlan {
  /** Declarations in the plan's language: TypeScript, or Python `TypedDict`s. */
  typesSource: string;
  /** Import lines `typesSource` needs (official type packages); empty for inferred types. */
  typeImports: string[];
  /** The type every payload is assignable to. */
  rootTypeName: string;
  events: HandlerEventSpec[];
  /** What the handler switches on: the provider's event source, or the payload field that names the same event. */
  eventSource: EventSource;
  /** Samples used, and samples left out (not parsable, a handshake, or without an event name where one was expected). */
  used: number;
  skipped: number;
  /** The service the captures show, for schemes several services share (Clerk sends Standard Webhooks). */
  service?: SenderService;
  /** The events typed by the provider's own package found in the workspace rather than inferred. */
  officialTypes?: { package: string; events: string[] };
}

export interface PlanOptions {
  provider?: string;
  /** Name of the type every payload fits; by default after the provider or the service seen (`ClerkWebhook`). */
  rootName?: string;
  customProviders?: readonly CustomProvider[];
  /** Default `typescript`. */
  language?: HandlerLanguage;
  /**
   * Official payload type packages installed in the workspace and the events each types, by
   * package name (see workspacePackages.ts). Only TypeScript uses them.
   */
  officialTypes?: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Payload types for the captures of one route: one type per event, joined in a union a switch
 * narrows (by the payload's own field where it has one, else by casts per event name), or a single
 * type when the provider does not name events. Form bodies are read as the provider sends them.
 */
export function planTypes(samples: readonly PayloadSample[], options: PlanOptions): TypesPlan {
  const definition = options.provider !== undefined ? findProvider(options.provider, options.customProviders) : undefined;
  const source: EventSource = definition?.event ?? { kind: 'none' };
  const handshakes = new Set(source.kind === 'field' ? (source.handshakes ?? []) : []);
  const parsed: Array<{ payload: unknown; event?: string }> = [];
  let skipped = 0;
  let service: SenderService | undefined;
  for (const sample of samples) {
    const header = (name: string) => [sample.headers[name]].flat()[0];
    const decoded = decodePayload(definition?.payloadFormat ?? { form: null }, header('content-type'), sample.body);
    if (decoded === undefined) {
      skipped++;
      continue;
    }
    const event = eventNameOf(source, header, decoded.payload);
    if (event !== undefined && handshakes.has(event)) {
      skipped++;
      continue;
    }
    service ??= definition?.secret.services.find((candidate) => candidate.sent({ header, payload: decoded.payload }));
    parsed.push({ payload: decoded.payload, ...(event !== undefined ? { event } : {}) });
  }
  const rootName = options.rootName ?? defaultRootName(service?.name ?? definition?.name);
  const language = options.language ?? 'typescript';
  const named = parsed.filter((p) => p.event !== undefined);
  const common = service ? { service } : {};
  if (source.kind === 'none' || named.length === 0) {
    const payloads = parsed.map((p) => p.payload);
    const typesSource = language === 'python' ? generatePythonTypes(payloads, { rootName }).source : generateTypes(payloads, { rootName });
    return { typesSource, typeImports: [], rootTypeName: rootName, events: [], eventSource: { kind: 'none' }, used: parsed.length, skipped, ...common };
  }
  const byEvent = new Map<string, unknown[]>();
  for (const { payload, event } of named) byEvent.set(event!, [...(byEvent.get(event!) ?? []), payload]);
  const switchedOn = handlerEventSource(source);
  const discriminator = switchedOn.kind === 'field' && !switchedOn.field.includes('.') && !switchedOn.alternatives?.length ? switchedOn.field : undefined;
  const counts = { used: named.length, skipped: skipped + parsed.length - named.length, ...common };
  if (language === 'python') {
    const types = generatePythonEventTypes(byEvent, { rootName, ...(discriminator ? { discriminator } : {}) });
    const events = [...types.typeNames].map(([name, typeName]) => ({ name, typeName }));
    return { typesSource: types.source, typeImports: [], rootTypeName: rootName, events, eventSource: switchedOn, ...counts };
  }
  const official = officialFor(definition, options.officialTypes, byEvent);
  const types = typeScriptEventTypes(byEvent, rootName, discriminator, official);
  return { ...types, eventSource: switchedOn, ...counts, ...(official ? { officialTypes: { package: official.types.package, events: [...official.events] } } : {}) };
}

/** Everything generateHandler needs for the captures of one route. */
export function planHandler(
  samples: readonly PayloadSample[],
  options: PlanOptions & { framework: HandlerFramework; routePath: string; frameworkVersion?: string },
): { spec: HandlerSpec; plan: TypesPlan } {
  const plan = planTypes(samples, { ...options, language: languageOf(options.framework) });
  const spec: HandlerSpec = {
    framework: options.framework,
    provider: options.provider ?? 'unknown',
    typesSource: plan.typesSource,
    rootTypeName: plan.rootTypeName,
    events: plan.events,
    eventSource: plan.eventSource,
    routePath: options.routePath,
    ...(plan.typeImports.length ? { typeImports: plan.typeImports } : {}),
    ...(plan.officialTypes ? { officialTypes: plan.officialTypes } : {}),
    ...(plan.service ? { secretEnvVar: plan.service.envVar, serviceName: plan.service.name } : {}),
    ...(options.customProviders?.length ? { customProviders: options.customProviders } : {}),
    ...(options.frameworkVersion !== undefined ? { frameworkVersion: options.frameworkVersion } : {}),
  };
  return { spec, plan };
}

/** `GitHubWebhook`, `StandardWebhook` (not `StandardWebhooksWebhook`), `ClerkWebhook`; `Webhook` when nothing is known. */
export function defaultRootName(name: string | undefined): string {
  const words = (name ?? '').replace(/[^A-Za-z0-9 ]/g, ' ').split(/\s+/).filter(Boolean);
  const stem = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('').replace(/Webhooks?$/, '');
  return /^[A-Za-z]/.test(stem) ? `${stem}Webhook` : 'Webhook';
}

/**
 * What generated handlers switch on: a header source whose payload field names the same event
 * (Linear's `type`) becomes that field, so the payload narrows and a capture without headers counts.
 */
function handlerEventSource(source: EventSource): EventSource {
  return source.kind === 'header' && source.payloadField !== undefined ? { kind: 'field', field: source.payloadField } : source;
}

interface OfficialChoice {
  types: OfficialTypes;
  /** The captured events the package types. */
  events: Set<string>;
}

function officialFor(
  definition: ProviderDefinition | undefined,
  installed: ReadonlyMap<string, ReadonlySet<string>> | undefined,
  byEvent: ReadonlyMap<string, unknown[]>,
): OfficialChoice | undefined {
  const types = definition?.handler.typescript.officialTypes;
  const known = types && installed?.get(types.package);
  if (!types || !known) return undefined;
  const events = new Set([...byEvent.keys()].filter((event) => known.has(event)));
  return events.size ? { types, events } : undefined;
}

/**
 * TypeScript types per event: aliases of the official package's types where it has the event,
 * declarations inferred from the captures otherwise, and the union `rootName` of them all.
 */
function typeScriptEventTypes(
  byEvent: ReadonlyMap<string, unknown[]>,
  rootName: string,
  discriminator: string | undefined,
  official: OfficialChoice | undefined,
): Pick<TypesPlan, 'typesSource' | 'typeImports' | 'rootTypeName' | 'events'> {
  const options = { rootName, ...(discriminator ? { discriminator } : {}) };
  if (!official) {
    const types = generateEventTypes(byEvent, options);
    const events = [...types.typeNames].map(([name, typeName]) => ({ name, typeName }));
    if (discriminator) return { typesSource: types.source, typeImports: [], rootTypeName: rootName, events };
    const alias = `${rootName}Payload`;
    const typesSource = `${types.source}\n/** Any payload this route receives. */\nexport type ${alias} = ${rootName}['payload'];\n`;
    return { typesSource, typeImports: [], rootTypeName: alias, events };
  }
  const branches = inferEventRoots(byEvent, options, TYPESCRIPT_RESERVED_NAMES);
  const isOfficial = (event: string) => official.events.has(event);
  const inferred = branches.filter((branch) => !isOfficial(branch.event));
  const aliases = branches
    .filter((branch) => isOfficial(branch.event))
    .map(({ event, root }) => `export type ${root.name} = ${official.types.eventType(event)};`);
  const unionMembers = discriminator
    ? [...(official.types.unionType ? [official.types.unionType] : branches.filter((b) => isOfficial(b.event)).map((b) => b.root.name)), ...inferred.map((b) => b.root.name)]
    : branches.map(({ event, root }) => `{ event: ${JSON.stringify(event)}; payload: ${root.name} }`);
  const union = `export type ${rootName} =\n${unionMembers.map((member) => `  | ${member}`).join('\n')};`;
  const payloadAlias = `${rootName}Payload`;
  const declarations = [
    `// From ${official.types.package}, found in the workspace.\n${aliases.join('\n')}`,
    union,
    ...(discriminator ? [] : [`/** Any payload this route receives. */\nexport type ${payloadAlias} = ${rootName}['payload'];`]),
    ...renderDeclarations(inferred.map((branch) => branch.root)),
  ];
  return {
    typesSource: `${declarations.join('\n\n')}\n`,
    typeImports: [official.types.importLine],
    rootTypeName: discriminator ? rootName : payloadAlias,
    events: branches.map(({ event, root }) => ({ name: event, typeName: root.name })),
  };
}
