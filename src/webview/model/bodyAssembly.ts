/**
 * A large body put back together from its first part (in `showCapture`) and the `bodyPart` messages
 * after it: each part is copied into place once, and the whole body is given back when the last
 * byte is in. Parts must come in order, without gaps or overlaps, and not beyond the announced size.
 */
export class BodyAssembly {
  private readonly bytes: Uint8Array;
  private received: number;

  constructor(
    readonly captureId: string,
    head: Uint8Array,
    readonly size: number,
  ) {
    if (head.length > size) throw new RangeError(`The first part (${head.length} bytes) is larger than the body (${size} bytes).`);
    this.bytes = new Uint8Array(size);
    this.bytes.set(head);
    this.received = head.length;
  }

  get receivedBytes(): number {
    return this.received;
  }

  /** Adds the part at `offset`; the whole body when this was its last part, else undefined. */
  add(offset: number, part: Uint8Array): Uint8Array | undefined {
    if (offset !== this.received) throw new RangeError(`A part of the body came at byte ${offset}, expected at ${this.received}.`);
    if (offset + part.length > this.size) throw new RangeError(`A part of the body ends at byte ${offset + part.length}, past its size ${this.size}.`);
    this.bytes.set(part, offset);
    this.received += part.length;
    return this.received === this.size ? this.bytes : undefined;
  }
}
