import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';

const HEADER_BLOCK_END = Buffer.from('\r\n\r\n');
const HOST_LINE = /(\r\nhost:[ \t]*)[^\r\n]*/i;
/** A header block longer than this is passed on untouched (Node's own limit is 16 KiB). */
const MAX_HEADER_BLOCK_BYTES = 64 * 1024;

/**
 * Writes `host` into the Host header of the first request on a tunnelled connection, as
 * localtunnel's client does, but byte-safe: localtunnel decodes chunks as UTF-8 (body bytes that
 * are not valid UTF-8 come out as U+FFFD) and keeps searching every later chunk, body included,
 * until it finds a Host line. This waits for the whole header block, rewrites only inside it
 * (in latin1, which maps every byte to one character and back), and passes every other byte on
 * exactly as it came.
 */
export class ByteSafeHostRewrite extends Transform {
  private pending: Buffer | undefined = Buffer.alloc(0);

  constructor(private readonly host: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.pending === undefined) {
      callback(null, chunk);
      return;
    }
    const buffered = Buffer.concat([this.pending, chunk]);
    const end = buffered.indexOf(HEADER_BLOCK_END);
    if (end === -1 && buffered.length < MAX_HEADER_BLOCK_BYTES) {
      this.pending = buffered;
      callback();
      return;
    }
    this.pending = undefined;
    if (end === -1 || end > MAX_HEADER_BLOCK_BYTES) {
      callback(null, buffered);
      return;
    }
    const headerBlock = buffered.subarray(0, end).toString('latin1').replace(HOST_LINE, (_line, prefix: string) => prefix + this.host);
    callback(null, Buffer.concat([Buffer.from(headerBlock, 'latin1'), buffered.subarray(end)]));
  }

  override _flush(callback: TransformCallback): void {
    const rest = this.pending;
    this.pending = undefined;
    callback(null, rest?.length ? rest : undefined);
  }
}
