/** Characters per block of a long text: small enough to lay out in a few milliseconds. */
export const BLOCK_CHARS = 16 * 1024;

/**
 * Where to cut `text` into blocks of about `size` characters: after a line break when one is in the
 * second half of the block (so blocks end where lines do), else at the size, never inside a
 * surrogate pair. Returns the start of every block.
 */
export function blockStarts(text: string, size = BLOCK_CHARS): number[] {
  const starts: number[] = [];
  let start = 0;
  while (start < text.length) {
    starts.push(start);
    let end = start + size;
    if (end >= text.length) break;
    const newline = lastNewlineBetween(text, start + size / 2, end);
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
 * The last line break in text[from, to), or -1. Not lastIndexOf: it has no lower bound, and on a
 * text of one long line (minified JSON) it would scan back to the start for every block.
 */
function lastNewlineBetween(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (text.charCodeAt(i) === 10) return i;
  return -1;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
