// Characters that reorder or hide the text around them ("Trojan Source", CVE-2021-42574). A payload
// holding them could make a value read differently from what it is, so the view shows each as a
// visible marker instead.
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export interface TextPiece {
  text: string;
  /** True when `text` is the visible marker standing for one bidi control character. */
  bidiControl: boolean;
}

export function hasBidiControls(text: string): boolean {
  return BIDI_CONTROL.test(text);
}

/** `⟨U+202E⟩` for U+202E. */
export function bidiMarker(char: string): string {
  return `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Splits `text` into plain runs and markers standing for its bidi control characters. */
export function splitBidiControls(text: string): TextPiece[] {
  if (!hasBidiControls(text)) return [{ text, bidiControl: false }];
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(BIDI_CONTROLS)) {
    const at = match.index;
    if (at > last) pieces.push({ text: text.slice(last, at), bidiControl: false });
    pieces.push({ text: bidiMarker(match[0]), bidiControl: true });
    last = at + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), bidiControl: false });
  return pieces;
}
