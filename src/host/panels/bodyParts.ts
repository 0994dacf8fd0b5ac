import type { BodySnapshot, HostMessage } from '../../shared/protocol';

/**
 * Bodies larger than this go to the payload view in parts: the first FIRST_PART_BYTES with the
 * capture, so the view shows the top of the body at once, then the rest BODY_PART_BYTES at a time.
 * In code-server a 5 MB message takes a few hundred milliseconds to cross to the browser, and the
 * view can do nothing with it until the last byte is there.
 */
export const PARTED_BODY_BYTES = 512 * 1024;
export const FIRST_PART_BYTES = 128 * 1024;
export const BODY_PART_BYTES = 1024 * 1024;

/** The body as `showCapture` carries it and, for a large one, the `bodyPart` messages that follow. */
export function bodyInParts(captureId: string, body: Uint8Array): { body: BodySnapshot; parts: HostMessage[] } {
  if (body.length <= PARTED_BODY_BYTES) return { body: wholeBody(body), parts: [] };
  const parts: HostMessage[] = [];
  for (let offset = FIRST_PART_BYTES; offset < body.length; offset += BODY_PART_BYTES) {
    parts.push({ type: 'bodyPart', captureId, offset, bytes: exactCopy(body, offset, offset + BODY_PART_BYTES) });
  }
  return { body: { encoding: 'head', bytes: exactCopy(body, 0, FIRST_PART_BYTES), size: body.length }, parts };
}

/**
 * A plain Uint8Array over exactly the body's bytes. VS Code sends a typed array's whole underlying
 * buffer (a Buffer from Node's pool holds other data too), and JSON-encodes a Buffer through its
 * toJSON as an array of numbers: neither may reach postMessage.
 */
export function wholeBody(body: Uint8Array): BodySnapshot {
  const exact = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
  const bytes = exact ? new Uint8Array(body.buffer, 0, body.byteLength) : new Uint8Array(body);
  return { encoding: 'bytes', bytes };
}

/** Bytes `start` to `end` of `body` in a buffer of their own (see wholeBody). */
function exactCopy(body: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(body.subarray(start, Math.min(end, body.length)));
}
