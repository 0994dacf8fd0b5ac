// Pieces of Python syntax the generators share.

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Python's keywords: never usable as a name, nor as a key in class-syntax TypedDicts (soft keywords such as `type` are). */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from global if import in ' +
    'is lambda nonlocal not or pass raise return try while with yield').split(' '),
);

/**
 * A Python string literal: JSON's escapes (\" \\ \n \uXXXX) are all valid Python escapes, and
 * other characters stay as they are in the UTF-8 source.
 */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** Whether a name can be a Python identifier, keywords excluded. */
export function isPythonName(name: string): boolean {
  return IDENTIFIER.test(name) && !PYTHON_KEYWORDS.has(name);
}

/** Text safe inside a `"""` docstring: backslashes and quotes escaped, so nothing closes it early. */
export function docstringText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"(?="")/g, '\\"').replace(/"$/, '\\"');
}

/** `push` → `on_push`, `customer.subscription.created` → `on_customer_subscription_created`; collisions numbered. */
export function pythonHandlerNames(eventNames: readonly string[]): string[] {
  const taken = new Set<string>();
  return eventNames.map((eventName) => {
    const words = eventName
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((word) => word.toLowerCase());
    const base = `on_${words.join('_') || 'event'}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    return name;
  });
}

/**
 * PEP 8's blank lines for a whole module: two around top-level definitions (and after a block
 * ends), one elsewhere, never more.
 */
export function pep8BlankLines(source: string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  const definition = /^(?:def |async def |class |@)/;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() !== '') {
      out.push(line);
      continue;
    }
    let next = i;
    while (next < lines.length && lines[next].trim() === '') next++;
    if (next >= lines.length) break;
    const following = lines[next];
    const previous = out[out.length - 1] ?? '';
    const topLevel = !/^\s/.test(following);
    // A comment right above a definition belongs to it.
    let target = next;
    while (target < lines.length && /^#/.test(lines[target])) target++;
    const beforeDefinition = topLevel && definition.test(lines[target] ?? '');
    const afterBlock = topLevel && /^\s/.test(previous);
    const blank = out.length === 0 ? 0 : beforeDefinition || afterBlock ? 2 : 1;
    for (let n = 0; n < blank; n++) out.push('');
    i = next - 1;
  }
  return `${out.join('\n')}\n`;
}
