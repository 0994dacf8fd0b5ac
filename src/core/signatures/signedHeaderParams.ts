/**
 * The `key=value` items of a signature header such as Stripe's `t=1,v1=ab,v1=cd` or Paddle's
 * `ts=1;h1=ab`, in order (keys may repeat). Returns the first item that is not `key=value` instead,
 * so the caller can call the header malformed.
 */
export function parseSignedHeaderParams(value: string, separator: ',' | ';'): { pairs: Array<[key: string, value: string]> } | { notAPair: string } {
  const pairs: Array<[string, string]> = [];
  for (const item of value.split(separator)) {
    const eq = item.indexOf('=');
    if (eq <= 0) return { notAPair: item.trim() };
    pairs.push([item.slice(0, eq).trim(), item.slice(eq + 1).trim()]);
  }
  return { pairs };
}
