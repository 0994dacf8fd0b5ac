import { GLOBAL_NAMES } from './globalNames';
import { mergeNearIdentical } from './mergeNearIdentical';
import { propertyKey } from './names';
import { collectOccurrences, rootInterface } from './occurrences';
import type { Occurrence, RootShape } from './occurrences';
import { BOOLEAN, NULL, NUMBER, OTHER, STRING, resolve } from './shape';
import type { ObjectShape, Shape } from './shape';
import { TypeIdentities } from './typeIdentities';

/** Objects that render identically share one declaration. */
interface DeclaredType {
  name?: string;
  /** The key-derived name chosen, and where it came from: parents prefix it on a clash. */
  candidate: string;
  occurrence?: Occurrence;
  object: ObjectShape;
  occurrences: Occurrence[];
}

const EMPTY_OBJECT = 'Record<string, never>';

/** Declares every root and the object types they use, roots first, then breadth first. */
export function renderDeclarations(roots: readonly RootShape[]): string[] {
  mergeNearIdentical(roots);
  const types = declaredTypes(roots);
  const nameOf = (object: ObjectShape) => types.get(resolve(object))?.name ?? EMPTY_OBJECT;
  const declarations = roots.map((root) => {
    const top = rootInterface(root);
    return top ? renderInterface(root.name, top, nameOf) : `export type ${root.name} = ${renderType(root.shape, nameOf)};`;
  });
  const declared = new Set(roots.map((root) => root.name));
  for (const type of types.values()) {
    if (type.name && !declared.has(type.name)) {
      declared.add(type.name);
      declarations.push(renderInterface(type.name, type.object, nameOf));
    }
  }
  return declarations;
}

function declaredTypes(roots: readonly RootShape[]): Map<ObjectShape, DeclaredType> {
  const identities = new TypeIdentities();
  const byObject = new Map<ObjectShape, DeclaredType>();
  const byIdentity = new Map<string, DeclaredType>();
  for (const root of roots) {
    const top = rootInterface(root);
    if (top) {
      identities.setUnique(top, root.name);
      byObject.set(top, { name: root.name, candidate: root.name, object: top, occurrences: [] });
    }
  }
  for (const [object, occurrences] of collectOccurrences(roots)) {
    if (byObject.has(object)) continue;
    const identity = identities.of(object);
    let type = byIdentity.get(identity);
    if (type) type.occurrences.push(...occurrences);
    else byIdentity.set(identity, (type = { candidate: '', object, occurrences: [...occurrences] }));
    byObject.set(object, type);
  }
  const taken = new Set([...GLOBAL_NAMES, ...roots.map((root) => root.name)]);
  for (const type of byIdentity.values()) {
    if (type.object.fields.size === 0) continue;
    type.candidate = mostFrequent(type.occurrences.map((o) => o.candidate));
    type.occurrence = type.occurrences.find((o) => o.candidate === type.candidate);
    type.name = freeName(type, byObject, taken);
    taken.add(type.name);
  }
  return byObject;
}

/** The candidate itself, else prefixed by its parents' names (`PullRequestHead`), then the root's. */
function freeName(type: DeclaredType, byObject: Map<ObjectShape, DeclaredType>, taken: Set<string>): string {
  let name = type.candidate;
  let at = type.occurrence;
  while (taken.has(name)) {
    const parent = at?.parent && byObject.get(at.parent);
    if (parent && parent.candidate && parent !== type) {
      name = parent.candidate + name;
      at = parent.occurrence;
    } else if (at) {
      name = at.root.name + name;
      at = undefined;
    } else name = `${name}Variant`;
  }
  return name;
}

function mostFrequent(candidates: string[]): string {
  const counts = new Map<string, number>();
  for (const candidate of candidates) counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
  let best = candidates[0];
  for (const [candidate, count] of counts) if (count > (counts.get(best) ?? 0)) best = candidate;
  return best;
}

function renderInterface(name: string, object: ObjectShape, nameOf: (object: ObjectShape) => string): string {
  const members = [...object.fields].map(([key, field]) => {
    const optional = field.seen < object.count ? '?' : '';
    return `  ${propertyKey(key)}${optional}: ${renderType(field, nameOf)};`;
  });
  return `export interface ${name} {\n${members.join('\n')}\n}`;
}

function renderType(shape: Shape, nameOf: (object: ObjectShape) => string): string {
  const parts = typeParts(shape, nameOf);
  return parts.length > 0 ? parts.join(' | ') : 'unknown';
}

function typeParts(shape: Shape, nameOf: (object: ObjectShape) => string): string[] {
  if (shape.kinds & OTHER) return ['unknown'];
  const parts: string[] = [];
  if (shape.object) parts.push(nameOf(shape.object));
  if (shape.element) {
    const element = typeParts(shape.element, nameOf);
    if (element.length === 0) parts.push('unknown[]');
    else parts.push(element.length === 1 ? `${element[0]}[]` : `(${element.join(' | ')})[]`);
  }
  if (shape.kinds & STRING) {
    if (shape.literals) parts.push(...[...shape.literals].sort().map((literal) => JSON.stringify(literal)));
    else parts.push('string');
  }
  if (shape.kinds & NUMBER) parts.push('number');
  if (shape.kinds & BOOLEAN) parts.push('boolean');
  if (shape.kinds & NULL) parts.push('null');
  return parts;
}
