import type { PathSegment } from './jsonPath';

/** The members of a JSON text's first part that arrived whole, parsed, and the containers still open. */
export interface JsonPrefix {
  value: unknown;
  /**
   * The path of the deepest container still open at the cut: it and each container on the way to it
   * are cut short (more members follow in the rest of the text); every other container is whole.
   * Undefined when the text was a whole JSON value.
   */
  openPath: PathSegment[] | undefined;
}

interface OpenContainer {
  closer: '}' | ']';
  /** The member being read: its index in an array, its key in an object (once read). */
  index: number;
  key?: string;
  expectKey: boolean;
}

/**
 * Parses the first part of a JSON text (an object or array) as far as whole members go: the text is
 * cut after the last member that is complete, the containers still open are closed, and the result
 * goes through JSON.parse, so every value shown is exactly what the whole text holds there. Undefined
 * when the part is not the beginning of a JSON object or array (the whole text decides, once here).
 */
export function parseJsonPrefix(text: string): JsonPrefix | undefined {
  const stack: OpenContainer[] = [];
  let cut = -1;
  let cutClosers = '';
  let cutPath: PathSegment[] | undefined = [];
  const markCut = (at: number) => {
    cut = at;
    cutClosers = '';
    for (let i = stack.length - 1; i >= 0; i--) cutClosers += stack[i].closer;
    cutPath = [];
    for (let i = 0; i + 1 < stack.length; i++) cutPath.push(segmentOf(stack[i]));
  };
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  const first = text[i];
  if (first !== '{' && first !== '[') return undefined;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (end < 0) break;
      const top = stack[stack.length - 1];
      if (top?.expectKey) {
        const raw = text.slice(i + 1, end);
        try {
          top.key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        } catch {
          return undefined;
        }
        top.expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push({ closer: c === 0x7b ? '}' : ']', index: 0, expectKey: c === 0x7b });
      markCut(i + 1);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      markCut(i + 1);
      if (stack.length === 0) {
        cutPath = undefined;
        break;
      }
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (!top) return undefined;
      markCut(i);
      top.index++;
      top.key = undefined;
      top.expectKey = top.closer === '}';
    }
  }
  if (cut < 0) return undefined;
  try {
    return { value: JSON.parse(text.slice(0, cut) + cutClosers), openPath: cutPath };
  } catch {
    return undefined;
  }
}

function segmentOf(container: OpenContainer): PathSegment {
  return container.closer === ']' ? container.index : container.key ?? '';
}

/** The index of the quote closing the string that opens at `start`, or -1 if the text ends first. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
