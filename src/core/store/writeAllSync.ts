import * as fs from 'node:fs';

/** Appends every byte of the buffers to the file, in order, however many write calls that takes. */
export function writeAllSync(fd: number, buffers: readonly Uint8Array[]): void {
  let total = 0;
  for (const buffer of buffers) total += buffer.byteLength;
  const written = buffers.length === 1 ? fs.writeSync(fd, buffers[0]) : fs.writevSync(fd, buffers);
  if (written === total) return;
  const rest = Buffer.concat(buffers).subarray(written);
  for (let at = 0; at < rest.length; ) at += fs.writeSync(fd, rest, at);
}
