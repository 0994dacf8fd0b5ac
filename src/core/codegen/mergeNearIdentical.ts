import { collectOccurrences } from './occurrences';
import type { RootShape } from './occurrences';
import { resolve, unite } from './shape';
import type { ObjectShape } from './shape';

/**
 * Unites object shapes that want the same type name and have nearly the same keys (at most one
 * key apart, or three quarters of their keys shared), so `user` under an issue and `user` under
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

function nearlyIdentical(first: ObjectShape, second: ObjectShape): boolean {
  let shared = 0;
  for (const key of first.fields.keys()) if (second.fields.has(key)) shared++;
  const all = first.fields.size + second.fields.size - shared;
  return all - shared <= 1 || shared / all >= 0.75;
}
