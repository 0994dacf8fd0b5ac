/** Edits on a raw header list ([name, value, …]) that keep every other header where it was. */

export function rawHeaderValue(rawHeaders: readonly string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === lower) return rawHeaders[i + 1];
  return undefined;
}

/** Sets a header in place (keeping the spelling the sender used), dropping repeats; appends it when absent. */
export function setRawHeader(rawHeaders: readonly string[], name: string, value: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  let set = false;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() !== lower) out.push(rawHeaders[i], rawHeaders[i + 1]);
    else if (!set) {
      out.push(rawHeaders[i], value);
      set = true;
    }
  }
  if (!set) out.push(name, value);
  return out;
}
