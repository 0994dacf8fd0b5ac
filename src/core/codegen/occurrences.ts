import { singularOf, typeNameOf } from './names';
import { resolve } from './shape';
import type { ObjectShape, Shape } from './shape';

/** A named top-level type to declare, with the shape inferred for it. */
export interface RootShape {
  name: string;
  shape: Shape;
}

/** One place an object shape was found: the type name its key suggests, and what holds it. */
export interface Occurrence {
  candidate: string;
  /** The object whose field holds it; undefined directly under a root that is not an object. */
  parent: ObjectShape | undefined;
  root: RootShape;
}

/** The object shape a root declares as an interface, if the root is exactly one object with fields. */
export function rootInterface(root: RootShape): ObjectShape | undefined {
  const { object, element, kinds } = root.shape;
  return object && !element && kinds === 0 && resolve(object).fields.size > 0 ? resolve(object) : undefined;
}

/**
 * Every object shape reachable from the roots, breadth first (the order declarations are emitted
 * in), with where it occurs. Root interfaces are included with no occurrences.
 */
export function collectOccurrences(roots: readonly RootShape[]): Map<ObjectShape, Occurrence[]> {
  const found = new Map<ObjectShape, Occurrence[]>();
  const queue: Array<{ object: ObjectShape; root: RootShape }> = [];
  const reach = (shape: Shape, candidate: string, parent: ObjectShape | undefined, root: RootShape) => {
    if (shape.object) {
      const object = resolve(shape.object);
      const occurrences = found.get(object);
      if (occurrences) occurrences.push({ candidate, parent, root });
      else {
        found.set(object, [{ candidate, parent, root }]);
        queue.push({ object, root });
      }
    }
    if (shape.element) reach(shape.element, singularOf(candidate), parent, root);
  };
  for (const root of roots) {
    const top = rootInterface(root);
    if (top) {
      found.set(top, []);
      queue.push({ object: top, root });
      continue;
    }
    if (root.shape.object) reach({ ...root.shape, element: undefined }, `${root.name}Object`, undefined, root);
    if (root.shape.element) {
      const singular = singularOf(root.name);
      reach(root.shape.element, singular === root.name ? `${root.name}Element` : singular, undefined, root);
    }
  }
  for (let next = 0; next < queue.length; next++) {
    const { object, root } = queue[next];
    for (const [key, field] of object.fields) reach(field, typeNameOf(key), object, root);
  }
  return found;
}
