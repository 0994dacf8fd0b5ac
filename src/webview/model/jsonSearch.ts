import type { PathSegment } from './jsonPath';
import type { TextQuery } from './textQuery';

/** One hit: the key of the node at `path`, or its (primitive) value. */
export interface JsonMatch {
  path: PathSegment[];
  part: 'key' | 'value';
}

/** How a primitive reads in the tree, which is also what search compares against. */
export function primitiveText(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

export function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

/**
 * Every key and primitive value containing the query, in document order, found on the parsed data
 * (not the DOM), so matches inside collapsed or not yet rendered nodes count too.
 */
export function searchJson(root: unknown, query: TextQuery, limit = 10_000): JsonMatch[] {
  const matches: JsonMatch[] = [];
  const path: PathSegment[] = [];
  const visit = (value: unknown): void => {
    if (matches.length >= limit) return;
    if (!isContainer(value)) {
      if (query.matches(primitiveText(value))) matches.push({ path: path.slice(), part: 'value' });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length && matches.length < limit; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      if (matches.length >= limit) return;
      path.push(key);
      if (query.matches(key)) matches.push({ path: path.slice(), part: 'key' });
      visit(value[key]);
      path.pop();
    }
  };
  visit(root);
  return matches;
}
