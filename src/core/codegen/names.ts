// Turning JSON keys into property keys and type names.

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

/** A key as written in an interface: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  return isIdentifier(key) ? key : JSON.stringify(key);
}

/** `pull_request` → `PullRequest`, `content-type` → `ContentType`, `+1` → `Key1`. */
export function typeNameOf(key: string): string {
  const name = key
    .split(/[^\p{ID_Continue}]|_/u)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return /^\p{ID_Start}/u.test(name) ? name : `Key${name}`;
}

/** The type name of one element of an array held under `name`: `Commits` → `Commit`. */
export function singularOf(name: string): string {
  if (/[^aeiou]ies$/i.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ss|us|x|ch|sh)es$/i.test(name)) return name.slice(0, -2);
  if (/[^su]s$/i.test(name) && !/is$/i.test(name)) return name.slice(0, -1);
  if (/children$/i.test(name)) return name.slice(0, -3);
  if (/people$/i.test(name)) return `${name.slice(0, -6)}${name.slice(-6, -5)}erson`;
  return name;
}
