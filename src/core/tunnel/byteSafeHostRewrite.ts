import HeaderHostTransformer = require('localtunnel/lib/HeaderHostTransformer');
import type { TransformCallback } from 'node:stream';

const HOST_HEADER = /(\r\n[Hh]ost: )\S+/;
let installed = false;

/**
 * localtunnel rewrites the Host header of tunnelled requests by decoding chunks as UTF-8 until it
 * finds the header, so body bytes that share a chunk with the headers and are not valid UTF-8
 * come out as U+FFFD (a different body, a wrong Content-Length, a broken signature). This does
 * the same rewrite in latin1, which maps every byte to one character and back.
 */
export function makeHostRewriteByteSafe(): void {
  if (installed) return;
  installed = true;
  HeaderHostTransformer.prototype._transform = function (this: HeaderHostTransformer, chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.replaced) {
      callback(null, chunk);
      return;
    }
    const rewritten = chunk.toString('latin1').replace(HOST_HEADER, (_match, prefix: string) => {
      this.replaced = true;
      return prefix + this.host;
    });
    callback(null, this.replaced ? Buffer.from(rewritten, 'latin1') : chunk);
  };
}
