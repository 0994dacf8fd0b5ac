import * as fs from 'node:fs/promises';

export interface JournalLine {
  /**
   * The line's bytes without the newline. A view into a buffer reused for the next line: decode it
   * before asking for the next one.
   */
  bytes: Buffer;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  /** Length in bytes, without the newline. */
  length: number;
  /** False for a last line that never got its newline (a write cut short). */
  complete: boolean;
}

/** Reads a journal file and yields its lines with their byte positions; nothing when it does not exist. */
export async function* readJournalLines(file: string, chunkSize = 1 << 20): AsyncGenerator<JournalLine> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    let carry = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    const chunk = Buffer.allocUnsafe(chunkSize);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunkSize, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
        yield { bytes: data.subarray(start, nl), offset: carryOffset + start, length: nl - start, complete: true };
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
      carryOffset += start;
    }
    if (carry.length) yield { bytes: carry, offset: carryOffset, length: carry.length, complete: false };
  } finally {
    await handle.close();
  }
}
