/** How a captured path is combined with the target URL. */
export type PathMode = 'keep' | 'target';

export interface ForwardTarget {
  /** Where to send, e.g. `http://localhost:3000/webhooks`. */
  url: string;
  /**
   * `keep`: the captured path and query on the target's origin (the target's own path is dropped).
   * `target`: the target URL as given, with the captured query appended to its own.
   */
  pathMode: PathMode;
}

/** The full URL a request captured at `requestUrl` (path + query) is sent to. Throws on a target that is not a URL. */
export function forwardUrl(requestUrl: string, target: ForwardTarget): URL {
  const base = new URL(target.url);
  const q = requestUrl.indexOf('?');
  const path = q === -1 ? requestUrl : requestUrl.slice(0, q);
  const query = q === -1 ? '' : requestUrl.slice(q + 1);
  if (target.pathMode === 'keep') {
    // Assigned as text so the captured escapes reach the target as they arrived.
    const url = new URL(base.origin);
    url.pathname = path.startsWith('/') ? path : `/${path}`;
    url.search = query;
    return url;
  }
  if (query) {
    const own = base.search.slice(1);
    base.search = own ? `${own}&${query}` : query;
  }
  return base;
}
