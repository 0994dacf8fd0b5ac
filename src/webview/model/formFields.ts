/** A name and value as decoded, in the order sent; repeated names stay separate pairs. */
export type FieldPair = [string, string];

/** Decodes `application/x-www-form-urlencoded` text (`+` is a space; bad `%` escapes stay as sent). */
export function parseFormFields(text: string): FieldPair[] {
  return [...new URLSearchParams(text)];
}

/** The query parameters of a request target such as `/hooks/x?a=1&a=2`. */
export function queryFields(url: string): FieldPair[] {
  const question = url.indexOf('?');
  if (question < 0) return [];
  const hash = url.indexOf('#', question);
  return parseFormFields(url.slice(question + 1, hash < 0 ? undefined : hash));
}
