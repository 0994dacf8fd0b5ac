import { collectOccurrences } from './occurrences';
import type { RootShape } from './occurrences';
import { resolve, unite } from './shape';
import type { ObjectShape, Shape } from './shape';

/**
 * Unites object shapes that want the same type name and have nearly the same keys, so `user` under an issue and `user` under
 * a comment become one `User` with the odd field optional instead of `User` and `CommentUser`.
 */
export function mergeNearIdentical(roots: readonly RootShape[]): void {
  for (let merged = true; merged; ) {
    merged = false;
    const byCandidate = new Map<string, ObjectShape[]>();
    for (const [object, occurrences] of collectOccurrences(roots)) {
      for (const candidate of new Set(occurrences.map((o) => o.candidate))) {
        const group = byCandidate.get(candidate);
        if (group) group.push(object);
        else byCandidate.set(candidate, [object]);
      }
    }
    for (const group of byCandidate.values()) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const first = resolve(group[i]);
          const second = resolve(group[j]);
          if (first !== second && nearlyIdentical(first, second)) {
            unite(first, second);
            merged = true;
          }
        }
      }
    }
  }
}

/**
 * Key sets at most one key apart or three quarters shared, and so are the objects under every
 * shared key: uniting two objects unites what they hold, so `data` of a Stripe `customer.*` event
 * must not become one type with `data` of an `invoice.*` event.
 */
function nearlyIdentical(first: ObjectShape, second: ObjectShape, path: ObjectShape[] = []): boolean {
  if (first === second || path.includes(first) || path.includes(second)) return true;
  let shared = 0;
  for (const key of first.fields.keys()) if (second.fields.has(key)) shared++;
  const all = first.fields.size + second.fields.size - shared;
  if (all - shared > 1 && shared / all < 0.75) return false;
  for (const [key, field] of first.fields) {
    const other = second.fields.get(key);
    for (let a: Shape | undefined = field, b = other; a && b; a = a.element, b = b.element) {
      if (a.object && b.object && !nearlyIdentical(resolve(a.object), resolve(b.object), [...path, first, second])) {
        return false;
      }
    }
  }
  return true;
}
