import { renderDeclarations } from './declarations';
import { TYPESCRIPT_RESERVED_NAMES } from './globalNames';
import { isIdentifier, typeNameOf } from './names';
import type { RootShape } from './occurrences';
import { emptyShape, observe, observeObject } from './shape';
import type { Shape } from './shape';

/** Root fields whose observed strings become string-literal unions. */
const ROOT_DISCRIMINATORS = ['action', 'type', 'event', 'event_type'];

/**
 * TypeScript declarations (no imports) of a type named `rootName` that every sample, already
 * JSON.parsed, is assignable to under `strict`. Object types are named after their keys.
 */
export function generateTypes(samples: unknown[], options: { rootName: string }): string {
  checkTypeName(options.rootName);
  return joinDeclarations(renderDeclarations([inferRoot(options.rootName, samples, ROOT_DISCRIMINATORS)]));
}

export interface EventUnionOptions {
  /** Name of the union type. */
  rootName: string;
  /**
   * A payload field that names the event (Stripe's `type`): each branch gets its observed values
   * as literals and the union is of the payload types. Without it (GitHub's event is only in the
   * X-GitHub-Event header), each branch is `{ event: "<event>"; payload: <Event>Event }`.
   */
  discriminator?: string;
}

/**
 * A discriminated union over several event types received on one route, keyed by event name; a
 * `switch` on the discriminator narrows each branch. Types nested in several events are shared.
 */
export function generateEventUnion(samplesByEvent: ReadonlyMap<string, unknown[]>, options: EventUnionOptions): string {
  return generateEventTypes(samplesByEvent, options).source;
}

export interface EventTypes {
  source: string;
  /** The payload type declared for each event, e.g. `push` → `PushEvent`. */
  typeNames: Map<string, string>;
}

/** `generateEventUnion`, also saying which type each event's payload got. */
export function generateEventTypes(samplesByEvent: ReadonlyMap<string, unknown[]>, options: EventUnionOptions): EventTypes {
  const branches = inferEventRoots(samplesByEvent, options, TYPESCRIPT_RESERVED_NAMES);
  const members = branches.map(({ event, root }) =>
    options.discriminator ? root.name : `{ event: ${JSON.stringify(event)}; payload: ${root.name} }`,
  );
  const union =
    members.length === 0
      ? `export type ${options.rootName} = never;`
      : `export type ${options.rootName} =\n${members.map((member) => `  | ${member}`).join('\n')};`;
  return {
    source: joinDeclarations([union, ...renderDeclarations(branches.map((branch) => branch.root))]),
    typeNames: new Map(branches.map(({ event, root }) => [event, root.name])),
  };
}

/** One root shape per event, named `<Event>Event` (SHOUTING_CASE read as words) and kept clear of `reserved` and the root's name. */
export function inferEventRoots(
  samplesByEvent: ReadonlyMap<string, unknown[]>,
  options: EventUnionOptions,
  reserved: ReadonlySet<string>,
): Array<{ event: string; root: RootShape }> {
  checkTypeName(options.rootName);
  const literalKeys = options.discriminator ? [...ROOT_DISCRIMINATORS, options.discriminator] : ROOT_DISCRIMINATORS;
  const taken = new Set([...reserved, options.rootName]);
  return [...samplesByEvent].map(([event, samples]) => {
    const stem = typeNameOf(/^[A-Z0-9_]+$/.test(event) ? event.toLowerCase() : event);
    let name = `${stem}${/Event$/.test(stem) ? '' : 'Event'}`;
    if (taken.has(name)) name = `${options.rootName}${name}`;
    while (taken.has(name)) name = `${name}Variant`;
    taken.add(name);
    return { event, root: inferRoot(name, samples, literalKeys) };
  });
}

/** The root shape of samples of one kind; `literalKeys` names the root fields kept as literals. */
export function inferRoot(name: string, samples: unknown[], literalKeys: readonly string[] = ROOT_DISCRIMINATORS): RootShape {
  const shape: Shape = emptyShape();
  const keys = new Set(literalKeys);
  for (const sample of samples) {
    if (sample !== null && typeof sample === 'object' && !Array.isArray(sample)) {
      shape.seen++;
      observeObject((shape.object ??= { count: 0, fields: new Map() }), sample as Record<string, unknown>, keys);
    } else observe(shape, sample);
  }
  return { name, shape };
}

export function checkTypeName(name: string): void {
  if (!isIdentifier(name)) throw new RangeError(`rootName must be a TypeScript identifier, got ${JSON.stringify(name)}`);
}

function joinDeclarations(declarations: string[]): string {
  return `${declarations.join('\n\n')}\n`;
}
