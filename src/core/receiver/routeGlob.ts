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

/**
 * Wildcard matching with one backtracking point, over segments: `**` behaves like `*` in a plain
 * string glob, every other pattern segment consumes exactly one path segment. Linear-ish, no regex.
 */
function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < path.length) {
    if (p < pattern.length && pattern[p] === ANY_SEGMENTS) {
      starP = p++;
      starS = s;
    } else if (p < pattern.length && matchSegment(pattern[p], path[s])) {
      p++;
      s++;
    } else if (starP !== -1) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === ANY_SEGMENTS) p++;
  return p === pattern.length;
}

function matchSegment(pattern: string, segment: string): boolean {
  if (pattern === '*') return segment.length > 0;
  if (!pattern.includes('*')) return pattern === segment;
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < segment.length) {
    if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starS = s;
    } else if (p < pattern.length && pattern[p] === segment[s]) {
      p++;
      s++;
    } else if (starP !== -1) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
