import { mergeNearIdentical } from './mergeNearIdentical';
import { collectOccurrences, rootInterface } from './occurrences';
import type { Occurrence, RootShape } from './occurrences';
import { resolve } from './shape';
import type { ObjectShape } from './shape';
import { TypeIdentities } from './typeIdentities';

/** What a target language needs from naming: the names it must not take, the kinds it tells apart. */
export interface NamingRules {
  /** Globals of the language and names the generated file declares itself. */
  reserved: ReadonlySet<string>;
  /** Kind bits (shape.ts) the language renders differently, so shapes differing in others can share a type. */
  kindMask: number;
}

/** The named object types of some roots: roots keep their names, nested objects get names from their keys. */
export interface NamedTypes {
  /** The declared name of an object shape; undefined for an object that never had a field. */
  nameOf(object: ObjectShape): string | undefined;
  /** The object shape a root declares itself, if it is an object type. */
  rootObject(root: RootShape): ObjectShape | undefined;
  /** Every other object type to declare, breadth first from the roots. */
  nested: ReadonlyArray<{ name: string; object: ObjectShape }>;
}

/** Objects that render identically share one declaration. */
interface DeclaredType {
  name?: string;
  /** The key-derived name chosen, and where it came from: parents prefix it on a clash. */
  candidate: string;
  occurrence?: Occurrence;
  object: ObjectShape;
  occurrences: Occurrence[];
}

/**
 * Names every object type reachable from the roots. Near-identical shapes under one name are
 * united first (so this changes the shapes: name one set of roots once).
 */
export function nameTypes(roots: readonly RootShape[], rules: NamingRules): NamedTypes {
  mergeNearIdentical(roots);
  const types = declaredTypes(roots, rules);
  const declared = new Set(roots.map((root) => root.name));
  const nested: Array<{ name: string; object: ObjectShape }> = [];
  for (const type of types.values()) {
    if (type.name && !declared.has(type.name)) {
      declared.add(type.name);
      nested.push({ name: type.name, object: type.object });
    }
  }
  return {
    nameOf: (object) => types.get(resolve(object))?.name,
    rootObject: rootInterface,
    nested,
  };
}

function declaredTypes(roots: readonly RootShape[], rules: NamingRules): Map<ObjectShape, DeclaredType> {
  const identities = new TypeIdentities(rules.kindMask);
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
  const taken = new Set([...rules.reserved, ...roots.map((root) => root.name)]);
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
  let best = candidates[0] ?? '';
  for (const [candidate, count] of counts) if (count > (counts.get(best) ?? 0)) best = candidate;
  return best;
}
