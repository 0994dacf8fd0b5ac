/**
 * Route patterns for response rules, matched against a request's path (no query string):
 * - `*` as a whole segment matches exactly one non-empty segment; inside a segment (`v*`, `*.json`)
 *   it matches any run of characters except `/`;
 * - `**` as a whole segment matches any number of segments, none included (`/stripe/**` matches
 *   `/stripe` too);
 * - everything else is literal and case-sensitive, compared with the path as received (not
 *   percent-decoded); one trailing `/` is ignored on both sides.
 */
export type RouteGlob = (path: string) => boolean;

const ANY_SEGMENTS = '**';

/** Why a pattern cannot be used, or undefined when it can. */
export function routeGlobProblem(pattern: string): string | undefined {
  if (!pattern.startsWith('/')) return `must start with "/" (got "${pattern}")`;
  if (pattern.includes('?')) return 'must not contain a query string ("?")';
  const bad = segmentsOf(pattern).find((s) => s !== ANY_SEGMENTS && s.includes(ANY_SEGMENTS));
  return bad === undefined ? undefined : `"**" must be a whole segment (got "${bad}")`;
}

export function compileRouteGlob(pattern: string): RouteGlob {
  const segments = segmentsOf(pattern);
  if (!segments.some((s) => s.includes('*'))) {
    const literal = '/' + segments.join('/');
    return (path) => trimTrailingSlash(path) === literal;
  }
  return (path) => matchSegments(segments, segmentsOf(path));
}

export function matchesRouteGlob(pattern: string, path: string): boolean {
  return compileRouteGlob(pattern)(path);
}

function trimTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function segmentsOf(path: string): string[] {
  const trimmed = trimTrailingSlash(path);
  return trimmed === '/' || trimmed === '' ? [] : trimmed.slice(1).split('/');
}

function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  return wildcardMatch(pattern, path, (part) => part === ANY_SEGMENTS, matchSegment);
}

function matchSegment(pattern: string, segment: string): boolean {
  if (pattern === '*') return segment.length > 0;
  if (!pattern.includes('*')) return pattern === segment;
  return wildcardMatch(pattern, segment, (c) => c === '*', (a, b) => a === b);
}

/**
 * Wildcard matching with one backtracking point, no regex: a star item matches any run of items
 * (none included), every other item must match exactly one. Used over path segments (`**`) and over
 * the characters of one segment (`*`).
 */
function wildcardMatch<P, S>(pattern: ArrayLike<P>, items: ArrayLike<S>, isStar: (p: P) => boolean, matches: (p: P, s: S) => boolean): boolean {
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < items.length) {
    if (p < pattern.length && isStar(pattern[p])) {
      starP = p++;
      starS = s;
    } else if (p < pattern.length && matches(pattern[p], items[s])) {
      p++;
      s++;
    } else if (starP !== -1) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (p < pattern.length && isStar(pattern[p])) p++;
  return p === pattern.length;
}
