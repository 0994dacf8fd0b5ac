/** Characters per block of a long text: small enough to lay out in a few milliseconds. */
export const BLOCK_CHARS = 16 * 1024;

/**
 * Where to cut `text` into blocks of about `size` characters: after a line break when one is in the
 * second half of the block (so blocks end where lines do), else at the size, never inside a
 * surrogate pair. Returns the start of every block.
 */
export function blockStarts(text: string, size = BLOCK_CHARS): number[] {
  const starts: number[] = [];
  const newlines = new NewlineFinder(text);
  let start = 0;
  while (start < text.length) {
    starts.push(start);
    let end = start + size;
    if (end >= text.length) break;
    const newline = newlines.lastBetween(start + size / 2, end);
    if (newline >= 0) end = newline + 1;
    else if (isLowSurrogate(text.charCodeAt(end))) end -= 1;
    start = end;
  }
  return starts;
}

/** About how many lines a block takes when wrapped at `columns`, for the space it holds before it is laid out. */
export function estimatedLines(text: string, columns = 100): number {
  let lines = 0;
  let from = 0;
  for (;;) {
    const newline = text.indexOf('\n', from);
    const end = newline === -1 ? text.length : newline;
    lines += Math.max(1, Math.ceil((end - from) / columns));
    if (newline === -1 || newline === text.length - 1) return lines;
    from = newline + 1;
  }
}

/**
 * The last line break in text[from, to), for ranges that move forward, with the native indexOf:
 * a one-line text (minified JSON) is scanned once in all, not once per block from its end.
 */
class NewlineFinder {
  /** The first line break at or after `searchedFrom` (-1: none in the rest of the text). */
  private next: number | undefined;
  private searchedFrom = 0;

  constructor(private readonly text: string) {}

  lastBetween(from: number, to: number): number {
    let found = -1;
    let at = this.firstFrom(from);
    while (at !== -1 && at < to) {
      found = at;
      at = this.firstFrom(at + 1);
    }
    return found;
  }

  /** The first line break at or after `from`, searched again only when `from` passed the one known. */
  private firstFrom(from: number): number {
    const known = this.next !== undefined && from >= this.searchedFrom && (this.next === -1 || from <= this.next);
    if (!known) {
      this.next = this.text.indexOf('\n', from);
      this.searchedFrom = from;
    }
    return this.next!;
  }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
