import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { encodeLines } from './journalLineCodec';
import type { JournalRecord } from './journalRecord';
import { writeAllSync } from './writeAllSync';

export const JOURNAL_NAME = 'journal.jsonl';

/** Where one line is in the journal: its first byte and its length without the newline. */
export interface LinePlace {
  offset: number;
  length: number;
}

/**
 * The journal file: checksummed lines appended synchronously (a blocking append to the page cache
 * costs less than a thread-pool round trip), read back one line at a time, and replaced whole.
 */
export class JournalFile {
  readonly file: string;
  private fd: number | undefined;

  /** `size`: where the next line goes (the end of the last good line). */
  constructor(
    folder: string,
    private size: number,
  ) {
    this.file = path.join(folder, JOURNAL_NAME);
  }

  get byteSize(): number {
    return this.size;
  }

  /** Appends the records in one write and returns where each line went. */
  append(records: readonly JournalRecord[]): LinePlace[] {
    this.fd ??= fs.openSync(this.file, 'a');
    const { bytes, places } = encodeLines(records);
    try {
      writeAllSync(this.fd, [bytes]);
    } catch (error) {
      this.dropPartialWrite();
      throw error;
    }
    for (const place of places) place.offset += this.size;
    this.size += bytes.length;
    return places;
  }

  async readLine(place: LinePlace): Promise<Buffer> {
    const handle = await fsp.open(this.file, 'r');
    try {
      const buffer = Buffer.alloc(place.length);
      const { bytesRead } = await handle.read(buffer, 0, place.length, place.offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async readAll(): Promise<Buffer> {
    return fsp.readFile(this.file);
  }

  /** Replaces the whole journal atomically (a temporary file renamed over it). */
  async replace(content: Uint8Array): Promise<void> {
    const temporary = `${this.file}.tmp`;
    await fsp.writeFile(temporary, content);
    this.close();
    await fsp.rename(temporary, this.file);
    this.size = content.byteLength;
  }

  /** Cuts the file back to `size` bytes (a torn or garbled tail), so the next line starts clean. */
  async truncate(size: number): Promise<void> {
    this.close();
    await fsp.truncate(this.file, size);
    this.size = size;
  }

  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    fs.closeSync(fd);
  }

  /**
   * After a failed write (a full disk): cuts off whatever part of it landed, so the next line does
   * not start mid-line, and lets the next write open the file afresh.
   */
  private dropPartialWrite(): void {
    try {
      if (this.fd !== undefined) fs.ftruncateSync(this.fd, this.size);
    } catch {
      // Nothing more to do: a cut-short line is dropped when the journal is next opened.
    }
    try {
      this.close();
    } catch {
      this.fd = undefined;
    }
  }
}
