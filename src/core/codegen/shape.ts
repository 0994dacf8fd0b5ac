// The inferred shape of every value seen at one position of the payloads, merged. Merging is a
// join in a lattice: the merged shape accepts every value either side accepted, which is what
// keeps every sample assignable to the generated types.

export const NULL = 1;
export const BOOLEAN = 2;
export const NUMBER = 4;
export const STRING = 8;
/** Anything JSON.parse cannot produce (undefined, bigint, functions): rendered as `unknown`. */
export const OTHER = 16;
/** Set with NUMBER when a number was not an integer (Python tells `int` from `float`; TypeScript does not). */
export const FRACTION = 32;

export interface Shape {
  /** Values observed here; for an object field, the number of objects that had the key. */
  seen: number;
  /** Bit set of the primitive kinds observed (NULL | BOOLEAN | …). */
  kinds: number;
  /** Every string observed, kept only where string-literal unions are wanted (root discriminators). */
  literals?: Set<string>;
  object?: ObjectShape;
  /** Set once an array was observed; its `seen` stays 0 when every array was empty. */
  element?: Shape;
}

export interface ObjectShape {
  /** Objects observed here; a field seen fewer times than this is optional. */
  count: number;
  fields: Map<string, Shape>;
  /** Set when this shape was merged into another one; see `resolve`. */
  mergedInto?: ObjectShape;
}

export function emptyShape(): Shape {
  return { seen: 0, kinds: 0 };
}

export function observe(shape: Shape, value: unknown, keepLiterals = false): void {
  shape.seen++;
  if (value === null) shape.kinds |= NULL;
  else if (typeof value === 'boolean') shape.kinds |= BOOLEAN;
  else if (typeof value === 'number') shape.kinds |= Number.isInteger(value) ? NUMBER : NUMBER | FRACTION;
  else if (typeof value === 'string') {
    shape.kinds |= STRING;
    if (keepLiterals) (shape.literals ??= new Set()).add(value);
  } else if (Array.isArray(value)) {
    const element = (shape.element ??= emptyShape());
    for (const item of value) observe(element, item);
  } else if (typeof value === 'object') {
    observeObject((shape.object ??= { count: 0, fields: new Map() }), value as Record<string, unknown>);
  } else shape.kinds |= OTHER;
}

/** Observes the fields of one object; `literalKeys` names the fields whose strings become literals. */
export function observeObject(
  object: ObjectShape,
  value: Record<string, unknown>,
  literalKeys?: ReadonlySet<string>,
): void {
  object.count++;
  for (const key of Object.keys(value)) {
    let field = object.fields.get(key);
    if (!field) object.fields.set(key, (field = emptyShape()));
    observe(field, value[key], literalKeys?.has(key));
  }
}

export function resolve(object: ObjectShape): ObjectShape {
  while (object.mergedInto) object = object.mergedInto;
  return object;
}

/** Makes two object shapes one: fields missing on either side become optional. */
export function unite(first: ObjectShape, second: ObjectShape): void {
  const target = resolve(first);
  const source = resolve(second);
  if (target === source) return;
  source.mergedInto = target;
  target.count += source.count;
  for (const [key, field] of source.fields) {
    // Uniting nested objects can merge `target` itself further up, so look it up again each time.
    const live = resolve(target);
    const existing = live.fields.get(key);
    if (existing) joinShape(existing, field);
    else live.fields.set(key, field);
  }
}

export function joinShape(into: Shape, from: Shape): void {
  if (into === from) return;
  const intoHadStrings = (into.kinds & STRING) !== 0;
  if (!intoHadStrings) into.literals = from.literals;
  else if (from.kinds & STRING) {
    into.literals = into.literals && from.literals ? new Set([...into.literals, ...from.literals]) : undefined;
  }
  into.seen += from.seen;
  into.kinds |= from.kinds;
  if (from.element) {
    if (into.element) joinShape(into.element, from.element);
    else into.element = from.element;
  }
  if (from.object) {
    if (into.object) unite(into.object, from.object);
    else into.object = from.object;
  }
}
